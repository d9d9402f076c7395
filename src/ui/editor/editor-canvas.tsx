/**
 * The editor's big canvas: the source picture, the grow/feather halo and the tinted mask, drawn
 * through the zoom/pan view; pointer input paints, erases, pans (middle button, or Space held) or
 * places click-select points and boxes. Everything it changes goes through MaskEditorModel.
 */
import { useEffect, useRef, type MutableRefObject } from "react";
import type { MaskEditorModel } from "./mask-editor-model";
import type { MaskOverlay } from "./mask-overlay";
import type { Point } from "./mask-raster";
import { screenToMask, type View } from "./view-transform";

export interface CanvasPicture {
  bitmap: ImageBitmap;
  /** Where the picture sits in the mask's grid (the whole grid unless a tool adds margins). */
  x: number;
  y: number;
}

export interface SelectGesture {
  point?: Point & { negative: boolean };
  box?: { x0: number; y0: number; x1: number; y1: number };
}

interface Props {
  model: MaskEditorModel;
  overlay: MaskOverlay;
  picture: CanvasPicture;
  view: View;
  setView: (update: (view: View) => View) => void;
  viewportRef: MutableRefObject<{ width: number; height: number }>;
  /** Extra drawing over everything (click-select candidate and points). */
  drawExtra?: (ctx: CanvasRenderingContext2D, view: View) => void;
  onSelectGesture?: (gesture: SelectGesture) => void;
  redrawKey: unknown;
}

const BOX_MIN_PX = 6;

export function EditorCanvas({ model, overlay, picture, view, setView, viewportRef, drawExtra, onSelectGesture, redrawKey }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const hover = useRef<{ x: number; y: number } | null>(null);
  const drag = useRef<{ kind: "paint" | "pan" | "select"; startX: number; startY: number; lastX: number; lastY: number; negative: boolean } | null>(null);
  const space = useRef(false);
  const viewRef = useRef(view);
  viewRef.current = view;

  const draw = () => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = canvas.getContext("2d")!;
    const v = viewRef.current;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(v.zoom, 0, 0, v.zoom, v.panX, v.panY);
    ctx.imageSmoothingEnabled = v.zoom < 1;
    ctx.fillStyle = "#d5d5d5";
    ctx.fillRect(0, 0, model.mask.width, model.mask.height);
    ctx.drawImage(picture.bitmap, picture.x, picture.y);
    ctx.drawImage(overlay.halo, 0, 0);
    ctx.drawImage(overlay.painted, 0, 0);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    drawExtra?.(ctx, v);
    const d = drag.current;
    if (d?.kind === "select" && Math.hypot(d.lastX - d.startX, d.lastY - d.startY) >= BOX_MIN_PX) {
      ctx.strokeStyle = "#1473e6";
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 4]);
      ctx.strokeRect(Math.min(d.startX, d.lastX), Math.min(d.startY, d.lastY), Math.abs(d.lastX - d.startX), Math.abs(d.lastY - d.startY));
      ctx.setLineDash([]);
    }
    if (hover.current && model.tool !== "select") {
      ctx.beginPath();
      ctx.arc(hover.current.x, hover.current.y, Math.max(1, (model.brushSize / 2) * v.zoom), 0, Math.PI * 2);
      ctx.strokeStyle = "rgba(0,0,0,0.8)";
      ctx.lineWidth = 1.5;
      ctx.stroke();
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.lineWidth = 0.75;
      ctx.stroke();
    }
  };

  useEffect(draw);
  useEffect(() => {
    const canvas = canvasRef.current!;
    const resize = () => {
      const box = canvas.parentElement!.getBoundingClientRect();
      canvas.width = Math.max(1, Math.floor(box.width));
      canvas.height = Math.max(1, Math.floor(box.height));
      viewportRef.current = { width: canvas.width, height: canvas.height };
      draw();
    };
    const observer = new ResizeObserver(resize);
    observer.observe(canvas.parentElement!);
    resize();
    const keys = (e: KeyboardEvent) => {
      if (e.key === " " && !(e.target instanceof HTMLButtonElement || e.target instanceof HTMLInputElement)) space.current = e.type === "keydown";
    };
    window.addEventListener("keydown", keys);
    window.addEventListener("keyup", keys);
    return () => {
      observer.disconnect();
      window.removeEventListener("keydown", keys);
      window.removeEventListener("keyup", keys);
    };
    // draw reads refs; the observer is set up once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(draw, [redrawKey, view]);

  const local = (e: React.PointerEvent | React.WheelEvent) => {
    const r = canvasRef.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const p = local(e);
    canvasRef.current!.setPointerCapture(e.pointerId);
    const pan = e.button === 1 || space.current;
    const kind = pan ? "pan" : model.tool === "select" ? "select" : "paint";
    if (e.button !== 0 && !pan && !(kind === "select" && e.button === 2)) return;
    drag.current = { kind, startX: p.x, startY: p.y, lastX: p.x, lastY: p.y, negative: e.button === 2 || e.altKey };
    if (kind === "paint") paint(model.strokeStart(screenToMask(viewRef.current, p.x, p.y)));
  };

  const paint = (rect: ReturnType<MaskEditorModel["strokeStart"]>) => {
    if (rect) overlay.updatePainted(rect);
    draw();
  };

  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const p = local(e);
    hover.current = p;
    const d = drag.current;
    if (!d) return draw();
    if (d.kind === "pan") setView((v) => ({ ...v, panX: v.panX + Math.round(p.x - d.lastX), panY: v.panY + Math.round(p.y - d.lastY) }));
    else if (d.kind === "paint") paint(model.strokeTo(screenToMask(viewRef.current, p.x, p.y)));
    d.lastX = p.x;
    d.lastY = p.y;
    if (d.kind === "select") draw();
  };

  const onPointerUp = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    if (d.kind === "paint") model.strokeEnd();
    if (d.kind === "select") {
      const p = local(e);
      const a = screenToMask(viewRef.current, d.startX, d.startY);
      const b = screenToMask(viewRef.current, p.x, p.y);
      if (Math.hypot(p.x - d.startX, p.y - d.startY) >= BOX_MIN_PX) {
        onSelectGesture?.({ box: { x0: Math.min(a.x, b.x), y0: Math.min(a.y, b.y), x1: Math.max(a.x, b.x), y1: Math.max(a.y, b.y) } });
      } else onSelectGesture?.({ point: { ...b, negative: d.negative } });
    }
    draw();
  };

  const onWheel = (e: React.WheelEvent<HTMLCanvasElement>) => {
    const p = local(e);
    if (e.ctrlKey || e.metaKey) {
      const factor = Math.exp(-e.deltaY * 0.002);
      setView((v) => {
        const zoom = Math.min(16, Math.max(0.05, v.zoom * factor));
        const k = zoom / v.zoom;
        return { zoom, panX: Math.round(p.x - (p.x - v.panX) * k), panY: Math.round(p.y - (p.y - v.panY) * k) };
      });
    } else setView((v) => ({ ...v, panX: Math.round(v.panX - e.deltaX), panY: Math.round(v.panY - e.deltaY) }));
  };

  return (
    <canvas
      ref={canvasRef}
      className="editor-canvas"
      data-testid="editor-canvas"
      data-view={`${view.zoom},${view.panX},${view.panY}`}
      role="img"
      aria-label="The picture with the marked region tinted. Paint with the mouse; use the toolbar or keyboard shortcuts for every tool."
      style={{ cursor: model.tool === "select" ? "crosshair" : "none" }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onPointerLeave={() => {
        hover.current = null;
        draw();
      }}
      onContextMenu={(e) => e.preventDefault()}
      onWheel={onWheel}
    />
  );
}
