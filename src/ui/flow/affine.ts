/** 2D affine helpers in the contract's [a, b, c, d, e, f] order (x' = a·x + c·y + e, y' = b·x + d·y + f). */
import type { Affine2D } from "../../contract";

export type Affine = readonly [number, number, number, number, number, number];

export function multiply(m: Affine, n: Affine): Affine {
  // m ∘ n: apply n first, then m.
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

export function invert(m: Affine2D): Affine {
  const det = m[0] * m[3] - m[1] * m[2];
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) throw new RangeError("The layer's transform cannot be inverted (zero size).");
  return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det, (m[2] * m[5] - m[3] * m[4]) / det, (m[1] * m[4] - m[0] * m[5]) / det];
}

export function scale(sx: number, sy: number = sx): Affine {
  return [sx, 0, 0, sy, 0, 0];
}

export function translate(tx: number, ty: number): Affine {
  return [1, 0, 0, 1, tx, ty];
}
