/**
 * The little affine algebra the sandbox needs (contract/geometry's [a, b, c, d, e, f] convention:
 * x' = a·x + c·y + e, y' = b·x + d·y + f). Kept here because the sandbox may not import imaging.
 */
import type { Affine2D, Box, Point2D } from "../contract/geometry";

export const IDENTITY: Affine2D = [1, 0, 0, 1, 0, 0];

export function applyAffine(m: Affine2D, p: Point2D): Point2D {
  return { x: m[0] * p.x + m[2] * p.y + m[4], y: m[1] * p.x + m[3] * p.y + m[5] };
}

/** outer ∘ inner: apply `inner` first. */
export function composeAffine(outer: Affine2D, inner: Affine2D): Affine2D {
  const [a1, b1, c1, d1, e1, f1] = outer;
  const [a2, b2, c2, d2, e2, f2] = inner;
  return [
    a1 * a2 + c1 * b2,
    b1 * a2 + d1 * b2,
    a1 * c2 + c1 * d2,
    b1 * c2 + d1 * d2,
    a1 * e2 + c1 * f2 + e1,
    b1 * e2 + d1 * f2 + f1,
  ];
}

export function invertAffine(m: Affine2D): Affine2D {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) {
    throw new RangeError("The node's transform is degenerate (zero size or scale), so it cannot be mapped back.");
  }
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

export function translation(tx: number, ty: number): Affine2D {
  return [1, 0, 0, 1, tx, ty];
}

/** The affine that sends (0,0), (1,0), (0,1) to the three given points. */
export function affineFromBasis(origin: Point2D, unitX: Point2D, unitY: Point2D): Affine2D {
  return [unitX.x - origin.x, unitX.y - origin.y, unitY.x - origin.x, unitY.y - origin.y, origin.x, origin.y];
}

/** Axis-aligned bounds of `box` after mapping it through `m`. */
export function transformedBounds(m: Affine2D, box: Box): Box {
  const corners = [
    applyAffine(m, { x: box.x, y: box.y }),
    applyAffine(m, { x: box.x + box.width, y: box.y }),
    applyAffine(m, { x: box.x, y: box.y + box.height }),
    applyAffine(m, { x: box.x + box.width, y: box.y + box.height }),
  ];
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

export function unionBoxes(boxes: readonly Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Intersection, or undefined when the boxes do not overlap (touching edges do not count). */
export function intersectBoxes(a: Box, b: Box): Box | undefined {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.width, b.x + b.width);
  const y1 = Math.min(a.y + a.height, b.y + b.height);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : undefined;
}

/** Smallest box with integer edges that contains `box` (tolerates float noise of 1e-6 px). */
export function snapOutward(box: Box): Box {
  const eps = 1e-6;
  const x0 = Math.floor(box.x + eps);
  const y0 = Math.floor(box.y + eps);
  const x1 = Math.ceil(box.x + box.width - eps);
  const y1 = Math.ceil(box.y + box.height - eps);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Rotation (degrees) and axis scales of a rotation·scale affine. */
export function decomposeAffine(m: Affine2D): { rotation: number; scaleX: number; scaleY: number } {
  const scaleX = Math.hypot(m[0], m[1]);
  const scaleY = Math.hypot(m[2], m[3]);
  return { rotation: (Math.atan2(m[1], m[0]) * 180) / Math.PI, scaleX, scaleY };
}
