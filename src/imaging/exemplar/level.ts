/**
 * One level of the exemplar fill's image pyramid: colours as floats (so votes average without
 * rounding), which pixels are holes, and the precomputed sets PatchMatch needs at this level:
 *   valid sources — patch centres whose whole patch lies inside the image and outside the hole;
 *   targets       — patch centres whose (image-clipped) patch touches the hole.
 */

export interface FillLevel {
  width: number;
  height: number;
  rgb: Float32Array; // [h, w, 3] current estimate; known pixels never change
  hole: Uint8Array; // [h, w] 1 = to fill
  /** Patch-distance penalty per squared pixel of target–source distance at this level. */
  locality: number;
}

export interface LevelSets {
  /** 1 where a patch centred here may be copied from. [h, w] */
  validSource: Uint8Array;
  /** The valid source centres as pixel indices (for random initialisation). */
  sources: Int32Array;
  /** 1 where a patch centred here overlaps the hole. [h, w] */
  isTarget: Uint8Array;
  /** The target centres as pixel indices, in scanline order. */
  targets: Int32Array;
}

/** Summed-area table of the hole map, (w+1)×(h+1), for O(1) "any hole in this box" tests. */
function holeIntegral(level: FillLevel): Int32Array {
  const { width: w, height: h, hole } = level;
  const s = new Int32Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += hole[y * w + x];
      s[(y + 1) * (w + 1) + x + 1] = s[y * (w + 1) + x + 1] + row;
    }
  }
  return s;
}

export function levelSets(level: FillLevel, radius: number): LevelSets {
  const { width: w, height: h } = level;
  const s = holeIntegral(level);
  const boxHoles = (x0: number, y0: number, x1: number, y1: number) =>
    s[(y1 + 1) * (w + 1) + x1 + 1] - s[y0 * (w + 1) + x1 + 1] - s[(y1 + 1) * (w + 1) + x0] + s[y0 * (w + 1) + x0];
  const validSource = new Uint8Array(w * h);
  const isTarget = new Uint8Array(w * h);
  const sources: number[] = [];
  const targets: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const inside = x >= radius && y >= radius && x < w - radius && y < h - radius;
      if (inside && boxHoles(x - radius, y - radius, x + radius, y + radius) === 0) {
        validSource[i] = 1;
        sources.push(i);
      }
      const x0 = Math.max(0, x - radius), y0 = Math.max(0, y - radius);
      const x1 = Math.min(w - 1, x + radius), y1 = Math.min(h - 1, y + radius);
      if (boxHoles(x0, y0, x1, y1) > 0) {
        isTarget[i] = 1;
        targets.push(i);
      }
    }
  }
  return { validSource, sources: Int32Array.from(sources), isTarget, targets: Int32Array.from(targets) };
}

/**
 * Half-size level: a coarse pixel is a hole when any of its (up to) four fine pixels is, so the
 * coarse known pixels are plain averages of known fine pixels.
 */
export function downsampleLevel(fine: FillLevel): FillLevel {
  const w = Math.ceil(fine.width / 2), h = Math.ceil(fine.height / 2);
  const rgb = new Float32Array(w * h * 3);
  const hole = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0, g = 0, b = 0, n = 0, holes = 0;
      for (let dy = 0; dy < 2; dy++) {
        const fy = 2 * y + dy;
        if (fy >= fine.height) continue;
        for (let dx = 0; dx < 2; dx++) {
          const fx = 2 * x + dx;
          if (fx >= fine.width) continue;
          const i = fy * fine.width + fx;
          if (fine.hole[i]) {
            holes++;
            continue;
          }
          r += fine.rgb[3 * i];
          g += fine.rgb[3 * i + 1];
          b += fine.rgb[3 * i + 2];
          n++;
        }
      }
      const o = y * w + x;
      hole[o] = holes > 0 ? 1 : 0;
      if (n > 0) {
        rgb[3 * o] = r / n;
        rgb[3 * o + 1] = g / n;
        rgb[3 * o + 2] = b / n;
      }
    }
  }
  return { width: w, height: h, rgb, hole, locality: fine.locality * 4 };
}

/** The fine level's hole pixels take the coarser level's (already filled) pixel above them. */
export function upsampleHoleValues(coarse: FillLevel, fine: FillLevel): void {
  const { width: w, height: h, hole, rgb } = fine;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!hole[i]) continue;
      const c = 3 * (Math.min(coarse.height - 1, y >> 1) * coarse.width + Math.min(coarse.width - 1, x >> 1));
      rgb.set(coarse.rgb.subarray(c, c + 3), 3 * i);
    }
  }
}

/** Deterministic xorshift32: same seed, same fill (tests and benchmarks repeat exactly). */
export function createRandom(seed: number): () => number {
  // Scramble the seed so that small seeds (1, 2, 3…) do not start with tiny outputs.
  let state = (Math.imul((seed >>> 0) ^ 0x5bd1e995, 0x9e3779b1) >>> 0) || 0x9e3779b9;
  for (let i = 0; i < 4; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
  }
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}
