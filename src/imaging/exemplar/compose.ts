/**
 * The last step of the exemplar fill: how much of the copied patches to trust, pixel by pixel.
 *
 * Copied patches are right at the hole's edge (they were matched against the real pixels there),
 * but deep inside a hole in a photo a copied patch is one guess among many, and a wrong guess
 * costs more than no guess (measured: bench/removal, PSNR and SSIM inside the hole). The votes'
 * agreement does not tell the two apart: PatchMatch copies coherent regions, so overlapping
 * patches agree exactly even where the region they copy is the wrong one. So the fill is a smooth
 * base plus the patch fill near the edge:
 *
 *   base  = H + e^(−d/τ)·(B − H)      H harmonic, B biharmonic (smooth-fill.ts): near the edge the
 *                                      base keeps the edge's slopes, deeper it levels out;
 *   trust = max(ramp(d), floor)        1 within `EDGE_FULL_PX` of a known pixel, 0 beyond
 *                                      `EDGE_ZERO_PX`; `floor` (option detailFloor) keeps that share
 *                                      of the copied patches everywhere (1: the plain patch fill);
 *   out   = base + trust·(fill − base).
 * Within 2 px of the edge the copied texture carries on, so the edge shows no band of blur.
 *
 * d is the chessboard distance to the nearest known pixel. Base and fill both meet the known
 * pixels, so the blend has no step anywhere.
 */
import type { FillLevel } from "./level";
import { biharmonicFill, harmonicFill } from "./smooth-fill";
import { chessboardDistance } from "./distance";

/** The base follows the biharmonic fill's slopes over about this many pixels from the edge. */
const SLOPE_PX = 8;
/** Copied detail is kept whole this close to a known pixel… */
const EDGE_FULL_PX = 2;
/** …and fades out by this distance. */
const EDGE_ZERO_PX = 4;
/** The smooth base: harmonic deep inside, biharmonic near the edge. */
export function smoothBase(level: FillLevel, distance: Float32Array): Float32Array {
  const { width: w, height: h, hole } = level;
  const harmonic = level.rgb.slice(), plate = level.rgb.slice();
  harmonicFill(harmonic, hole, w, h);
  // Beyond 3τ the plate's weight is under 5 %: relax it only near the edge (a third of the cost or less).
  const near = hole.map((v, i) => (v && distance[i] <= 3 * SLOPE_PX ? 1 : 0));
  biharmonicFill(plate, hole, w, h, near);
  for (let i = 0; i < w * h; i++) {
    if (!hole[i]) continue;
    const t = Math.exp(-distance[i] / SLOPE_PX);
    for (let c = 3 * i; c < 3 * i + 3; c++) harmonic[c] += t * (plate[c] - harmonic[c]);
  }
  return harmonic;
}

/** Blends the patch fill in `level.rgb` (hole pixels) over the smooth base, in place. */
export function composeOverSmoothBase(level: FillLevel, floor: number): void {
  const { width: w, height: h, hole, rgb } = level;
  const distance = chessboardDistance(hole, w, h);
  const base = smoothBase(level, distance);
  for (let i = 0; i < w * h; i++) {
    if (!hole[i]) continue;
    const trust = Math.max(floor, Math.min(1, Math.max(0, (EDGE_ZERO_PX - distance[i]) / (EDGE_ZERO_PX - EDGE_FULL_PX))));
    for (let c = 3 * i; c < 3 * i + 3; c++) rgb[c] = base[c] + trust * (rgb[c] - base[c]);
  }
}
