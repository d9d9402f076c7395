import { describe, expect, it } from "vitest";
import { darkHarmonicMedian, keepDarkRegionsDark } from "../../src/imaging/exemplar/dark-median";
import { harmonicFill } from "../../src/imaging/exemplar/smooth-fill";

/** A 40×40 image, hole [10..29]², known pixels black except a bright stretch on the hole's left side. */
function blackWithBrightSide(): { values: Float32Array; hole: Uint8Array; w: number; h: number } {
  const w = 40, h = 40, values = new Float32Array(w * h * 3), hole = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      hole[i] = x >= 10 && x < 30 && y >= 10 && y < 30 ? 1 : 0;
      const v = x < 10 && y >= 10 && y < 30 ? 220 : 4; // one side of four lit
      values.set([v, v, v * 0.5], 3 * i);
    }
  }
  return { values, hole, w, h };
}

describe("dark harmonic median", () => {
  it("a black surround with one lit side: the mean turns the middle grey, the median keeps it black", () => {
    const { values, hole, w, h } = blackWithBrightSide();
    const mean = values.slice();
    harmonicFill(mean, hole, w, h);
    const centre = 20 * w + 20, nearLit = 20 * w + 10;
    expect(mean[3 * centre]).toBeGreaterThan(30); // about a quarter of 220: haze
    const median = darkHarmonicMedian(values, hole, w, h);
    expect(median[centre]).toBeLessThanOrEqual(4.01); // most of the boundary is 4: the median is ≤ 4
    expect(median[nearLit]).toBe(Infinity); // next to the lit side the median is bright (not solved)
    const base = mean.slice();
    keepDarkRegionsDark(base, values, hole, w, h);
    expect(base[3 * centre]).toBeCloseTo(median[centre], 3);
    // Hue kept: the scale is one factor on all channels (blue was half of red in the mean).
    expect(base[3 * centre + 2] / base[3 * centre]).toBeCloseTo(mean[3 * centre + 2] / mean[3 * centre], 5);
    expect(base[3 * nearLit]).toBe(mean[3 * nearLit]);
    for (let i = 0; i < w * h; i++) if (!hole[i]) expect(base[3 * i]).toBe(values[3 * i]);
  });

  it("leaves a bright surround's mean alone (no dark known pixel: nothing is solved)", () => {
    const { values, hole, w, h } = blackWithBrightSide();
    for (let i = 0; i < values.length; i++) values[i] = 100 + (i % 7);
    const mean = values.slice();
    harmonicFill(mean, hole, w, h);
    const base = mean.slice();
    keepDarkRegionsDark(base, values, hole, w, h);
    expect(base).toEqual(mean);
  });
});
