/**
 * The smooth guesses the fill's base is made of (self-check.ts chooses their mix per image):
 *   smooth — harmonic/biharmonic interpolation, dark regions kept dark (compose.ts smoothBase):
 *            shading and gradients run on through the hole;
 *   mean   — the mean colour of the known pixels within `RING_PX` of the hole: on a stationary
 *            fine texture (grass, gravel) no pixel at the edge predicts its neighbour inside better
 *            than the texture's mean does, and interpolating the edge's noise errs by more than
 *            the noise itself.
 * Each is a full [h, w, 3] array: known pixels are the image's, hole pixels the guess.
 */
import type { FillLevel } from "./level";
import { chessboardDistanceToHole } from "./distance";

export const CANDIDATE_NAMES = ["smooth", "mean"] as const;
/** Width of the ring of known pixels whose mean is the `mean` guess. */
const RING_PX = 4;

export type SmoothGuess = (level: FillLevel, distance: Float32Array) => Float32Array;

function ringMean(level: FillLevel, toHole: Float32Array): Float32Array {
  const { width: w, height: h, hole, rgb } = level;
  const sum = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < w * h; i++) {
    if (hole[i] || toHole[i] > RING_PX) continue;
    for (let c = 0; c < 3; c++) sum[c] += rgb[3 * i + c];
    n++;
  }
  const out = rgb.slice();
  for (let i = 0; i < w * h; i++) if (hole[i]) for (let c = 0; c < 3; c++) out[3 * i + c] = n ? sum[c] / n : 127.5;
  return out;
}

/**
 * The candidates on `level`'s hole, in CANDIDATE_NAMES order; `level.rgb` is not changed.
 * `toHole`: the known pixels' chessboard distance to the hole, if the caller has it already.
 */
export function smoothCandidates(level: FillLevel, distance: Float32Array, smooth: SmoothGuess, toHole?: Float32Array): Float32Array[] {
  const { width: w, height: h, hole } = level;
  return [smooth(level, distance), ringMean(level, toHole ?? chessboardDistanceToHole(hole, w, h))];
}
