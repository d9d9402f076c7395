import { describe, expect, it } from "vitest";
import { resizeGray, resizeRgba } from "../../src/imaging/resize";
import { createGrayImage, createRgbaImage } from "../../src/imaging/image";
import { ImagingOptionError } from "../../src/imaging/errors";
import { randomImage } from "./helpers";

describe("resizeRgba", () => {
  it("keeps a constant image constant, up and down, every filter", () => {
    const img = createRgbaImage(37, 23);
    for (let i = 0; i < img.data.length; i += 4) img.data.set([200, 31, 77, 255], i);
    for (const [w, h] of [[512, 312], [16, 9], [37, 100], [5, 5]]) {
      for (const f of ["bicubic", "bilinear"] as const) {
        const out = resizeRgba(img, w, h, f);
        let bad = 0;
        for (let i = 0; i < out.data.length; i += 4) if (out.data[i] !== 200 || out.data[i + 1] !== 31 || out.data[i + 2] !== 77 || out.data[i + 3] !== 255) bad++;
        expect(bad, `${w}×${h} ${f}`).toBe(0);
      }
    }
  });

  it("integer downscale is the exact block average; fractional downscale preserves the mean", () => {
    const img = randomImage(8, 6, 1);
    const out = resizeRgba(img, 4, 3);
    for (let y = 0; y < 3; y++) {
      for (let x = 0; x < 4; x++) {
        for (let c = 0; c < 3; c++) {
          let s = 0;
          for (let dy = 0; dy < 2; dy++) for (let dx = 0; dx < 2; dx++) s += img.data[((2 * y + dy) * 8 + 2 * x + dx) * 4 + c];
          expect(Math.abs(out.data[(y * 4 + x) * 4 + c] - s / 4)).toBeLessThanOrEqual(0.5 + 1e-3);
        }
      }
    }
    const big = randomImage(700, 500, 2);
    const small = resizeRgba(big, 512, 365);
    const mean = (d: Uint8ClampedArray): number => d.reduce((a, v, i) => ((i & 3) === 0 ? a + v : a), 0) / (d.length / 4);
    expect(Math.abs(mean(small.data) - mean(big.data))).toBeLessThan(0.2);
  });

  it("premultiplies: transparent pixels' colour does not bleed", () => {
    const img = createRgbaImage(4, 1);
    img.data.set([255, 0, 0, 0, 255, 0, 0, 0, 0, 0, 255, 255, 0, 0, 255, 255]);
    const down = resizeRgba(img, 1, 1);
    expect(Array.from(down.data)).toEqual([0, 0, 255, 128]);
    const up = resizeRgba(img, 16, 1, "bicubic");
    for (let i = 0; i < 16; i++) if (up.data[4 * i + 3] > 0) expect(up.data[4 * i]).toBe(0);
  });

  it("upscaling interpolates a ramp monotonically and stays in range", () => {
    const img = createRgbaImage(10, 1);
    for (let x = 0; x < 10; x++) img.data.set([x * 25, 0, 255 - x * 25, 255], 4 * x);
    for (const f of ["bilinear", "bicubic"] as const) {
      const up = resizeRgba(img, 73, 1, f);
      for (let x = 1; x < 73; x++) expect(up.data[4 * x]).toBeGreaterThanOrEqual(up.data[4 * (x - 1)]);
      expect(up.data[0]).toBe(0);
      // Bilinear lands exactly on the last sample; Keys bicubic may overshoot a step slightly.
      if (f === "bilinear") expect(up.data[4 * 72]).toBe(225);
      else expect(Math.abs(up.data[4 * 72] - 225)).toBeLessThanOrEqual(3);
    }
  });

  it("rejects bad sizes", () => {
    expect(() => resizeRgba(createRgbaImage(2, 2), 0, 3)).toThrow(ImagingOptionError);
    expect(() => resizeRgba({ width: 2, height: 2, data: new Uint8ClampedArray(3) }, 3, 3)).toThrow(/16 bytes/);
  });
});

describe("resizeGray", () => {
  it("downscales a mask by area and upscales bilinearly", () => {
    const m = createGrayImage(4, 4);
    m.data.fill(255, 0, 8); // top half
    expect(Array.from(resizeGray(m, 2, 2).data)).toEqual([255, 255, 0, 0]);
    expect(Array.from(resizeGray(m, 1, 3).data)).toEqual([255, 128, 0]);
    const up = resizeGray(m, 4, 8);
    expect(up.data[0]).toBe(255);
    expect(up.data[7 * 4]).toBe(0);
  });
});
