/**
 * The last step of the exemplar fill: how much of the copied patches to trust, pixel by pixel.
 *
 * Copied patches are right at the hole's edge (they were matched against the real pixels there)
 * and at texture that repeats (the overlapping patches agree), but deep inside an irregular hole
 * a copied patch is one guess among many, and a wrong guess costs more than no guess. So the fill
 * is a smooth base plus the patch fill where it can be trusted:
 *
 *   base  = H + e^(−d/τ)·(B − H)      H harmonic, B biharmonic (smooth-fill.ts): near the edge the
 *                                      base keeps the edge's slopes, deeper it levels out;
 *   edge  = max(ramp(d), floor)        1 within `EDGE_FULL_PX` of a known pixel, 0 beyond `EDGE_ZERO_PX`;
 *   agree = (1 − edge)·e^(−V/V₀)       V the local spread of the patch votes (vote.ts), V₀ a few
 *                                      grey levels: a texture all overlapping patches agree on;
 *   out   = base + edge·(fill − base) + agree·(fill − mean₇ₓ₇(fill)).
 * The agreed part adds only the fill's detail (what differs from its local mean): in a smooth area
 * patches agree too, but on shading the base predicts better.
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
/** Vote spread (sum over RGB of the variance, grey levels²) at which agreement falls to 1/e: only votes that agree to about one level (a regular texture, copied exactly) count; on photos a copied patch is one guess among several. */
const AGREEMENT_SPREAD = 3;
/** Half-size of the box that splits the fill into local mean and detail, and averages the vote spread. */
const DETAIL_RADIUS = 3;

/** Mean of `v` ([n, channels]) over a (2r+1)² box clipped to the image (summed-area table). */
function boxMean(v: Float32Array, w: number, h: number, r: number, channels = 1): Float32Array {
  const out = new Float32Array(w * h * channels);
  const s = new Float64Array((w + 1) * (h + 1));
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < h; y++) {
      let row = 0;
      for (let x = 0; x < w; x++) {
        row += v[(y * w + x) * channels + c];
        s[(y + 1) * (w + 1) + x + 1] = s[y * (w + 1) + x + 1] + row;
      }
    }
    for (let y = 0; y < h; y++) {
      const y0 = Math.max(0, y - r), y1 = Math.min(h - 1, y + r);
      for (let x = 0; x < w; x++) {
        const x0 = Math.max(0, x - r), x1 = Math.min(w - 1, x + r);
        const sum = s[(y1 + 1) * (w + 1) + x1 + 1] - s[y0 * (w + 1) + x1 + 1] - s[(y1 + 1) * (w + 1) + x0] + s[y0 * (w + 1) + x0];
        out[(y * w + x) * channels + c] = sum / ((x1 - x0 + 1) * (y1 - y0 + 1));
      }
    }
  }
  return out;
}

/** The smooth base: harmonic deep inside, biharmonic near the edge. */
export function smoothBase(level: FillLevel, distance: Float32Array): Float32Array {
  const { width: w, height: h, hole } = level;
  const harmonic = level.rgb.slice(), plate = level.rgb.slice();
  harmonicFill(harmonic, hole, w, h);
  biharmonicFill(plate, hole, w, h);
  for (let i = 0; i < w * h; i++) {
    if (!hole[i]) continue;
    const t = Math.exp(-distance[i] / SLOPE_PX);
    for (let c = 3 * i; c < 3 * i + 3; c++) harmonic[c] += t * (plate[c] - harmonic[c]);
  }
  return harmonic;
}

/** Blends the patch fill in `level.rgb` (hole pixels) over the smooth base, in place. */
export function composeOverSmoothBase(level: FillLevel, spread: Float32Array, floor: number): void {
  const { width: w, height: h, hole, rgb } = level;
  const distance = chessboardDistance(hole, w, h);
  const base = smoothBase(level, distance);
  const low = boxMean(rgb, w, h, DETAIL_RADIUS, 3);
  // Mean spread over the hole pixels of the box (known pixels have no votes, so they do not count).
  const holeShare = boxMean(Float32Array.from(hole), w, h, DETAIL_RADIUS);
  const spreadSum = boxMean(spread, w, h, DETAIL_RADIUS);
  for (let i = 0; i < w * h; i++) {
    if (!hole[i]) continue;
    const edge = Math.max(floor, Math.min(1, Math.max(0, (EDGE_ZERO_PX - distance[i]) / (EDGE_ZERO_PX - EDGE_FULL_PX))));
    const agreement = (1 - edge) * Math.exp(-spreadSum[i] / holeShare[i] / AGREEMENT_SPREAD);
    for (let c = 3 * i; c < 3 * i + 3; c++) rgb[c] = base[c] + edge * (rgb[c] - base[c]) + agreement * (rgb[c] - low[c]);
  }
}
