/**
 * The fallback: the region editor over the whole panel, in the panel's own document. Used where
 * the host cannot open a custom dialog (and by tests of the editor itself).
 */
import type { RegionEditorInput, RegionEditorResult } from "../../contract/region-editor";
import { mountEditorPage } from "./editor-page";
import type { RegionEditorLauncher } from "./open-region-editor";
import type { ClickSegmenter } from "./segmenter-port";

export function inPanelLauncher(createSegmenter?: (input: RegionEditorInput, picture: ImageBitmap) => ClickSegmenter | null): RegionEditorLauncher {
  return {
    kind: "in-panel",
    open(input) {
      return new Promise<RegionEditorResult>((resolve) => {
        const previousFocus = document.activeElement as HTMLElement | null;
        const layer = document.createElement("div");
        layer.className = "region-editor-layer";
        layer.setAttribute("data-testid", "region-editor-layer");
        Object.assign(layer.style, { position: "fixed", inset: "0", zIndex: "1000" });
        document.body.append(layer);
        let root: Awaited<ReturnType<typeof mountEditorPage>> | null = null;
        void mountEditorPage(layer, {
          readInput: async () => input,
          close(result) {
            // Unmount after this event finishes: React must not unmount from inside its own handler.
            setTimeout(() => {
              root?.unmount();
              layer.remove();
              previousFocus?.focus?.();
            });
            resolve(result);
          },
          createSegmenter,
        }).then((r) => (root = r));
      });
    },
  };
}
