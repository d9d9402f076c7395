/**
 * Click-to-select inside the region editor: clicks (positive; right- or Alt-click negative) and a
 * dragged box build a prompt, every change decodes a candidate through the ClickSegmenter, the
 * candidate is shown outlined in blue, and Apply (Enter) adds it to the mask or cuts it out.
 */
import { useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from "react";
import type { GrayImage } from "../../imaging";
import type { SelectGesture } from "./editor-canvas";
import type { MaskEditorModel } from "./mask-editor-model";
import type { ClickPoint, ClickPrompt, ClickSegmenter, SegmenterState } from "./segmenter-port";
import { maskToScreen, type View } from "./view-transform";

export interface ClickSelect {
  available: boolean;
  version: number;
  apply(): void;
  draw(ctx: CanvasRenderingContext2D, view: View): void;
  onGesture(gesture: SelectGesture): void;
  toolbar(visible: boolean): ReactNode;
}

function candidateCanvas(mask: GrayImage): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = mask.width;
  canvas.height = mask.height;
  const ctx = canvas.getContext("2d")!;
  const image = ctx.createImageData(mask.width, mask.height);
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i] === 0) continue;
    image.data.set([20, 115, 230, 110], i * 4);
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

function stateText(state: SegmenterState): string {
  switch (state.kind) {
    case "unavailable":
    case "failed":
      return state.message;
    case "needs-download":
      return state.message;
    case "downloading":
      return `Downloading the object selector… ${Math.round(state.fraction * 100)} %`;
    case "preparing":
      return "Reading the picture… (once per picture)";
    case "ready":
      return "Click an object (right-click or Alt-click: not this), or drag a box. Enter applies.";
  }
}

export function useClickSelect(model: MaskEditorModel, segmenter: ClickSegmenter | null): ClickSelect {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  const prompt = useRef<ClickPrompt>({ points: [] });
  const candidate = useRef<{ mask: GrayImage; canvas: HTMLCanvasElement } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [lastMs, setLastMs] = useState<number | null>(null);
  const request = useRef(0);

  useEffect(() => segmenter?.subscribe(rerender), [segmenter]);
  const state = segmenter?.state() ?? null;

  const reset = () => {
    prompt.current = { points: [] };
    candidate.current = null;
    bump();
  };

  const decode = async () => {
    if (!segmenter) return;
    const id = ++request.current;
    setBusy(true);
    setError(null);
    const t0 = performance.now();
    try {
      if (segmenter.state().kind !== "ready") await segmenter.prepare();
      const mask = await segmenter.segment({ points: [...prompt.current.points], box: prompt.current.box });
      if (id !== request.current) return;
      candidate.current = { mask, canvas: candidateCanvas(mask) };
      setLastMs(performance.now() - t0);
    } catch (e) {
      if (id === request.current) setError((e as Error).message);
    } finally {
      if (id === request.current) setBusy(false);
      bump();
    }
  };

  const onGesture = (gesture: SelectGesture) => {
    if (gesture.point) {
      const p: ClickPoint = { x: gesture.point.x, y: gesture.point.y, label: gesture.point.negative ? 0 : 1 };
      prompt.current = { ...prompt.current, points: [...prompt.current.points, p] };
    } else if (gesture.box) prompt.current = { ...prompt.current, box: gesture.box };
    bump();
    void decode();
  };

  const apply = () => {
    if (!candidate.current) return;
    model.applySelection(candidate.current.mask, model.selectMode);
    reset();
  };

  const draw = (ctx: CanvasRenderingContext2D, view: View) => {
    if (candidate.current) {
      ctx.setTransform(view.zoom, 0, 0, view.zoom, view.panX, view.panY);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(candidate.current.canvas, 0, 0);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
    }
    const box = prompt.current.box;
    if (box) {
      const a = maskToScreen(view, box.x0, box.y0), b = maskToScreen(view, box.x1, box.y1);
      ctx.strokeStyle = "#1473e6";
      ctx.lineWidth = 2;
      ctx.strokeRect(a.x, a.y, b.x - a.x, b.y - a.y);
    }
    for (const p of prompt.current.points) {
      const s = maskToScreen(view, p.x, p.y);
      ctx.beginPath();
      ctx.arc(s.x, s.y, 6, 0, Math.PI * 2);
      ctx.fillStyle = p.label === 1 ? "#2d9d78" : "#d7373f";
      ctx.fill();
      ctx.strokeStyle = "#fff";
      ctx.lineWidth = 2;
      ctx.stroke();
    }
  };

  const toolbar = (visible: boolean): ReactNode => {
    if (!visible || !segmenter || !state) return null;
    const status = error ?? (busy ? "Selecting…" : stateText(state));
    return (
      <div className="editor-bar editor-select-bar" data-testid="editor-select-bar">
        <div className="editor-group" role="group" aria-label="Selection joins the mask">
          {(["add", "subtract"] as const).map((mode) => (
            <button key={mode} type="button" className="editor-button" aria-pressed={model.selectMode === mode} data-testid={`editor-select-${mode}`} onClick={() => model.setSelectMode(mode)}>
              {mode === "add" ? "Add" : "Subtract"}
            </button>
          ))}
        </div>
        {state.kind === "needs-download" && (
          <button type="button" className="editor-button" data-testid="editor-select-download" onClick={() => void segmenter.prepare().catch((e: Error) => setError(e.message))}>
            Download ({(state.sizeBytes / 1e6).toFixed(0)} MB)
          </button>
        )}
        <button type="button" className="editor-button editor-primary" data-testid="editor-select-apply" disabled={!candidate.current} title="Apply the selection (Enter)" onClick={apply}>
          Apply
        </button>
        <button type="button" className="editor-button" data-testid="editor-select-discard" disabled={!candidate.current && prompt.current.points.length === 0 && !prompt.current.box} onClick={reset}>
          Discard points
        </button>
        <p className="editor-hint" role="status" data-testid="editor-select-status">
          {status}
          {lastMs !== null && !busy && !error ? ` Last click: ${Math.round(lastMs)} ms.` : ""}
        </p>
      </div>
    );
  };

  return useMemo(
    () => ({ available: segmenter !== null && state?.kind !== "unavailable", version, apply, draw, onGesture, toolbar }),
    // The callbacks read refs; re-created when what they show changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [segmenter, state, version, busy, error, lastMs, model.selectMode, model.version],
  );
}
