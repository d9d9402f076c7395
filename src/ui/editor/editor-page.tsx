/**
 * The region editor page, whatever hosts it: reads the panel's input, shows the editor, and closes
 * with the result. The Express dialog (main.tsx), the playground's overlay and the in-panel
 * fallback each provide an EditorPageHost.
 */
import { StrictMode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { parseRegionEditorInput, type RegionEditorInput, type RegionEditorResult } from "../../contract/region-editor";
import { RegionEditor } from "./RegionEditor";
import type { ClickSegmenter } from "./segmenter-port";

export interface EditorPageHost {
  /** The input the panel left for this editor (clientStorage in Express). */
  readInput(): Promise<unknown>;
  /** Ends the editor with its result (`runtime.dialog.close(result)` in Express). */
  close(result: RegionEditorResult): void;
  /** True when the host frames the page with the title already (Express's dialog header). */
  hostShowsTitle?: boolean;
  /** Click-to-select for this picture, when the page can run one. */
  createSegmenter?(input: RegionEditorInput, picture: ImageBitmap): ClickSegmenter | null;
}

export async function mountEditorPage(element: HTMLElement, host: EditorPageHost): Promise<Root> {
  const root = createRoot(element);
  let input: RegionEditorInput;
  let bitmap: ImageBitmap;
  try {
    input = parseRegionEditorInput(await host.readInput());
    bitmap = await createImageBitmap(new Blob([new Uint8Array(input.image)], { type: input.imageType }));
  } catch (error) {
    root.render(
      <div className="editor-error" role="alert">
        {(error as Error).message || String(error)}{" "}
        <button type="button" className="editor-button" onClick={() => host.close({ status: "cancelled", sessionId: "" })}>
          Close
        </button>
      </div>,
    );
    return root;
  }
  const segmenter = host.createSegmenter?.(input, bitmap) ?? null;
  const finish = (result: RegionEditorResult) => {
    segmenter?.dispose();
    host.close(result);
  };
  root.render(
    <StrictMode>
      <RegionEditor
        title={input.title}
        titleHidden={host.hostShowsTitle === true}
        width={input.width}
        height={input.height}
        picture={{ bitmap, x: 0, y: 0 }}
        startMask={input.mask}
        growPx={input.growPx}
        featherPx={input.featherPx}
        segmenter={segmenter}
        onDone={(r) => finish({ status: "done", sessionId: input.sessionId, width: input.width, height: input.height, ...r })}
        onCancel={() => finish({ status: "cancelled", sessionId: input.sessionId })}
      />
    </StrictMode>,
  );
  return root;
}
