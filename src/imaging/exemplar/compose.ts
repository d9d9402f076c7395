/**
 * The last step of the exemplar fill: how much of the copied patches to trust, pixel by pixel.
 *
 * Copied patches are right at the hole's edge (they were matched against the real pixels there),
 * but deep inside a hole in a photo a copied patch is one guess among many, and a wrong guess
 * costs more than no guess (measured: bench/removal, PSNR and SSIM inside the hole; a copy kept
 * whole 2 px deep and fading out by 4 px cost SSIM on 7 of 8 development photos against a copy on
 * the first ring only). The votes' agreement does not tell the two apart: PatchMatch copies
 * coherent regions, so overlapping patches agree exactly even where the region they copy is the
 * wrong one. So the fill is a smooth base plus the copied detail on the hole's outermost ring:
 *
 *   smooth = H + e^(−d/τ)·(B − H)     H harmonic, B biharmonic (smooth-fill.ts): near the edge it
 *                                      keeps the edge's slopes, deeper it levels out; where the
 *                                      boundary's median is near black, that median instead
 *                                      (dark-median.ts: a mean turns black into grey haze);
 *   base  = smooth, or mixed per depth with the ring's mean colour where the image itself shows
 *           that restores it better (self-check.ts: grass, gravel);
 *   ramp  = 1 within `EDGE_FULL_PX` of a known pixel, 0 from `EDGE_ZERO_PX` on;
 *   trust = floor + (1 − floor)·α·ramp   α (edge-energy.ts, at most 2) makes the edge as busy as
 *                                      the image around it, or nearly, so it shows neither a band
 *                                      of blur nor of noise;
 *                                      `floor` (option detailFloor) keeps that share of the copied
 *                                      patches everywhere (1: the plain patch fill);
 *   out   = base + trust·(fill − base).
 *
 * d is the chessboard distance to the nearest known pixel. With floor 0 the fill counts only on
 * the first ring, where edge-continuation.ts has made it the nearest known pixels' mean, so
 * exemplar-fill.ts skips the patch search then.
 */
import type { FillLevel } from "./level";
import { biharmonicFill, harmonicFill } from "./smooth-fill";
import { chessboardDistance, chessboardDistanceToHole } from "./distance";
import { edgeDetailGain } from "./edge-energy";
import { keepDarkRegionsDark } from "./dark-median";
import { applyMix, fitMix, isSmoothOnly } from "./self-check";
import { smoothCandidates } from "./candidates";

/** The base follows the biharmonic fill's slopes over about this many pixels from the edge. */
const SLOPE_PX = 8;
/** Copied detail is kept on the hole's outermost ring (chessboard distance 1)… */
const EDGE_FULL_PX = 1;
/** …and not from this distance on. */
const EDGE_ZERO_PX = 2;
/** The smooth base: harmonic deep inside, biharmonic near the edge; dark regions kept dark (dark-median.ts). */
export function smoothBase(level: FillLevel, distance: Float32Array): Float32Array {
  const { width: w, height: h, hole } = level;
  const harmonic = level.rgb.slice();
  harmonicFill(harmonic, hole, w, h);
  const plate = harmonic.slice();
  // Beyond 3τ the plate's weight is under 5 %: relax it only near the edge (a third of the cost or less).
  const near = hole.map((v, i) => (v && distance[i] <= 3 * SLOPE_PX ? 1 : 0));
  biharmonicFill(plate, hole, w, h, near, true);
  for (let i = 0; i < w * h; i++) {
    if (!hole[i]) continue;
    const t = Math.exp(-distance[i] / SLOPE_PX);
    for (let c = 3 * i; c < 3 * i + 3; c++) harmonic[c] += t * (plate[c] - harmonic[c]);
  }
  keepDarkRegionsDark(harmonic, level.rgb, hole, w, h);
  return harmonic;
}

/** The smooth candidates mixed per depth band as the image itself says restores it best (self-check.ts). */
function mixedBase(level: FillLevel, distance: Float32Array, toHole: Float32Array): Float32Array {
  let depth = 0;
  for (let i = 0; i < distance.length; i++) if (level.hole[i] && distance[i] > depth) depth = distance[i];
  const mixes = fitMix(level, depth, smoothBase, toHole);
  if (isSmoothOnly(mixes)) return smoothBase(level, distance);
  return applyMix(mixes, smoothCandidates(level, distance, smoothBase, toHole), level.hole, distance, level.width);
}

/** Blends the patch fill in `level.rgb` (hole pixels) over the smooth base, in place. */
export function composeOverSmoothBase(level: FillLevel, floor: number): void {
  const { width: w, height: h, hole, rgb } = level;
  const distance = chessboardDistance(hole, w, h);
  // Known pixels' distance to the hole: the self-check's ring, the ring mean and the edge's energy band all use it.
  const toHole = chessboardDistanceToHole(hole, w, h);
  const base = mixedBase(level, distance, toHole);
  const ramp = (i: number) => Math.min(1, Math.max(0, (EDGE_ZERO_PX - distance[i]) / (EDGE_ZERO_PX - EDGE_FULL_PX)));
  const detail = new Float32Array(rgb.length);
  for (let i = 0; i < w * h; i++) {
    if (!hole[i]) continue;
    for (let c = 3 * i; c < 3 * i + 3; c++) detail[c] = ramp(i) * (rgb[c] - base[c]);
  }
  // Known pixels: their distance to the hole, so the energy band spans both sides of the edge.
  const gain = edgeDetailGain({ width: w, height: h, hole, base, detail, distance: distance.map((d, i) => (hole[i] ? d : toHole[i])) });
  for (let i = 0; i < w * h; i++) {
    if (!hole[i]) continue;
    const trust = floor + (1 - floor) * gain * ramp(i);
    for (let c = 3 * i; c < 3 * i + 3; c++) rgb[c] = base[c] + trust * (rgb[c] - base[c]);
  }
}
