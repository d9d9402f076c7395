import { describe, expect, it } from "vitest";
import { biharmonicFill, harmonicFill } from "../../src/imaging/exemplar/smooth-fill";
import { correctToBoundary } from "../../src/imaging/exemplar/boundary-correction";
import { composeOverSmoothBase, smoothBase } from "../../src/imaging/exemplar/compose";
import { MAX_GAIN } from "../../src/imaging/exemplar/edge-energy";
import { chessboardDistance, distanceToKnown } from "../../src/imaging/exemplar/distance";
import type { FillLevel } from "../../src/imaging/exemplar/level";

/** [h, w, 3] values from f(x, y) (same in every channel) and a rectangular hole. */
function grid(w: number, h: number, f: (x: number, y: number) => number, hole: [number, number, number, number]): { values: Float32Array; hole: Uint8Array } {
  const values = new Float32Array(w * h * 3), mask = new Uint8Array(w * h);
  const [x0, y0, x1, y1] = hole;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const inside = x >= x0 && x <= x1 && y >= y0 && y <= y1;
      mask[i] = inside ? 1 : 0;
      for (let c = 0; c < 3; c++) values[3 * i + c] = inside ? -1000 : f(x, y) + c;
    }
  }
  return { values, hole: mask };
}

describe("smooth fills (harmonic, biharmonic)", () => {
  it("one hole pixel: the harmonic fill is the mean of its four neighbours; the plate follows the 13-point stencil", () => {
    // 5×5, centre unknown; neighbours chosen by hand.
    const f = (x: number, y: number) => 10 * x + 3 * y * y;
    const a = grid(5, 5, f, [2, 2, 2, 2]);
    harmonicFill(a.values, a.hole, 5, 5);
    const n4 = f(1, 2) + f(3, 2) + f(2, 1) + f(2, 3); // 10+30+20+20 + 3·(4+4+1+9) = 134
    expect(n4).toBe(134);
    expect(a.values[3 * 12]).toBeCloseTo(134 / 4, 4);
    const b = grid(5, 5, f, [2, 2, 2, 2]);
    biharmonicFill(b.values, b.hole, 5, 5);
    const dg = f(1, 1) + f(3, 1) + f(1, 3) + f(3, 3); // 10+30+10+30 + 3·(1+1+9+9) = 140
    const n2 = f(0, 2) + f(4, 2) + f(2, 0) + f(2, 4); // 0+40+20+20 + 3·(4+4+0+16) = 152
    expect((8 * n4 - 2 * dg - n2) / 20).toBe(32); // (1072 − 280 − 152) / 20
    expect(b.values[3 * 12]).toBeCloseTo(32, 3);
  });

  it("reproduces a linear ramp inside a large hole, every channel, and never touches known pixels", () => {
    const w = 96, h = 80, f = (x: number, y: number) => 40 + 1.5 * x + 0.75 * y;
    for (const fill of [harmonicFill, biharmonicFill]) {
      const g = grid(w, h, f, [20, 15, 70, 60]);
      const before = g.values.slice();
      fill(g.values, g.hole, w, h);
      let worst = 0;
      for (let i = 0; i < w * h; i++) {
        for (let c = 0; c < 3; c++) {
          if (!g.hole[i]) expect(g.values[3 * i + c]).toBe(before[3 * i + c]);
          else worst = Math.max(worst, Math.abs(g.values[3 * i + c] - (f(i % w, Math.floor(i / w)) + c)));
        }
      }
      // A few sweeps per level: within one grey level of the exact solution (values span 40–200).
      expect(worst, fill.name).toBeLessThan(1);
    }
  });

  it("a hole at the image border mirrors (no flux): a ramp across the border side stays a ramp", () => {
    const w = 64, h = 48, f = (x: number) => 100 + 2 * x;
    const g = grid(w, h, (x) => f(x), [10, 0, 50, 20]); // touches the top edge
    harmonicFill(g.values, g.hole, w, h);
    for (const x of [15, 30, 45]) expect(Math.abs(g.values[3 * (2 * w + x)] - f(x))).toBeLessThan(1);
  });
});

describe("gradient-domain correction and composition", () => {
  it("a copied patch that is 30 levels too dark, with texture, is lifted onto the boundary and keeps its texture", () => {
    const w = 40, h = 30;
    const texture = (x: number, y: number) => ((x + y) % 2 ? 6 : -6);
    const g = grid(w, h, () => 100, [10, 8, 29, 21]);
    for (let i = 0; i < w * h; i++) if (g.hole[i]) for (let c = 0; c < 3; c++) g.values[3 * i + c] = 70 + c + texture(i % w, Math.floor(i / w));
    const level: FillLevel = { width: w, height: h, rgb: g.values, hole: g.hole, locality: 0 };
    correctToBoundary(level);
    // Deep inside (away from the edge pixels, whose offsets also absorb their texture), the offset is +30.
    for (const [x, y] of [[15, 12], [20, 15], [24, 17]] as const) {
      const i = y * w + x;
      expect(g.values[3 * i] - texture(x, y)).toBeCloseTo(100, 0);
    }
  });

  it("drops a copy that would put a step into a calm surround; the smooth base deep inside; all of the copy with detailFloor 1", () => {
    const w = 48, h = 48, hole: [number, number, number, number] = [8, 8, 39, 39];
    const g = grid(w, h, () => 120, hole);
    for (let i = 0; i < w * h; i++) if (g.hole[i]) for (let c = 0; c < 3; c++) g.values[3 * i + c] = 200; // a wrong guess
    const make = (floor: number) => {
      const level: FillLevel = { width: w, height: h, rgb: g.values.slice(), hole: g.hole, locality: 0 };
      composeOverSmoothBase(level, floor);
      return level.rgb;
    };
    const d = chessboardDistance(g.hole, w, h);
    const fill = make(0), whole = make(1);
    const edge = 8 * w + 20, deep = 24 * w + 24;
    expect([d[edge], d[deep]]).toEqual([1, 16]);
    // The surround has no texture, so the copied ring's step would be all seam: gain 0, the base.
    expect(fill[3 * edge]).toBeCloseTo(120, 0);
    expect(fill[3 * deep]).toBeCloseTo(120, 0);
    expect(whole[3 * edge]).toBe(200);
    expect(whole[3 * deep]).toBe(200);
    for (let i = 0; i < w * h; i++) if (!g.hole[i]) expect(fill[3 * i]).toBe(g.values[3 * i]);
  });

  it("restores a calm copy of the surround's texture on the outermost ring only", () => {
    const w = 48, h = 48, hole: [number, number, number, number] = [8, 8, 39, 39];
    const checker = (x: number, y: number) => ((x + y) % 2 ? 20 : -20);
    const g = grid(w, h, (x, y) => 120 + checker(x, y), hole);
    // The copy: the right texture in phase, at half its contrast (the vote's averaging).
    for (let i = 0; i < w * h; i++) if (g.hole[i]) for (let c = 0; c < 3; c++) g.values[3 * i + c] = 120 + c + checker(i % w, Math.floor(i / w)) / 2;
    const level: FillLevel = { width: w, height: h, rgb: g.values.slice(), hole: g.hole, locality: 0 };
    composeOverSmoothBase(level, 0);
    const d = chessboardDistance(g.hole, w, h);
    const edge = 8 * w + 20, second = 9 * w + 20, deep = 24 * w + 24;
    expect([d[edge], d[second], d[deep]]).toEqual([1, 2, 16]);
    const base = smoothBase({ width: w, height: h, rgb: g.values.slice(), hole: g.hole, locality: 0 }, d);
    const gain = (i: number) => (level.rgb[3 * i] - base[3 * i]) / (g.values[3 * i] - base[3 * i]);
    // More than the copy's own contrast (gain > 1), at most MAX_GAIN; none deeper in.
    expect(gain(edge)).toBeGreaterThan(1.2);
    expect(gain(edge)).toBeLessThanOrEqual(MAX_GAIN + 1e-6);
    expect(Math.abs(level.rgb[3 * second] - 120)).toBeLessThan(5);
    expect(Math.abs(level.rgb[3 * deep] - 120)).toBeLessThan(1);
  });
});

describe("distances to the hole's edge", () => {
  it("city-block and chessboard distances on a hand-checked 7×5 hole", () => {
    const w = 9, h = 7, hole = new Uint8Array(w * h);
    for (let y = 1; y <= 5; y++) for (let x = 1; x <= 7; x++) hole[y * w + x] = 1;
    const level: FillLevel = { width: w, height: h, rgb: new Float32Array(w * h * 3), hole, locality: 0 };
    const row3 = (d: Float32Array) => Array.from(d.subarray(3 * w, 4 * w));
    expect(row3(distanceToKnown(level))).toEqual([0, 1, 2, 3, 3, 3, 2, 1, 0]);
    expect(row3(chessboardDistance(hole, w, h))).toEqual([0, 1, 2, 3, 3, 3, 2, 1, 0]);
    // (2, 2): two steps from the known ring either way.
    expect(distanceToKnown(level)[2 * w + 2]).toBe(2);
    expect(chessboardDistance(hole, w, h)[2 * w + 2]).toBe(2);
    // Only (0, 0) known: (2, 2) is 2 diagonal steps away, 4 city-block steps.
    const diag = new Uint8Array(25).fill(1);
    diag[0] = 0;
    expect(chessboardDistance(diag, 5, 5)[2 * 5 + 2]).toBe(2);
    expect(distanceToKnown({ ...level, width: 5, height: 5, hole: diag })[2 * 5 + 2]).toBe(4);
  });
});
