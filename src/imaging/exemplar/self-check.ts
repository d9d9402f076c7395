/**
 * Which smooth guess (candidates.ts) to trust, learnt from the image itself. The known ring around
 * the hole, as deep as the hole (at most `MAX_RING_PX`), is hidden as if it were part of it; every
 * candidate fills hole and ring together, and the ring's true pixels score them. The ring is
 * filled from outside only, as the hole's own edge is, and it is the image right next to the hole,
 * where its statistics are closest to the hole's.
 *
 * The mix is fitted per band of depth into the hole (next to the edge the edge's own pixels may
 * predict well, deep inside only the surroundings' general level does), by least squares with
 * weights ≥ 0 summing to 1, and it must hold on each side of the hole:
 *   robust — the ring is scored on four sides (hole-sides.ts), and the mix all sides agree on is
 *            the one whose worst error ratio to the smooth candidate alone is least. On a photo
 *            whose sides differ (a face beside a dark suit) one side's lesson does not carry;
 *   local  — yet one calm side should not veto what the others show (a thin hole in gravel with a
 *            smoother strip on one side): each side's mix is half its own least-squares mix, half
 *            the agreed one, and a hole pixel blends the mixes of the sides it faces;
 *   guard  — squared error prefers flatter guesses than the eye does: a mix that restores values
 *            better may wash out structure. The mix is pulled back towards the smooth candidate
 *            until the ring's SSIM is at least the smooth candidate's own.
 * The smooth candidate is never worse than itself, so where the image gives no clear lesson the
 * fill is the smooth base alone.
 */
import type { FillLevel } from "./level";
import { chessboardDistance, chessboardDistanceToHole } from "./distance";
import { CANDIDATE_NAMES, smoothCandidates, type SmoothGuess } from "./candidates";
import { ssimMapAgainst } from "./window-ssim";
import { holeSides, sideOf, sideWeights, SIDE_COUNT, type HoleSides } from "./hole-sides";

/** Upper bounds of the depth bands (chessboard distance to a known pixel). */
const DEPTH_BANDS = [1, 2, 4, 8, 16, 32, Infinity];
/** A depth typical of each band: the mix is interpolated between these (in log depth), so it has no steps. */
const BAND_CENTRES = [1, 2, 3.5, 6.5, 12.5, 24.5, 48];
/** A band's mix is fitted only where at least two sectors have this many ring pixels in it; else the shallower band's is used. */
const MIN_SAMPLES = 64;
/** Simplex grid step for the mix. */
const STEP = 0.05;
/** The deepest ring hidden around the hole. */
const MAX_RING_PX = 32;
/** Pixels an SSIM window reaches beyond its centre (window-ssim.ts: 7×7). */
const SSIM_REACH = 3;
/** How far the guard pulls a mix back: these shares of it are tried in turn, then none. */
const GUARD_SHARES = [1, 0.5, 0.25];
/** A side's own least-squares mix counts this much; the mix all sides agree on, the rest (a side's ring is a small sample). */
const OWN_SIDE_SHARE = 0.5;

const K = CANDIDATE_NAMES.length;
const SMOOTH_ONLY = Float64Array.from({ length: K }, (_, j) => (j === 0 ? 1 : 0));
/** The candidate mix per side of the hole and per depth band. */
export interface MixPlan {
  sides: HoleSides;
  /** mixes[side][band]: candidate weights. */
  mixes: Float64Array[][];
}
/** True when every side and band keeps the smooth candidate alone (the other candidates need not be made). */
export const isSmoothOnly = (plan: MixPlan) => plan.mixes.every((side) => side.every((m) => m[0] === 1));
const bandOf = (d: number) => DEPTH_BANDS.findIndex((b) => d <= b);

/** The mix at depth `d`: the bands' mixes interpolated in log depth. */
export function mixAt(mixes: Float64Array[], d: number, out: Float64Array): Float64Array {
  const last = BAND_CENTRES.length - 1;
  let b = 0;
  while (b < last && d > BAND_CENTRES[b + 1]) b++;
  const t = b === last || d <= BAND_CENTRES[0] ? 0 : Math.min(1, Math.log(d / BAND_CENTRES[b]) / Math.log(BAND_CENTRES[b + 1] / BAND_CENTRES[b]));
  for (let j = 0; j < out.length; j++) out[j] = (1 - t) * mixes[b][j] + t * mixes[Math.min(last, b + 1)][j];
  return out;
}

/**
 * The candidates mixed per pixel by side and depth; pixels outside `domain` are the first
 * candidate's. Distances are chessboard distances (whole numbers), so each side's mix is tabulated
 * per distance once rather than interpolated per pixel.
 */
export function applyMix(plan: MixPlan, cands: Float32Array[], domain: Uint8Array, distance: Float32Array, w: number): Float32Array {
  let deepest = 0;
  for (let i = 0; i < domain.length; i++) if (domain[i] && distance[i] > deepest) deepest = distance[i];
  const rows = deepest + 1, table = new Float64Array(SIDE_COUNT * rows * K), one = new Float64Array(K);
  plan.mixes.forEach((side, s) => {
    for (let d = 0; d < rows; d++) table.set(mixAt(side, d, one), (s * rows + d) * K);
  });
  const out = cands[0].slice(), mix = new Float64Array(K), weights = new Float64Array(SIDE_COUNT);
  for (let i = 0; i < domain.length; i++) {
    if (!domain[i]) continue;
    sideWeights(plan.sides, i % w, (i / w) | 0, weights);
    mix.fill(0);
    for (let s = 0; s < SIDE_COUNT; s++) {
      if (weights[s] === 0) continue;
      const row = (s * rows + distance[i]) * K;
      for (let j = 0; j < K; j++) mix[j] += weights[s] * table[row + j];
    }
    for (let c = 3 * i; c < 3 * i + 3; c++) {
      let v = 0;
      for (let j = 0; j < K; j++) v += mix[j] * cands[j][c];
      out[c] = v;
    }
  }
  return out;
}

interface Ring {
  /** The hole plus the hidden ring: what the candidates fill. */
  domain: Uint8Array;
  /** The ring's pixels, by side (hole-sides.ts); 255 = not in the ring. */
  sector: Uint8Array;
  sides: HoleSides;
}

/** The known ring within `depth` of the hole, split into the hole's four sides. */
export function hiddenRing(hole: Uint8Array, w: number, h: number, depth: number, toHole = chessboardDistanceToHole(hole, w, h)): Ring {
  const sides = holeSides(hole, w);
  const width = Math.min(MAX_RING_PX, Math.max(2, depth));
  const domain = new Uint8Array(w * h), sector = new Uint8Array(w * h).fill(255);
  for (let i = 0; i < w * h; i++) {
    if (hole[i]) { domain[i] = 1; continue; }
    if (toHole[i] > width) continue;
    domain[i] = 1;
    sector[i] = sideOf(sides, i % w, (i / w) | 0);
  }
  return { domain, sector, sides };
}

/** Per sector and band: the Gram matrix of the candidates' errors, Σ (c_j − y)(c_k − y), and the pixel count. */
function errorGrams(cands: Float32Array[], truth: Float32Array, ring: Ring, distance: Float32Array): Array<Array<{ g: Float64Array; n: number }>> {
  const grams = Array.from({ length: SIDE_COUNT }, () => DEPTH_BANDS.map(() => ({ g: new Float64Array(K * K), n: 0 })));
  const e = new Float64Array(K);
  for (let i = 0; i < ring.sector.length; i++) {
    if (ring.sector[i] === 255) continue;
    const gram = grams[ring.sector[i]][bandOf(distance[i])];
    for (let c = 3 * i; c < 3 * i + 3; c++) {
      for (let j = 0; j < K; j++) e[j] = cands[j][c] - truth[c];
      for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) gram.g[a * K + b] += e[a] * e[b];
    }
    gram.n++;
  }
  return grams;
}

/** The simplex point (grid `STEP`) with the least worst-sector error ratio to the smooth candidate alone. */
function robustMix(grams: Float64Array[]): Float64Array {
  let best = SMOOTH_ONLY, bestRatio = 1;
  const w = new Float64Array(K);
  const visit = (j: number, left: number) => {
    if (j === K - 1) {
      w[j] = left * STEP;
      let worst = 0;
      for (const g of grams) {
        let err = 0;
        for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) err += w[a] * w[b] * g[a * K + b];
        worst = Math.max(worst, err / Math.max(1e-9, g[0]));
      }
      if (worst < bestRatio) { bestRatio = worst; best = w.slice(); }
      return;
    }
    for (let s = 0; s <= left; s++) { w[j] = s * STEP; visit(j + 1, left - s); }
  };
  visit(0, Math.round(1 / STEP));
  return best;
}

/** Scores guesses by the ring's mean SSIM against the truth, computed on the ring's bounding box (plus the window's reach) only. */
function ringSsimScorer(truth: Float32Array, ring: Ring, w: number, h: number): (guess: Float32Array) => number {
  let x0 = w, x1 = -1, y0 = h, y1 = -1;
  for (let i = 0; i < ring.sector.length; i++) {
    if (ring.sector[i] === 255) continue;
    const x = i % w, y = (i / w) | 0;
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  if (x1 < 0) return () => 0;
  x0 = Math.max(0, x0 - SSIM_REACH); y0 = Math.max(0, y0 - SSIM_REACH);
  x1 = Math.min(w - 1, x1 + SSIM_REACH); y1 = Math.min(h - 1, y1 + SSIM_REACH);
  const cw = x1 - x0 + 1, ch = y1 - y0 + 1;
  const crop = (v: Float32Array) => {
    const out = new Float32Array(cw * ch * 3);
    for (let y = 0; y < ch; y++) {
      const from = 3 * ((y + y0) * w + x0);
      out.set(v.subarray(from, from + 3 * cw), 3 * y * cw);
    }
    return out;
  };
  const against = ssimMapAgainst(crop(truth), cw, ch);
  return (guess) => {
    const map = against(crop(guess));
    let sum = 0, n = 0;
    for (let y = 0; y < ch; y++) {
      for (let x = 0; x < cw; x++) {
        if (ring.sector[(y + y0) * w + x + x0] === 255) continue;
        sum += map[y * cw + x];
        n++;
      }
    }
    return sum / n;
  };
}

/** Per side, the mix per band: its own least-squares mix shrunk towards the agreed one. A side with too few ring pixels in a band takes the agreed mix; a band where fewer than two sides have enough keeps the shallower band's. */
function sideMixes(grams: Array<Array<{ g: Float64Array; n: number }>>): MixPlan["mixes"] {
  const mixes: Float64Array[][] = grams.map(() => []);
  for (let b = 0; b < DEPTH_BANDS.length; b++) {
    const sampled = grams.map((side) => side[b]).filter((g) => g.n >= MIN_SAMPLES);
    const agreed = sampled.length >= 2 ? robustMix(sampled.map((s) => s.g)) : null;
    grams.forEach((side, s) => {
      const shallower = b > 0 ? mixes[s][b - 1] : SMOOTH_ONLY;
      if (!agreed) return void mixes[s].push(shallower);
      if (side[b].n < MIN_SAMPLES) return void mixes[s].push(agreed);
      const own = robustMix([side[b].g]);
      mixes[s].push(own.map((v, j) => OWN_SIDE_SHARE * v + (1 - OWN_SIDE_SHARE) * agreed[j]));
    });
  }
  return mixes;
}

/**
 * The candidate mix per side and depth band, learnt on the ring around the hole (`depth`: the
 * hole's deepest pixel; `toHole`: the known pixels' chessboard distance to it, if already made).
 */
export function fitMix(level: FillLevel, depth: number, smooth: SmoothGuess, toHole?: Float32Array): MixPlan {
  const { width: w, height: h } = level;
  const ring = hiddenRing(level.hole, w, h, depth, toHole);
  const distance = chessboardDistance(ring.domain, w, h);
  const cands = smoothCandidates({ ...level, hole: ring.domain }, distance, smooth);
  const plan: MixPlan = { sides: ring.sides, mixes: sideMixes(errorGrams(cands, level.rgb, ring, distance)) };
  if (isSmoothOnly(plan)) return plan;
  const ringSsim = ringSsimScorer(level.rgb, ring, w, h), plain = ringSsim(cands[0]);
  // The fill is linear in the mix, so a mix pulled back by a share is the same share of the way from the smooth candidate.
  const full = applyMix(plan, cands, ring.domain, distance, w), smoothOnly = cands[0];
  for (const share of GUARD_SHARES) {
    const guess = share === 1 ? full : full.map((v, k) => smoothOnly[k] + share * (v - smoothOnly[k]));
    if (ringSsim(guess) >= plain) return { ...plan, mixes: plan.mixes.map((side) => side.map((m) => m.map((v, j) => share * v + (1 - share) * SMOOTH_ONLY[j]))) };
  }
  return { ...plan, mixes: plan.mixes.map((side) => side.map(() => SMOOTH_ONLY)) };
}
