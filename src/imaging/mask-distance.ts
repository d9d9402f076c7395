/**
 * The distance maths behind growMask: squared Euclidean distance from each pixel of a window to the
 * nearest seed, exact, but only where it can still change the grown mask (within radius + 1 of a
 * seed, and not already fully masked). Two separable passes:
 *   columns: vertical distance to the nearest seed, capped (row by row, so memory is read in order);
 *   rows:    min over q of (x − q)² + g(q)². Small radii scan the 2r+1 neighbours of each pixel that
 *            matters (most pixels of a selection are inside it or far from it and are skipped); large
 *            radii use the lower envelope of parabolas (Felzenszwalb–Huttenlocher), O(width) per row.
 */
import type { Rect } from "./geometry";

/** Radii up to this scan neighbours directly; beyond it the parabola envelope is cheaper. */
const MAX_SCAN_RADIUS = 16;

/**
 * Per window pixel (row-major, window-sized): vertical distance to the nearest pixel ≥ `threshold` in
 * its column, capped at `cap` (a capped value never yields a distance that matters).
 */
export function columnSeedDistances(src: Uint8Array, W: number, win: Rect, threshold: number, cap: number): Uint16Array {
  const { x: wx, y: wy, width: ww, height: wh } = win;
  const g = new Uint16Array(ww * wh);
  for (let y = 0, above = -1; y < wh; above = y * ww, y++) {
    const s = (wy + y) * W + wx, o = y * ww;
    for (let x = 0; x < ww; x++) {
      if (src[s + x] >= threshold) g[o + x] = 0;
      else g[o + x] = above < 0 ? cap : Math.min(cap, g[above + x] + 1);
    }
  }
  const run = new Uint16Array(ww).fill(cap); // distance to the nearest seed below, per column
  for (let y = wh - 1; y >= 0; y--) {
    const s = (wy + y) * W + wx, o = y * ww;
    for (let x = 0; x < ww; x++) {
      const d = src[s + x] >= threshold ? 0 : Math.min(cap, run[x] + 1);
      run[x] = d;
      if (d < g[o + x]) g[o + x] = d;
    }
  }
  return g;
}

/** Whether any window pixel is ≥ `value` (stops at the first). */
export function hasValueAtLeast(src: Uint8Array, W: number, win: Rect, value: number): boolean {
  for (let y = win.y; y < win.y + win.height; y++) {
    for (let i = y * W + win.x, end = i + win.width; i < end; i++) if (src[i] >= value) return true;
  }
  return false;
}

/** Coverage of a pixel at squared distance d2 from the nearest seed, in 0..255 (see growMask). */
function coverage(r: number, d2: number): number {
  // A seed's edge lies ~½ px beyond its centre, so the grown edge is radius+½ from it;
  // a pixel at distance d is covered by clamp(radius + 1 − d).
  const cov = r + 1 - Math.sqrt(d2);
  return cov <= 0 ? 0 : cov >= 1 ? 255 : Math.round(cov * 255);
}

/**
 * Grows one row in place: dst[dstRow + x] = max(itself, coverage at x) for the window row whose
 * vertical distances start at g[o]. Pixels already 255 cannot grow and are skipped.
 */
export function growRow(g: Uint16Array, o: number, ww: number, r: number, dst: Uint8Array, dstRow: number): void {
  let next = 0; // first column ≥ x within vertical reach (ww when none)
  while (next < ww && g[o + next] > r) next++;
  if (next === ww) return; // no seed within reach of this row
  if (r > MAX_SCAN_RADIUS) return envelopeRow(g, o, ww, r, dst, dstRow);
  const far = (r + 1) * (r + 1);
  let prev = -r - 1; // last column ≤ x within vertical reach
  for (let x = 0; x < ww; x++) {
    if (next < x) for (next = x; next < ww && g[o + next] > r; ) next++;
    const gx = g[o + x];
    if (gx <= r) prev = x;
    if (dst[dstRow + x] === 255 || (x - prev > r && next - x > r)) continue;
    if (gx === 0) {
      dst[dstRow + x] = 255;
      continue;
    }
    let best = far;
    for (let q = Math.max(0, x - r), end = Math.min(ww - 1, x + r); q <= end; q++) {
      const gq = g[o + q];
      if (gq > r) continue;
      const v = (x - q) * (x - q) + gq * gq;
      if (v < best) best = v;
    }
    const val = coverage(r, best);
    if (val > dst[dstRow + x]) dst[dstRow + x] = val;
  }
}

/** Reused between rows (and calls): the envelope's work arrays. */
let scratch = { v: new Int32Array(0), z: new Float64Array(0), f: new Float64Array(0) };

/** Lower envelope of the parabolas (x − q)² + g(q)² over the row: every entry exact. */
function envelopeRow(g: Uint16Array, o: number, ww: number, r: number, dst: Uint8Array, dstRow: number): void {
  if (scratch.f.length < ww) scratch = { v: new Int32Array(ww), z: new Float64Array(ww + 1), f: new Float64Array(ww) };
  const { v, z, f } = scratch; // v: parabola apexes in the envelope; z: boundaries between them
  for (let q = 0; q < ww; q++) f[q] = g[o + q] * g[o + q];
  let k = 0;
  v[0] = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < ww; q++) {
    let s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    while (s <= z[k]) {
      k--;
      s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let x = 0; x < ww; x++) {
    while (z[k + 1] < x) k++;
    const val = coverage(r, (x - v[k]) * (x - v[k]) + f[v[k]]);
    if (val > dst[dstRow + x]) dst[dstRow + x] = val;
  }
}
