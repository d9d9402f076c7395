/**
 * How busy the fill is at the hole's edge, matched to its surroundings. The vote averages many
 * overlapping patches (vote.ts), so the copy at the edge is calmer than the image around it
 * (measured on photos: 2–5× less gradient energy), and a smooth base is calmer still: the edge
 * shows as a band of blur. A copy that is too busy (gravel on calm sky) shows as a band of noise.
 * The surroundings say how busy the edge should be: the mean squared luma gradient over the known
 * pixels within `BAND_PX` of the hole (texture is locally stationary there). One gain α on the
 * copied detail (fill − smooth base) makes the fill's side of the band, steps across the edge
 * included, as busy as that.
 *
 * The energy is measured as the fill will be stored, each channel rounded to 8 bits: rounding the
 * copied detail adds its own small steps, and on a calm grey image they matter (cell.png: α solved
 * on unrounded values was 8–25 % too high for the stored pixels, and the bench's seam was 0.086
 * where Telea's is 0.050; counting the rounding, 0.043). α is kept within [0, MAX_GAIN] and found
 * by bisection above the α of least energy.
 */

/** Width of the band on each side of the edge whose texture energy is compared. */
const BAND_PX = 2;
/**
 * The detail is at most doubled. The first ring's detail hardly predicts what the hole hid (on 19
 * photos its squared error with the gain solved was 2–2.5× that of the smooth base alone, ring by
 * ring), so every step of gain buys edge energy with error: a tripled detail cost text and grass
 * more PSNR than it won them in seam. At 2× the edge is a little calmer than its surroundings
 * (the bench photos' seams 0.03–0.17 → 0.05–0.23, still far under the baselines') and photos won rose 245 → 250 of 266 runs (bench/removal,
 * README); at 1.5× fine textures' edges turned visibly calm (gravel's seam 0.22).
 */
export const MAX_GAIN = 2;
/** Bisection steps for α: MAX_GAIN / 2^20, far below what one grey level of rounding can tell apart. */
const BISECTIONS = 20;

const luma = (v: Float32Array, i: number) => 0.299 * v[3 * i] + 0.587 * v[3 * i + 1] + 0.114 * v[3 * i + 2];

export interface EdgeBand {
  width: number;
  height: number;
  hole: Uint8Array;
  /** Known pixels: the image; hole pixels: the smooth base. [h, w, 3] */
  base: Float32Array;
  /** The copied detail to scale (0 at known pixels). [h, w, 3] */
  detail: Float32Array;
  /** Hole pixels: distance to the nearest known pixel; known pixels: to the nearest hole pixel. */
  distance: Float32Array;
}

/** A pixel's luma as it will be stored: each channel of base + α·detail rounded to 8 bits. */
function storedLuma(base: Float32Array, detail: Float32Array, i: number, alpha: number): number {
  const r = Math.min(255, Math.max(0, Math.round(base[3 * i] + alpha * detail[3 * i])));
  const g = Math.min(255, Math.max(0, Math.round(base[3 * i + 1] + alpha * detail[3 * i + 1])));
  const b = Math.min(255, Math.max(0, Math.round(base[3 * i + 2] + alpha * detail[3 * i + 2])));
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

const hasDetail = (detail: Float32Array, i: number) => detail[3 * i] !== 0 || detail[3 * i + 1] !== 0 || detail[3 * i + 2] !== 0;

/** The gain on `detail` that gives the hole's edge band the known band's gradient energy. */
export function edgeDetailGain({ width: w, height: h, hole, base, detail, distance }: EdgeBand): number {
  let known = 0, knownPairs = 0;
  // Pairs with a hole end, and the two sums whose ratio is the gain of least energy (−s0d/sdd).
  const pairs: number[] = [];
  let s0d = 0, sdd = 0, fixed = 0, holePairs = 0;
  for (let y = 0; y < h - 1; y++) {
    for (let x = 0; x < w - 1; x++) {
      const i = y * w + x;
      if (distance[i] > BAND_PX) continue;
      for (const j of [i + 1, i + w]) {
        const b = luma(base, j) - luma(base, i);
        if (!hole[i] && !hole[j]) {
          known += b * b;
          knownPairs++;
          continue;
        }
        // A step across the edge counts on the hole's side: only its hole end can change.
        const d = luma(detail, j) - luma(detail, i);
        s0d += b * d;
        sdd += d * d;
        // Only pairs with detail at an end change with α; the others' stored step is counted once.
        if (hasDetail(detail, i) || hasDetail(detail, j)) pairs.push(i, j);
        else fixed += (storedLuma(base, detail, j, 0) - storedLuma(base, detail, i, 0)) ** 2;
        holePairs++;
      }
    }
  }
  if (knownPairs === 0 || holePairs === 0 || sdd === 0) return 1;
  const target = (known / knownPairs) * holePairs;
  const stored = (alpha: number) => {
    let e = fixed;
    for (let k = 0; k < pairs.length; k += 2) e += (storedLuma(base, detail, pairs[k + 1], alpha) - storedLuma(base, detail, pairs[k], alpha)) ** 2;
    return e;
  };
  // Above its least, the energy grows with α (up to rounding's jitter): bisect for the target.
  let lo = Math.min(MAX_GAIN, Math.max(0, -s0d / sdd)), hi = MAX_GAIN;
  if (stored(lo) >= target) return lo;
  if (stored(hi) <= target) return hi;
  for (let step = 0; step < BISECTIONS; step++) {
    const mid = (lo + hi) / 2;
    if (stored(mid) < target) lo = mid;
    else hi = mid;
  }
  return lo;
}
