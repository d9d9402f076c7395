/**
 * The four sides of a hole (0 right, 1 left, 2 below, 3 above), seen from the centre of its
 * bounding box with the box scaled to a square, so a long thin hole has long sides, not ends.
 * self-check.ts learns a mix per side on the known ring; a ring pixel belongs to one side, while a
 * hole pixel takes a blend of the two sides it faces, so the fill has no seam where sides meet.
 */
export interface HoleSides {
  cx: number;
  cy: number;
  /** Bounding-box width and height (≥ 1). */
  bw: number;
  bh: number;
}

export const SIDE_COUNT = 4;

export function holeSides(hole: Uint8Array, w: number): HoleSides {
  let x0 = Infinity, x1 = -1, y0 = Infinity, y1 = -1;
  for (let i = 0; i < hole.length; i++) {
    if (!hole[i]) continue;
    const x = i % w, y = (i / w) | 0;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (x1 < 0) return { cx: 0, cy: 0, bw: 1, bh: 1 };
  return { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, bw: x1 - x0 + 1, bh: y1 - y0 + 1 };
}

/** The one side pixel (x, y) is on. */
export function sideOf(s: HoleSides, x: number, y: number): number {
  const u = (x - s.cx) / s.bw, v = (y - s.cy) / s.bh;
  return Math.abs(u) >= Math.abs(v) ? (u >= 0 ? 0 : 1) : v >= 0 ? 2 : 3;
}

/**
 * How much pixel (x, y) takes from each side: cos² and sin² of its direction, so weights sum to 1,
 * a pixel straight right of the centre is all "right" and one on a diagonal is half of each.
 */
export function sideWeights(s: HoleSides, x: number, y: number, out: Float64Array): Float64Array {
  const u = (x - s.cx) / s.bw, v = (y - s.cy) / s.bh, r2 = u * u + v * v;
  if (r2 === 0) return out.fill(1 / SIDE_COUNT);
  out[0] = u > 0 ? (u * u) / r2 : 0;
  out[1] = u < 0 ? (u * u) / r2 : 0;
  out[2] = v > 0 ? (v * v) / r2 : 0;
  out[3] = v < 0 ? (v * v) / r2 : 0;
  return out;
}
