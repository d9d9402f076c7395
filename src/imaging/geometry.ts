/**
 * Integer pixel rectangles, imaging's own geometric vocabulary (affine maths is contract/affine.ts,
 * shared with the panel and the sandbox).
 */
import { ImageSizeError, ImagingOptionError } from "./errors";

/** Integer pixel rectangle [x, x+width) × [y, y+height) in some image's pixel coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function rectArea(r: Rect): number {
  return r.width * r.height;
}

export function isEmptyRect(r: Rect): boolean {
  return r.width <= 0 || r.height <= 0;
}

export function intersectRect(a: Rect, b: Rect): Rect {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.width, b.x + b.width);
  const y1 = Math.min(a.y + a.height, b.y + b.height);
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

export function unionRect(a: Rect, b: Rect): Rect {
  if (isEmptyRect(a)) return { ...b };
  if (isEmptyRect(b)) return { ...a };
  const x0 = Math.min(a.x, b.x);
  const y0 = Math.min(a.y, b.y);
  const x1 = Math.max(a.x + a.width, b.x + b.width);
  const y1 = Math.max(a.y + a.height, b.y + b.height);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Rect grown by `by` pixels on every side (not clamped). */
export function inflateRect(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by };
}

export function imageRect(img: { width: number; height: number }): Rect {
  return { x: 0, y: 0, width: img.width, height: img.height };
}

/** Throws unless `r` is an integer rectangle inside a width×height image. */
export function assertRectInside(r: Rect, width: number, height: number, what = "rectangle"): void {
  const ok =
    Number.isInteger(r.x) && Number.isInteger(r.y) && Number.isInteger(r.width) && Number.isInteger(r.height) &&
    r.x >= 0 && r.y >= 0 && r.width >= 0 && r.height >= 0 && r.x + r.width <= width && r.y + r.height <= height;
  if (!ok) {
    throw new ImageSizeError(
      `The ${what} ${r.x},${r.y} ${r.width}×${r.height} must be an integer rectangle inside the ${width}×${height} image.`,
    );
  }
}

/** Throws unless the number is a finite integer ≥ min (for pixel radii, sizes). */
export function assertIntOption(value: number, name: string, min = 0): void {
  if (!Number.isInteger(value) || value < min) {
    throw new ImagingOptionError(`${name} must be an integer ≥ ${min}; got ${value}.`);
  }
}
