/**
 * Undo/redo for the region editor. Each edit stores only the rectangle it changed (before and
 * after, found by comparing with the mask as it was at begin()), so a 2048² mask with many strokes
 * stays cheap. The oldest edits are dropped past `maxBytes`.
 */
import type { GrayImage, Rect } from "../../imaging";

interface Patch {
  rect: Rect;
  before: Uint8Array;
  after: Uint8Array;
}

function readRect(mask: GrayImage, r: Rect): Uint8Array {
  const out = new Uint8Array(r.width * r.height);
  for (let y = 0; y < r.height; y++) out.set(mask.data.subarray((r.y + y) * mask.width + r.x, (r.y + y) * mask.width + r.x + r.width), y * r.width);
  return out;
}

function writeRect(mask: GrayImage, r: Rect, bytes: Uint8Array): void {
  for (let y = 0; y < r.height; y++) mask.data.set(bytes.subarray(y * r.width, (y + 1) * r.width), (r.y + y) * mask.width + r.x);
}

/** Bounding box of the pixels that differ, or null. */
function changedRect(before: Uint8Array, mask: GrayImage): Rect | null {
  const { width, height, data } = mask;
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x] !== before[row + x]) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

export class MaskHistory {
  private undoStack: Patch[] = [];
  private redoStack: Patch[] = [];
  private pending: Uint8Array | null = null;

  constructor(private readonly mask: GrayImage, private readonly maxBytes = 64 * 1024 * 1024) {}

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** Call before an edit (a stroke, invert, a click-select): remembers the mask as it is. */
  begin(): void {
    this.pending = this.mask.data.slice();
  }

  /** Call after the edit; only the rectangle it changed is kept. An edit that changed nothing is not recorded. */
  commit(): boolean {
    const before = this.pending;
    this.pending = null;
    if (!before) return false;
    const rect = changedRect(before, this.mask);
    if (!rect) return false;
    this.undoStack.push({ rect, before: readRect({ ...this.mask, data: before }, rect), after: readRect(this.mask, rect) });
    this.redoStack = [];
    let bytes = this.undoStack.reduce((sum, e) => sum + e.before.length * 2, 0);
    while (bytes > this.maxBytes && this.undoStack.length > 1) bytes -= this.undoStack.shift()!.before.length * 2;
    return true;
  }

  undo(): boolean {
    const e = this.undoStack.pop();
    if (!e) return false;
    writeRect(this.mask, e.rect, e.before);
    this.redoStack.push(e);
    return true;
  }

  redo(): boolean {
    const e = this.redoStack.pop();
    if (!e) return false;
    writeRect(this.mask, e.rect, e.after);
    this.undoStack.push(e);
    return true;
  }
}
