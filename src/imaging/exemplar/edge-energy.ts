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
 * The band's energy is quadratic in α (every gradient is linear in it), so α is solved in closed
 * form from three sums and kept within [0, MAX_GAIN].
 */

/** Width of the band on each side of the edge whose texture energy is compared. */
const BAND_PX = 2;
/** The detail is at most tripled (2× left fine textures such as gravel calmer than their surroundings); a stronger gain would invent texture rather than restore it. */
export const MAX_GAIN = 3;

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

/** The gain on `detail` that gives the hole's edge band the known band's gradient energy. */
export function edgeDetailGain({ width: w, height: h, hole, base, detail, distance }: EdgeBand): number {
  let known = 0, knownPairs = 0;
  // The hole side's energy Σ (b + α·d)² as s00 + 2α·s0d + α²·sdd.
  let s00 = 0, s0d = 0, sdd = 0, holePairs = 0;
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
        s00 += b * b;
        s0d += b * d;
        sdd += d * d;
        holePairs++;
      }
    }
  }
  if (knownPairs === 0 || holePairs === 0 || sdd === 0) return 1;
  const target = (known / knownPairs) * holePairs;
  // sdd·α² + 2·s0d·α + s00 = target: the larger root; with no real root, the α closest to it.
  const disc = s0d * s0d - sdd * (s00 - target);
  const alpha = disc >= 0 ? (-s0d + Math.sqrt(disc)) / sdd : -s0d / sdd;
  return Math.min(MAX_GAIN, Math.max(0, alpha));
}
