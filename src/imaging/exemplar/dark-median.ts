/**
 * Keeps dark regions dark. The smooth base (compose.ts) is a mean: deep inside a hole it mixes every
 * side of the hole, so a black region bordered by one bright stretch (a helmet against a lit rim, a
 * night sky beside the moon) becomes a grey haze. On a bright region a few grey levels of haze go
 * unseen; near black the same few levels are a large part of the value, and vision (and SSIM's
 * luminance term) judges contrast relative to the level (Weber). The median of the same boundary
 * does not mix: where most of what surrounds a pixel (weighted as the harmonic fill weights it) is
 * black, it is black.
 *
 * The harmonic median of each pixel's brightness V = max(R, G, B) (dark means every channel is
 * dark): for thresholds t, the harmonic fill of the indicator [V ≤ t] is the share of the boundary
 * below t as seen from each hole pixel (a cumulative distribution); the median is where that share
 * crosses one half (interpolated between thresholds). Only dark medians are used, so only dark
 * thresholds are solved (all six in one pair of three-channel solves), spaced roughly
 * logarithmically (Weber again). Where the median is darker than the base's V and below
 * `DARK_NONE`, the base is scaled down to it (hue kept): fully below `DARK_FULL`, fading out by
 * `DARK_NONE`.
 */
import { harmonicFill } from "./smooth-fill";

const THRESHOLDS = [2, 5, 10, 20, 40, 70];
/** Medians at or below this replace the mean wholly… */
const DARK_FULL = 16;
/** …and from this level up not at all. */
const DARK_NONE = 48;

const brightness = (v: Float32Array, i: number) => Math.max(v[3 * i], v[3 * i + 1], v[3 * i + 2]);

/** The harmonic median of the known pixels' brightness at hole pixels; Infinity above the last threshold. */
export function darkHarmonicMedian(values: Float32Array, hole: Uint8Array, w: number, h: number): Float32Array {
  const n = w * h, levels = THRESHOLDS.length;
  const cdf = THRESHOLDS.map(() => new Float32Array(n));
  const share = new Float32Array(n * 3);
  // Three thresholds share one three-channel harmonic solve.
  for (let k0 = 0; k0 < levels; k0 += 3) {
    share.fill(0);
    for (let i = 0; i < n; i++) {
      if (hole[i]) continue;
      const v = brightness(values, i);
      for (let j = 0; j < 3 && k0 + j < levels; j++) share[3 * i + j] = v <= THRESHOLDS[k0 + j] ? 1 : 0;
    }
    harmonicFill(share, hole, w, h);
    for (let i = 0; i < n; i++) for (let j = 0; j < 3 && k0 + j < levels; j++) cdf[k0 + j][i] = share[3 * i + j];
  }
  const median = new Float32Array(n).fill(Infinity);
  for (let i = 0; i < n; i++) {
    if (!hole[i]) continue;
    let lowT = 0, lowF = 0;
    for (let k = 0; k < levels; k++) {
      const F = cdf[k][i], T = THRESHOLDS[k];
      if (F >= 0.5) {
        median[i] = F > lowF ? lowT + ((0.5 - lowF) / (F - lowF)) * (T - lowT) : T;
        break;
      }
      lowT = T;
      lowF = F;
    }
  }
  return median;
}

/** Darkens `base` (hole pixels) towards the dark harmonic median of the known `values`, in place. */
export function keepDarkRegionsDark(base: Float32Array, values: Float32Array, hole: Uint8Array, w: number, h: number): void {
  let dark = false;
  for (let i = 0; i < w * h && !dark; i++) dark = !hole[i] && brightness(values, i) < DARK_NONE;
  if (!dark) return; // no dark surroundings: no dark median anywhere
  const median = darkHarmonicMedian(values, hole, w, h);
  for (let i = 0; i < w * h; i++) {
    const m = median[i], v = brightness(base, i);
    if (!hole[i] || !(m < v)) continue;
    const weight = Math.min(1, Math.max(0, (DARK_NONE - m) / (DARK_NONE - DARK_FULL)));
    const scale = 1 + weight * (m / v - 1);
    for (let c = 3 * i; c < 3 * i + 3; c++) base[c] *= scale;
  }
}
