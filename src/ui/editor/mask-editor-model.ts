/**
 * The region editor's state without any DOM: the mask being edited, the tool, the brush size, undo
 * and redo. The React view (RegionEditor.tsx) only forwards pointer and key input here and redraws
 * when `version` changes, so every editing rule is tested in Node.
 */
import type { GrayImage, Rect } from "../../imaging";
import { MaskHistory } from "./mask-history";
import { clearMask, combineMask, invertMask, isMaskEmpty, paintSegment, type CombineMode, type Point } from "./mask-raster";

export type EditorTool = "brush" | "eraser" | "select";

/** Brush diameters in source px: `[` and `]` step between these limits by BRUSH_STEP. */
export const BRUSH_SIZE = { min: 2, max: 400, default: 40 } as const;
export const BRUSH_STEP = 1.25;

export class MaskEditorModel {
  readonly mask: GrayImage;
  private readonly history: MaskHistory;
  private readonly listeners = new Set<() => void>();
  private last: Point | null = null;
  tool: EditorTool = "brush";
  brushSize: number = BRUSH_SIZE.default;
  /** Whether a click-select result adds to the mask or is cut out of it. */
  selectMode: CombineMode = "add";
  /** Bumped on every change; the view redraws when it moves. */
  version = 0;

  constructor(width: number, height: number, start?: Uint8Array | null) {
    this.mask = { width, height, data: new Uint8Array(width * height) };
    if (start) {
      if (start.length !== width * height) throw new RangeError(`The starting mask has ${start.length} pixels; a ${width}×${height} mask needs ${width * height}.`);
      this.mask.data.set(start);
    }
    this.history = new MaskHistory(this.mask);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  get canUndo(): boolean {
    return this.history.canUndo;
  }
  get canRedo(): boolean {
    return this.history.canRedo;
  }
  get empty(): boolean {
    return isMaskEmpty(this.mask);
  }

  setTool(tool: EditorTool): void {
    this.tool = tool;
    this.changed();
  }

  setBrushSize(size: number): void {
    this.brushSize = Math.round(Math.min(BRUSH_SIZE.max, Math.max(BRUSH_SIZE.min, size)));
    this.changed();
  }

  /** `]`: one step bigger; `[`: one step smaller (always at least 1 px of change). */
  stepBrushSize(direction: 1 | -1): void {
    const next = direction > 0 ? Math.max(this.brushSize + 1, this.brushSize * BRUSH_STEP) : Math.min(this.brushSize - 1, this.brushSize / BRUSH_STEP);
    this.setBrushSize(next);
  }

  setSelectMode(mode: CombineMode): void {
    this.selectMode = mode;
    this.changed();
  }

  /** Pointer down with the brush or eraser (mask px). Returns the changed rectangle. */
  strokeStart(p: Point): Rect | null {
    if (this.tool === "select") return null;
    this.history.begin();
    this.last = p;
    return this.stamp(p, p);
  }

  strokeTo(p: Point): Rect | null {
    if (!this.last) return null;
    const rect = this.stamp(this.last, p);
    this.last = p;
    return rect;
  }

  strokeEnd(): void {
    if (!this.last) return;
    this.last = null;
    this.history.commit();
    this.changed();
  }

  get stroking(): boolean {
    return this.last !== null;
  }

  private stamp(a: Point, b: Point): Rect | null {
    const rect = paintSegment(this.mask, a, b, this.brushSize / 2, this.tool === "eraser" ? 0 : 255);
    this.changed();
    return rect;
  }

  private edit(change: () => void): void {
    this.history.begin();
    change();
    this.history.commit();
    this.changed();
  }

  invert(): void {
    this.edit(() => invertMask(this.mask));
  }

  clear(): void {
    this.edit(() => clearMask(this.mask));
  }

  /** A click-select result (binary, mask-sized) joins the mask by `selectMode` or the mode given. */
  applySelection(selection: GrayImage, mode: CombineMode = this.selectMode): void {
    this.edit(() => combineMask(this.mask, selection, mode));
  }

  undo(): void {
    if (this.history.undo()) this.changed();
  }

  redo(): void {
    if (this.history.redo()) this.changed();
  }
}
