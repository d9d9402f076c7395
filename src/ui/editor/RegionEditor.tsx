/**
 * The region editor: mark what to repaint on a big canvas (brush, eraser, click-select), with the
 * fill's grow/feather previewed around it. Done hands the mask back; Cancel or Escape drops the
 * edits. Hosted by the editor page in an Express dialog, the playground's overlay, or in the panel.
 */
import { useEffect, useMemo, useReducer, useRef, useState } from "react";
import { ActionButtons, BrushSize, RangeField, ToolButtons } from "./editor-toolbar";
import { EditorCanvas, type CanvasPicture } from "./editor-canvas";
import { commandForKey, type EditorCommand } from "./editor-keys";
import { MaskEditorModel, type EditorTool } from "./mask-editor-model";
import { MaskOverlay } from "./mask-overlay";
import type { ClickSegmenter } from "./segmenter-port";
import { useClickSelect } from "./use-click-select";
import { centred, fitView, panBy, zoomAt, ZOOM_STEP, type View } from "./view-transform";
import "./region-editor.css";

export interface RegionEditorProps {
  title: string;
  /** Keep the heading for screen readers only (the dialog's frame already shows the title). */
  titleHidden?: boolean;
  width: number;
  height: number;
  picture: CanvasPicture;
  startMask: Uint8Array | null;
  growPx: number;
  featherPx: number;
  /** Click-to-select; without one the Select tool is not offered. */
  segmenter?: ClickSegmenter | null;
  onDone(result: { mask: Uint8Array; growPx: number; featherPx: number }): void;
  onCancel(): void;
}

const MAX_PREVIEW_PX = 64;

export function RegionEditor(props: RegionEditorProps) {
  const { width, height, picture } = props;
  const model = useMemo(() => new MaskEditorModel(width, height, props.startMask), [width, height, props.startMask]);
  const overlay = useMemo(() => new MaskOverlay(model.mask), [model]);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [grow, setGrow] = useState(props.growPx);
  const [feather, setFeather] = useState(props.featherPx);
  const [view, setViewState] = useState<View>(() => fitView(width, height, 800, 600));
  const viewport = useRef({ width: 800, height: 600 });
  const fitted = useRef(false);
  const select = useClickSelect(model, props.segmenter ?? null);

  useEffect(() => model.subscribe(rerender), [model]);
  // The halo (grow/feather preview) follows the mask once a stroke or edit is finished.
  const settled = model.stroking ? -1 : model.version;
  useEffect(() => {
    if (settled < 0) return;
    overlay.updatePainted({ x: 0, y: 0, width, height });
    overlay.updateHalo(grow, feather);
    rerender();
  }, [settled, grow, feather, overlay, width, height]);

  const setView = (update: (v: View) => View) => setViewState((v) => update(v));
  const fit = () => setViewState(fitView(width, height, viewport.current.width, viewport.current.height));
  useEffect(() => {
    // Fit once the canvas has measured its viewport.
    const id = requestAnimationFrame(() => {
      if (!fitted.current) fit();
      fitted.current = true;
    });
    return () => cancelAnimationFrame(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const done = () => props.onDone({ mask: model.mask.data.slice(), growPx: grow, featherPx: feather });
  const zoom = (direction: 1 | -1) => setView((v) => zoomAt(v, direction > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, viewport.current.width / 2, viewport.current.height / 2));

  const run = (command: EditorCommand) => {
    switch (command.kind) {
      case "tool":
        if (command.tool !== "select" || select.available) model.setTool(command.tool);
        return;
      case "size":
        return model.stepBrushSize(command.direction);
      case "invert":
        return model.invert();
      case "clear":
        return model.clear();
      case "undo":
        return model.undo();
      case "redo":
        return model.redo();
      case "zoom":
        return zoom(command.direction);
      case "fit":
        return fit();
      case "actual-size":
        return setViewState(centred(width, height, viewport.current.width, viewport.current.height, 1));
      case "pan":
        return setView((v) => panBy(v, command.dx, command.dy));
      case "apply-selection":
        return select.apply();
      case "cancel":
        return props.onCancel();
    }
  };
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const command = commandForKey(e);
      if (!command) return;
      e.preventDefault();
      runRef.current(command);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const tools: EditorTool[] = select.available ? ["brush", "eraser", "select"] : ["brush", "eraser"];
  return (
    <div className="region-editor" data-testid="region-editor" role="dialog" aria-modal="true" aria-labelledby="region-editor-title">
      <header className="editor-bar">
        <h1 id="region-editor-title" className={props.titleHidden ? "editor-title visually-hidden" : "editor-title"}>
          {props.title}
        </h1>
        <ToolButtons tool={model.tool} tools={tools} onTool={(t) => run({ kind: "tool", tool: t })} />
        <BrushSize size={model.brushSize} onSize={(v) => model.setBrushSize(v)} />
        <ActionButtons
          label="Edit"
          actions={[
            { id: "undo", label: "Undo", shortcut: "Control+Z", disabled: !model.canUndo, run: () => model.undo() },
            { id: "redo", label: "Redo", shortcut: "Control+Shift+Z", disabled: !model.canRedo, run: () => model.redo() },
            { id: "invert", label: "Invert", shortcut: "I", run: () => model.invert() },
            { id: "clear", label: "Clear", shortcut: "Delete", run: () => model.clear() },
          ]}
        />
        <ActionButtons
          label="Zoom"
          actions={[
            { id: "zoom-out", label: "−", shortcut: "-", run: () => zoom(-1) },
            { id: "fit", label: `${Math.round(view.zoom * 100)} %`, shortcut: "0", run: fit },
            { id: "zoom-in", label: "+", shortcut: "+", run: () => zoom(1) },
          ]}
        />
      </header>
      {select.toolbar(model.tool === "select")}
      <div className="editor-stage">
        <EditorCanvas
          model={model}
          overlay={overlay}
          picture={picture}
          view={view}
          setView={setView}
          viewportRef={viewport}
          drawExtra={select.draw}
          onSelectGesture={select.onGesture}
          redrawKey={`${model.version}:${select.version}`}
        />
      </div>
      <footer className="editor-bar">
        <RangeField id="editor-grow" label="Grow" value={grow} min={0} max={MAX_PREVIEW_PX} onChange={setGrow} hint="Pixels the model repaints beyond the mark" />
        <RangeField id="editor-feather" label="Feather" value={feather} min={0} max={MAX_PREVIEW_PX} onChange={setFeather} hint="Soft blend around the grown edge" />
        <p className="editor-hint" id="editor-hint">
          {model.empty ? "Paint over what to change (Done with nothing marked goes back to the shapes)." : "Tinted: repainted. Lighter edge: grow and feather."} Escape cancels.
        </p>
        <div className="editor-group editor-finish">
          <button type="button" className="editor-button" data-testid="editor-cancel" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="button" className="editor-button editor-primary" data-testid="editor-done" aria-describedby="editor-hint" onClick={done}>
            Done
          </button>
        </div>
      </footer>
    </div>
  );
}
