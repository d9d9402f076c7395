/**
 * The region editor's pixel operations on a mask (0 keep … 255 repaint, source px), pure so the
 * expected raster of any sequence of edits can be computed in Node:
 *   paintSegment  a round brush dragged from a to b: every pixel whose integer coordinates lie
 *                 within `radius` of the segment between the two snapped points gets `value`;
 *   invertMask / clearMask / combineMask (click-select results joining the brush mask).
 * Points are snapped to the pixel grid (floor), so a pointer anywhere inside a pixel paints the
 * same raster, and a stroke is the union of its segments' capsules.
 */
import type { GrayImage, Rect } from "../../imaging";

export interface Point {
  x: number;
  y: number;
}

/** Bounding rectangle of the pixels a segment may touch, clipped to the mask; null when outside. */
export function segmentBounds(mask: GrayImage, a: Point, b: Point, radius: number): Rect | null {
  const r = Math.ceil(radius);
  const x0 = Math.max(0, Math.min(Math.floor(a.x), Math.floor(b.x)) - r);
  const y0 = Math.max(0, Math.min(Math.floor(a.y), Math.floor(b.y)) - r);
  const x1 = Math.min(mask.width - 1, Math.max(Math.floor(a.x), Math.floor(b.x)) + r);
  const y1 = Math.min(mask.height - 1, Math.max(Math.floor(a.y), Math.floor(b.y)) + r);
  if (x1 < x0 || y1 < y0) return null;
  return { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** Paints (value 255) or erases (value 0) a capsule of `radius` px; returns the rectangle it may have changed. */
export function paintSegment(mask: GrayImage, a: Point, b: Point, radius: number, value: number): Rect | null {
  const box = segmentBounds(mask, a, b, radius);
  if (!box) return null;
  const ax = Math.floor(a.x), ay = Math.floor(a.y);
  const dx = Math.floor(b.x) - ax, dy = Math.floor(b.y) - ay;
  const len2 = dx * dx + dy * dy;
  const r2 = radius * radius;
  const { width, data } = mask;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const px = x - ax, py = y - ay;
      // Projection of the pixel onto the segment, clamped to its ends.
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
      const ex = px - t * dx, ey = py - t * dy;
      if (ex * ex + ey * ey <= r2) data[y * width + x] = value;
    }
  }
  return box;
}

export function invertMask(mask: GrayImage): void {
  const d = mask.data;
  for (let i = 0; i < d.length; i++) d[i] = 255 - d[i];
}

export function clearMask(mask: GrayImage): void {
  mask.data.fill(0);
}

/** How a click-select result joins the mask: add = union, subtract = remove where selected. */
export type CombineMode = "add" | "subtract";

/** Joins a binary selection (same size; > 0 = selected) into the mask. */
export function combineMask(mask: GrayImage, selection: GrayImage, mode: CombineMode): void {
  if (selection.width !== mask.width || selection.height !== mask.height) {
    throw new RangeError(`The selection is ${selection.width}×${selection.height} but the mask is ${mask.width}×${mask.height}.`);
  }
  const m = mask.data, s = selection.data;
  for (let i = 0; i < m.length; i++) if (s[i] > 0) m[i] = mode === "add" ? 255 : 0;
}

/** Pixels > 0 and an order-sensitive checksum (FNV-1a over the bytes): how tests compare rasters. */
export function maskFingerprint(mask: GrayImage): { count: number; checksum: string } {
  let count = 0;
  let h = 0x811c9dc5;
  const d = mask.data;
  for (let i = 0; i < d.length; i++) {
    if (d[i] > 0) count++;
    h ^= d[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return { count, checksum: h.toString(16).padStart(8, "0") };
}

export function isMaskEmpty(mask: GrayImage): boolean {
  const d = mask.data;
  for (let i = 0; i < d.length; i++) if (d[i] > 0) return false;
  return true;
}
