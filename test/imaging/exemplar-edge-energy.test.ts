/**
 * The edge gain (exemplar/edge-energy.ts) makes the hole's edge band as busy as the known band
 * around it, measured on the pixels as they will be stored (8 bits per channel). On a calm grey
 * image the rounding of the copied detail adds steps of its own; a gain solved on unrounded
 * values leaves the stored edge busier than its surroundings, which shows as a seam.
 */
import { describe, expect, it } from "vitest";
import { edgeDetailGain } from "../../src/imaging/exemplar/edge-energy";
import { chessboardDistance } from "../../src/imaging/exemplar/distance";
import { createRandom } from "../../src/imaging/exemplar/level";

const W = 64, H = 64, BAND = 2;

/** Mean squared luma step over the band's pairs (right and down neighbours), split by side. */
function bandEnergies(values: Float32Array, hole: Uint8Array, distance: Float32Array): { known: number; hole: number } {
  const luma = (i: number) => 0.299 * values[3 * i] + 0.587 * values[3 * i + 1] + 0.114 * values[3 * i + 2];
  let known = 0, nk = 0, inHole = 0, nh = 0;
  for (let y = 0; y < H - 1; y++) {
    for (let x = 0; x < W - 1; x++) {
      const i = y * W + x;
      if (distance[i] > BAND) continue;
      for (const j of [i + 1, i + W]) {
        const e = (luma(j) - luma(i)) ** 2;
        if (!hole[i] && !hole[j]) { known += e; nk++; } else { inHole += e; nh++; }
      }
    }
  }
  return { known: known / nk, hole: inHole / nh };
}

/**
 * A calm grey image (integer grain of ±1–2 levels), a square hole, a smooth base and copied detail
 * (±1.5) on the first ring, strong enough that the gain needed stays under its cap (about 1.2–1.4).
 * A gain solved on unrounded values leaves this stored band 3–10 % busier than the known one.
 */
function scene(seed: number) {
  const random = createRandom(seed);
  const hole = new Uint8Array(W * H), base = new Float32Array(W * H * 3), detail = new Float32Array(W * H * 3);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) hole[y * W + x] = x >= 20 && x < 44 && y >= 18 && y < 46 ? 1 : 0;
  const toKnown = chessboardDistance(hole, W, H), toHole = chessboardDistance(hole.map((v) => 1 - v), W, H);
  for (let i = 0; i < W * H; i++) {
    const grain = hole[i] ? 100.3 + 0.2 * random() : 100 + Math.round(3 * (random() - 0.5));
    const ring = hole[i] && toKnown[i] === 1 ? 3 * (random() - 0.5) : 0;
    for (let c = 0; c < 3; c++) {
      base[3 * i + c] = grain;
      detail[3 * i + c] = ring;
    }
  }
  const distance = toKnown.map((d, i) => (hole[i] ? d : toHole[i]));
  return { hole, base, detail, distance };
}

describe("edgeDetailGain", () => {
  it("makes the stored (8-bit) edge band as busy as the known band on a calm grey image", () => {
    for (const seed of [1, 2, 3]) {
      const { hole, base, detail, distance } = scene(seed);
      const alpha = edgeDetailGain({ width: W, height: H, hole, base, detail, distance });
      const stored = base.map((b, c) => Math.round(b + alpha * detail[c]));
      const energies = bandEnergies(stored, hole, distance);
      expect(alpha).toBeGreaterThan(0);
      expect(Math.abs(energies.hole / energies.known - 1)).toBeLessThan(0.03);
    }
  });
});
