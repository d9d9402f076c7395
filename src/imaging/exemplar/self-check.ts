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
 *   robust — the ring is scored in four sectors (right, left, below, above), and the mix taken is
 *            the one whose worst error ratio to the smooth candidate alone is least. On a photo
 *            whose sides differ (a face beside a dark suit) one side's lesson does not carry;
 *   guard  — squared error prefers flatter guesses than the eye does: a mix that restores values
 *            better may wash out structure. The mix is pulled back towards the smooth candidate
 *            until the ring's SSIM is at least the smooth candidate's own.
 * The smooth candidate is never worse than itself, so where the image gives no clear lesson the
 * fill is the smooth base alone.
 */
import type { FillLevel } from "./level";
import { chessboardDistance } from "./distance";
import { CANDIDATE_NAMES, smoothCandidates, type SmoothGuess } from "./candidates";
import { ssimMap } from "./window-ssim";

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

const K = CANDIDATE_NAMES.length;
const SMOOTH_ONLY = Float64Array.from({ length: K }, (_, j) => (j === 0 ? 1 : 0));
/** True when every band keeps the smooth candidate alone (the other candidates need not be made). */
export const isSmoothOnly = (mixes: Float64Array[]) => mixes.every((m) => m[0] === 1);
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

/** The candidates mixed per pixel by depth; pixels outside `domain` are the first candidate's. */
export function applyMix(mixes: Float64Array[], cands: Float32Array[], domain: Uint8Array, distance: Float32Array): Float32Array {
  const out = cands[0].slice(), mix = new Float64Array(K);
  for (let i = 0; i < domain.length; i++) {
    if (!domain[i]) continue;
    mixAt(mixes, distance[i], mix);
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
  /** The ring's pixels, by sector (0–3); 255 = not in the ring. */
  sector: Uint8Array;
}

/** The known ring within `depth` of the hole, split into four sectors around the hole's centre. */
export function hiddenRing(hole: Uint8Array, w: number, h: number, depth: number): Ring {
  let x0 = w, x1 = -1, y0 = h, y1 = -1;
  for (let i = 0; i < w * h; i++) {
    if (!hole[i]) continue;
    const x = i % w, y = (i / w) | 0;
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1, cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const toHole = chessboardDistance(hole.map((v) => 1 - v), w, h);
  const width = Math.min(MAX_RING_PX, Math.max(2, depth));
  const domain = new Uint8Array(w * h), sector = new Uint8Array(w * h).fill(255);
  for (let i = 0; i < w * h; i++) {
    if (hole[i]) { domain[i] = 1; continue; }
    if (toHole[i] > width) continue;
    domain[i] = 1;
    const dx = (i % w) - cx, dy = ((i / w) | 0) - cy;
    sector[i] = Math.abs(dx) * bh >= Math.abs(dy) * bw ? (dx >= 0 ? 0 : 1) : dy >= 0 ? 2 : 3;
  }
  return { domain, sector };
}

/** Per sector and band: the Gram matrix of the candidates' errors, Σ (c_j − y)(c_k − y), and the pixel count. */
function errorGrams(cands: Float32Array[], truth: Float32Array, ring: Ring, distance: Float32Array): Array<Array<{ g: Float64Array; n: number }>> {
  const grams = [0, 1, 2, 3].map(() => DEPTH_BANDS.map(() => ({ g: new Float64Array(K * K), n: 0 })));
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

/** The ring's mean SSIM against the truth, computed on the ring's bounding box (plus the window's reach) only. */
function ringSsim(truth: Float32Array, guess: Float32Array, ring: Ring, w: number, h: number): number {
  let x0 = w, x1 = -1, y0 = h, y1 = -1;
  for (let i = 0; i < ring.sector.length; i++) {
    if (ring.sector[i] === 255) continue;
    const x = i % w, y = (i / w) | 0;
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  if (x1 < 0) return 0;
  x0 = Math.max(0, x0 - SSIM_REACH); y0 = Math.max(0, y0 - SSIM_REACH);
  x1 = Math.min(w - 1, x1 + SSIM_REACH); y1 = Math.min(h - 1, y1 + SSIM_REACH);
  const cw = x1 - x0 + 1, ch = y1 - y0 + 1;
  const a = new Float32Array(cw * ch * 3), b = new Float32Array(cw * ch * 3);
  for (let y = 0; y < ch; y++) {
    const from = 3 * ((y + y0) * w + x0);
    a.set(truth.subarray(from, from + 3 * cw), 3 * y * cw);
    b.set(guess.subarray(from, from + 3 * cw), 3 * y * cw);
  }
  const map = ssimMap(a, b, cw, ch);
  let sum = 0, n = 0;
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      if (ring.sector[(y + y0) * w + x + x0] === 255) continue;
      sum += map[y * cw + x];
      n++;
    }
  }
  return sum / n;
}

/** The candidate mix per depth band, learnt on the ring around the hole (`depth`: the hole's deepest pixel). */
export function fitMix(level: FillLevel, depth: number, smooth: SmoothGuess): Float64Array[] {
  const { width: w, height: h } = level;
  const ring = hiddenRing(level.hole, w, h, depth);
  const distance = chessboardDistance(ring.domain, w, h);
  const cands = smoothCandidates({ ...level, hole: ring.domain }, distance, smooth);
  const grams = errorGrams(cands, level.rgb, ring, distance);
  const mixes: Float64Array[] = [];
  for (let b = 0; b < DEPTH_BANDS.length; b++) {
    const sectors = grams.map((s) => s[b]).filter((g) => g.n >= MIN_SAMPLES);
    mixes.push(sectors.length >= 2 ? robustMix(sectors.map((s) => s.g)) : b > 0 ? mixes[b - 1] : SMOOTH_ONLY);
  }
  if (isSmoothOnly(mixes)) return mixes;
  const plain = ringSsim(level.rgb, cands[0], ring, w, h);
  for (const share of GUARD_SHARES) {
    const pulled = mixes.map((m) => m.map((v, j) => share * v + (1 - share) * SMOOTH_ONLY[j]));
    if (ringSsim(level.rgb, applyMix(pulled, cands, ring.domain, distance), ring, w, h) >= plain) return pulled;
  }
  return DEPTH_BANDS.map(() => SMOOTH_ONLY);
}
