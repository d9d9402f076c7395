import { describe, expect, it } from "vitest";
import { applyMix, fitMix, hiddenRing, mixAt } from "../../src/imaging/exemplar/self-check";
import { smoothCandidates } from "../../src/imaging/exemplar/candidates";
import { composeOverSmoothBase, smoothBase } from "../../src/imaging/exemplar/compose";
import { chessboardDistance } from "../../src/imaging/exemplar/distance";
import { createRandom, type FillLevel } from "../../src/imaging/exemplar/level";

const W = 96, H = 96;
const BOX: [number, number, number, number] = [30, 30, 65, 65];

/** A level from f(x, y) → grey value, with a square hole (hole pixels start at −1000 so any unwritten one shows). */
function level(f: (x: number, y: number) => number, [x0, y0, x1, y1] = BOX): FillLevel {
  const rgb = new Float32Array(W * H * 3), hole = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x, inside = x >= x0 && x <= x1 && y >= y0 && y <= y1;
      hole[i] = inside ? 1 : 0;
      for (let c = 0; c < 3; c++) rgb[3 * i + c] = inside ? -1000 : f(x, y);
    }
  }
  return { width: W, height: H, rgb, hole, locality: 0 };
}

/** Mean squared error over the hole against f. */
function holeMse(values: Float32Array, lv: FillLevel, f: (x: number, y: number) => number): number {
  let se = 0, n = 0;
  for (let i = 0; i < W * H; i++) {
    if (!lv.hole[i]) continue;
    for (let c = 0; c < 3; c++) se += (values[3 * i + c] - f(i % W, (i / W) | 0)) ** 2;
    n += 3;
  }
  return se / n;
}

/** White noise of a fixed seed, per pixel, around grey 128 (a texture no neighbour predicts). */
function noise(seed: number): (x: number, y: number) => number {
  const random = createRandom(seed);
  const table = Float32Array.from({ length: W * H }, () => 128 + 100 * (random() - 0.5));
  return (x, y) => table[y * W + x];
}

const depthOf = (lv: FillLevel) => Math.max(...chessboardDistance(lv.hole, W, H).filter((_, i) => lv.hole[i]));

describe("the image's own lesson (self-check.ts)", () => {
  it("hides the known ring as deep as the hole, split into the hole's four sides", () => {
    const lv = level(() => 0);
    const ring = hiddenRing(lv.hole, W, H, 10);
    const toHole = chessboardDistance(lv.hole.map((v) => 1 - v), W, H);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < W * H; i++) {
      const inRing = !lv.hole[i] && toHole[i] <= 10;
      expect(ring.domain[i]).toBe(lv.hole[i] || inRing ? 1 : 0);
      expect(ring.sector[i] !== 255).toBe(inRing);
      if (inRing) counts[ring.sector[i]]++;
    }
    // A square hole: the four sides' sectors are alike.
    expect(Math.min(...counts)).toBeGreaterThan(0.9 * Math.max(...counts));
    expect(counts.reduce((a, b) => a + b)).toBe(56 * 56 - 36 * 36);
  });

  it("on a ramp the smooth fill is kept, whole", () => {
    const f = (x: number, y: number) => 40 + 1.2 * x + 0.5 * y;
    const lv = level(f);
    const plan = fitMix(lv, depthOf(lv), smoothBase);
    for (const side of plan.mixes) for (const mix of side) expect(mix[0]).toBeGreaterThan(0.9);
  });

  it("on white noise it leans next to the edge towards the surroundings' mean (the edge's noise predicts nothing), and the hole's error falls below the smooth fill's", () => {
    for (const seed of [1, 2, 3]) {
      const f = noise(seed);
      const lv = level(f);
      const plan = fitMix(lv, depthOf(lv), smoothBase);
      for (const side of plan.mixes) expect(mixAt(side, 1, new Float64Array(2))[1]).toBeGreaterThan(0.5);
      const distance = chessboardDistance(lv.hole, W, H);
      const smoothOnly = holeMse(smoothBase(lv, distance), lv, f);
      const mixed = applyMix(plan, smoothCandidates(lv, distance, smoothBase), lv.hole, distance, W);
      expect(holeMse(mixed, lv, f)).toBeLessThan(0.95 * smoothOnly);
    }
  });

  it("one calm side does not veto what the noisy sides show: they lean to the mean, the calm side keeps the smooth fill", () => {
    for (const seed of [5, 6, 7]) {
      // White noise everywhere but a smooth ramp right of the hole (x > 65).
      const grain = noise(seed);
      const f = (x: number, y: number) => (x > 65 ? 60 + 0.8 * x + 0.3 * y : grain(x, y));
      const lv = level(f);
      const plan = fitMix(lv, depthOf(lv), smoothBase);
      const meanShare = (side: number) => mixAt(plan.mixes[side], 1, new Float64Array(2))[1];
      expect(meanShare(0)).toBeLessThan(0.15);
      for (const side of [1, 2, 3]) expect(meanShare(side)).toBeGreaterThan(0.3);
      // The hole's left third faces the noise only: its error falls below the smooth fill's.
      const distance = chessboardDistance(lv.hole, W, H);
      const leftThird = { ...lv, hole: lv.hole.map((v, i) => (v && i % W < 42 ? 1 : 0)) };
      const smoothOnly = holeMse(smoothBase(lv, distance), leftThird, f);
      const mixed = applyMix(plan, smoothCandidates(lv, distance, smoothBase), lv.hole, distance, W);
      expect(holeMse(mixed, leftThird, f)).toBeLessThan(0.95 * smoothOnly);
    }
  });

  it("the finished fill still leaves every known pixel alone", () => {
    const f = noise(4);
    const lv = level(f);
    lv.rgb.forEach((v, k) => { if (v === -1000) lv.rgb[k] = 128; });
    const before = lv.rgb.slice();
    composeOverSmoothBase(lv, 0);
    for (let i = 0; i < W * H; i++) {
      if (lv.hole[i]) continue;
      for (let c = 3 * i; c < 3 * i + 3; c++) expect(lv.rgb[c]).toBe(before[c]);
    }
  });
});
