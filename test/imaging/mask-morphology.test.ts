import { describe, expect, it } from "vitest";
import { DEFAULT_MASK_OPTIONS, featherMask, growMask, prepareMasks } from "../../src/imaging/mask-morphology";
import { rasterizeShapes } from "../../src/imaging/mask";
import { createGrayImage } from "../../src/imaging/image";
import { ImagingOptionError } from "../../src/imaging/errors";
import { rotation } from "./helpers";

describe("growMask", () => {
  it("matches a brute-force disc dilation with an anti-aliased edge", () => {
    const mask = rasterizeShapes([{ shape: { kind: "ellipse", rx: 20, ry: 9 }, transform: rotation(25, 1, 1, 40, 30) }], 110, 90);
    mask.data[5 * 110 + 100] = 255; // an isolated pixel far from the ellipse
    for (const r of [1, 4, 9]) {
      const grown = growMask(mask, r);
      const seeds: number[] = [];
      for (let i = 0; i < mask.data.length; i++) if (mask.data[i] >= 128) seeds.push(i);
      let maxErr = 0;
      for (let y = 0; y < 90; y++) {
        for (let x = 0; x < 110; x++) {
          let best = Infinity;
          for (const s of seeds) best = Math.min(best, (x - (s % 110)) ** 2 + (y - Math.floor(s / 110)) ** 2);
          const cov = Math.max(0, Math.min(1, r + 1 - Math.sqrt(best)));
          const expected = Math.max(mask.data[y * 110 + x], Math.round(cov * 255));
          maxErr = Math.max(maxErr, Math.abs(grown.data[y * 110 + x] - expected));
        }
      }
      expect(maxErr, `radius ${r}`).toBeLessThanOrEqual(1);
    }
  });

  it("is the identity for radius 0 and an empty mask; rejects bad radii", () => {
    const m = createGrayImage(5, 5);
    m.data[12] = 77;
    expect(growMask(m, 0).data).toEqual(m.data);
    expect(growMask(createGrayImage(4, 4), 5).data.every((v) => v === 0)).toBe(true);
    expect(() => growMask(m, -1)).toThrow(ImagingOptionError);
    expect(() => growMask(m, 1.5)).toThrow(ImagingOptionError);
  });

  it("grows a faint sub-pixel mask too", () => {
    const m = createGrayImage(9, 9);
    m.data[4 * 9 + 4] = 40;
    const g = growMask(m, 2);
    expect(g.data[4 * 9 + 6]).toBe(255);
    expect(g.data[4 * 9 + 8]).toBe(0);
  });
});

describe("featherMask", () => {
  it("has support exactly featherPx and keeps a solid interior at 255", () => {
    const m = createGrayImage(80, 60);
    for (let y = 20; y < 40; y++) for (let x = 20; x < 60; x++) m.data[y * 80 + x] = 255;
    const R = 7;
    const f = featherMask(m, R);
    for (let y = 0; y < 60; y++) {
      for (let x = 0; x < 80; x++) {
        const dx = x < 20 ? 20 - x : x >= 60 ? x - 59 : 0;
        const dy = y < 20 ? 20 - y : y >= 40 ? y - 39 : 0;
        const v = f.data[y * 80 + x];
        if (dx > R || dy > R) expect(v).toBe(0);
        if (x >= 20 + R && x < 60 - R && y >= 20 + R && y < 40 - R) expect(v).toBe(255);
      }
    }
    // Symmetric transition: the edge pixels sit near half.
    expect(Math.abs(f.data[30 * 80 + 20] - 128)).toBeLessThan(30);
    // Monotone across the edge.
    for (let x = 10; x < 30; x++) expect(f.data[30 * 80 + x + 1]).toBeGreaterThanOrEqual(f.data[30 * 80 + x]);
  });

  it("does not fade a mask that touches the image border", () => {
    const m = createGrayImage(30, 30);
    m.data.fill(255);
    expect(featherMask(m, 6).data.every((v) => v === 255)).toBe(true);
  });
});

describe("prepareMasks / DEFAULT_MASK_OPTIONS", () => {
  it("grows for the model and feathers the grown mask for the blend", () => {
    expect(DEFAULT_MASK_OPTIONS).toEqual({ growPx: 8, featherPx: 8 });
    const m = createGrayImage(60, 60);
    m.data[30 * 60 + 30] = 255;
    const { modelMask, blendMask } = prepareMasks(m);
    expect(modelMask.data).toEqual(growMask(m, 8).data);
    const feathered = featherMask(modelMask, 8).data;
    expect(blendMask.data).toEqual(feathered.map((v, i) => Math.max(v, m.data[i])));
    expect(feathered[30 * 60 + 30]).toBeLessThan(255); // why the max with the selection is needed
    // Original selection fully repainted by the blend with the defaults.
    expect(blendMask.data[30 * 60 + 30]).toBe(255);
    expect(blendMask.data[30 * 60 + 30 + 8 + 1 + 8 + 1]).toBe(0);
  });
});
