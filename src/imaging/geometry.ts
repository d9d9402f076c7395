/**
 * Integer pixel rectangles and 2D affine matrices, the two geometric vocabularies of imaging/.
 */
import { ImageSizeError, ImagingOptionError } from "./errors";

/** Integer pixel rectangle [x, x+width) × [y, y+height) in some image's pixel coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * SVG matrix order [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f.
 * Same as DOMMatrix(a..f) and Express's Matrix2D.
 */
export type Affine = readonly [number, number, number, number, number, number];

export const IDENTITY: Affine = [1, 0, 0, 1, 0, 0];

export function applyAffine(m: Affine, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** m1 ∘ m2: first m2, then m1. */
export function multiplyAffine(m1: Affine, m2: Affine): Affine {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

/** Largest factor by which the matrix stretches any direction (used to pick curve flattening tolerance). */
export function maxScaleOfAffine(m: Affine): number {
  // Singular values of [[a c][b d]]: sqrt of eigenvalues of MᵀM.
  const [a, b, c, d] = m;
  const p = a * a + b * b;
  const q = c * c + d * d;
  const r = a * c + b * d;
  const mean = (p + q) / 2;
  const disc = Math.sqrt(((p - q) / 2) ** 2 + r * r);
  return Math.sqrt(mean + disc);
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
