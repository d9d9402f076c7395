/**
 * The project's one 2D affine algebra, in Express's Matrix2D / SVG / canvas order
 * [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f. Imaging, the panel, the document
 * sandbox and the playground's fake document all use it; it sits in contract/ because the sandbox
 * may import nothing else.
 */
import type { Affine2D, Box, Point2D } from "./geometry";

export const IDENTITY: Affine2D = [1, 0, 0, 1, 0, 0];

export function applyAffine(m: Affine2D, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

export function mapPoint(m: Affine2D, p: Point2D): Point2D {
  const [x, y] = applyAffine(m, p.x, p.y);
  return { x, y };
}

/** outer ∘ inner: apply `inner` first, then `outer`. */
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

/**
 * The inverse transform. A zero-size or zero-scale transform has none: `whenSingular` makes the
 * error thrown then, so each caller can say what it means for its user.
 */
export function invertAffine(
  m: Affine2D,
  whenSingular: () => Error = () => new RangeError("The layer's transform is degenerate (zero size or scale), so it cannot be mapped back."),
): Affine2D {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) throw whenSingular();
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

export function translation(tx: number, ty: number): Affine2D {
  return [1, 0, 0, 1, tx, ty];
}

export function scaling(sx: number, sy: number = sx): Affine2D {
  return [sx, 0, 0, sy, 0, 0];
}

/** translate(x, y) · rotate(degrees, clockwise on screen) · scale(sx, sy): how a node sits in its parent. */
export function placement(x: number, y: number, rotationDeg = 0, sx = 1, sy = sx): Affine2D {
  const r = (rotationDeg * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  return [cos * sx, sin * sx, -sin * sy, cos * sy, x, y];
}

/** Rotation (degrees) and axis scales of a rotation·scale affine: the inverse of `placement`'s linear part. */
export function decomposeAffine(m: Affine2D): { rotation: number; scaleX: number; scaleY: number } {
  const scaleX = Math.hypot(m[0], m[1]);
  const scaleY = Math.hypot(m[2], m[3]);
  return { rotation: (Math.atan2(m[1], m[0]) * 180) / Math.PI, scaleX, scaleY };
}

/** The affine that sends (0,0), (1,0), (0,1) to the three given points. */
export function affineFromBasis(origin: Point2D, unitX: Point2D, unitY: Point2D): Affine2D {
  return [unitX.x - origin.x, unitX.y - origin.y, unitY.x - origin.x, unitY.y - origin.y, origin.x, origin.y];
}

/** Largest factor by which the matrix stretches any direction (curve flattening picks its tolerance by it). */
export function maxScaleOfAffine(m: Affine2D): number {
  // Largest singular value of [[a c][b d]]: the square root of the largest eigenvalue of MᵀM.
  const [a, b, c, d] = m;
  const p = a * a + b * b;
  const q = c * c + d * d;
  const r = a * c + b * d;
  const mean = (p + q) / 2;
  const disc = Math.sqrt(((p - q) / 2) ** 2 + r * r);
  return Math.sqrt(mean + disc);
}

/** The four corners of `box` mapped through `m`, clockwise from the top-left. */
export function boxCorners(m: Affine2D, box: Box): Point2D[] {
  const { x, y, width, height } = box;
  return [mapPoint(m, { x, y }), mapPoint(m, { x: x + width, y }), mapPoint(m, { x: x + width, y: y + height }), mapPoint(m, { x, y: y + height })];
}

/** Axis-aligned bounds of `box` after mapping it through `m`. */
export function transformedBounds(m: Affine2D, box: Box): Box {
  const corners = boxCorners(m, box);
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}
