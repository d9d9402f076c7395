import { describe, expect, it } from "vitest";
import { benchMasks, MAX_AREA, MIN_AREA } from "../../bench/removal/masks";
import { holePsnr, holeSsim, scoreFill, seamScore } from "../../bench/removal/metrics";
import { ringMeanFill, teleaFill } from "../../bench/removal/baselines";
import { createRgbaImage } from "../../src/imaging/image";
import { randomImage } from "../imaging/helpers";

function touchesBorder(mask: Uint8Array, w: number, h: number): boolean {
  for (let x = 0; x < w; x++) if (mask[x] || mask[(h - 1) * w + x]) return true;
  for (let y = 0; y < h; y++) if (mask[y * w] || mask[y * w + w - 1]) return true;
  return false;
}

describe("removal benchmark masks", () => {
  it("are seeded, 5–30 % of the image, and touch the border exactly when placed there", () => {
    for (const [w, h] of [[512, 512], [451, 300], [300, 451]]) {
      const masks = benchMasks(w, h, 3);
      expect(masks.map((m) => `${m.kind}/${m.placement}`)).toEqual(["stroke/inside", "stroke/border", "blob/inside", "blob/border", "box/inside", "box/border"]);
      for (const m of masks) {
        expect(m.area).toBeGreaterThanOrEqual(MIN_AREA * 0.95);
        expect(m.area).toBeLessThanOrEqual(MAX_AREA * 1.1);
        expect(touchesBorder(m.mask.data, w, h)).toBe(m.placement === "border");
      }
      const again = benchMasks(w, h, 3);
      // Byte comparison (deep equality over 6 × 262 k elements is too slow for a unit test).
      expect(again.every((m, k) => Buffer.compare(m.mask.data, masks[k].mask.data) === 0)).toBe(true);
      expect(Buffer.compare(benchMasks(w, h, 4)[0].mask.data, masks[0].mask.data)).not.toBe(0);
    }
  });
});

describe("removal benchmark scores", () => {
  const img = randomImage(40, 30, 7);
  const hole = new Uint8Array(40 * 30);
  for (let y = 10; y < 20; y++) hole.fill(1, y * 40 + 12, y * 40 + 28);

  it("give a perfect fill perfect scores, and rank a flat fill below it", () => {
    expect(scoreFill(img, img, hole)).toEqual({ psnr: 99, ssim: 1, seam: 0 });
    const flat = ringMeanFill(img, hole);
    expect(holePsnr(img, flat, hole)).toBeLessThan(15);
    expect(holeSsim(img, flat, hole)).toBeLessThan(0.5);
    expect(seamScore(img, flat, hole)).toBeGreaterThan(0.05);
  });

  it("PSNR follows its definition on a hand-computed case", () => {
    const a = createRgbaImage(2, 1), b = createRgbaImage(2, 1);
    b.data.set([10, 10, 10, 0, 0, 0, 0, 0]);
    // MSE over the hole pixel's three channels = 100 → 10·log10(255² / 100) = 28.13 dB.
    expect(holePsnr(a, b, Uint8Array.from([1, 0]))).toBeCloseTo(28.13, 2);
  });

  it("the diffusion baseline fills every hole pixel from its surroundings and leaves the rest", () => {
    const flat = createRgbaImage(20, 20);
    for (let i = 0; i < 400; i++) flat.data.set([200, 100, 50, 255], 4 * i);
    const h = new Uint8Array(400);
    for (let y = 5; y < 15; y++) h.fill(1, y * 20 + 5, y * 20 + 15);
    const holey = createRgbaImage(20, 20);
    holey.data.set(flat.data);
    for (let i = 0; i < 400; i++) if (h[i]) holey.data.set([0, 0, 0, 255], 4 * i);
    expect(teleaFill(holey, h).data).toEqual(flat.data);
  });
});
