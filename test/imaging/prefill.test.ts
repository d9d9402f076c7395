import { describe, expect, it } from "vitest";
import { prefillMasked, NEUTRAL_GREY } from "../../src/imaging/prefill";
import { createGrayImage, createRgbaImage } from "../../src/imaging/image";
import { ImagingOptionError } from "../../src/imaging/errors";
import { randomImage } from "./helpers";

function halves(w: number, h: number) {
  const img = createRgbaImage(w, h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) img.data.set(x < w / 2 ? [200, 40, 40, 255] : [40, 40, 200, 255], 4 * (y * w + x));
  const mask = createGrayImage(w, h);
  for (let y = 16; y < 48; y++) for (let x = 16; x < 48; x++) mask.data[y * w + x] = 255;
  return { img, mask };
}

describe("prefillMasked", () => {
  it("keep: unchanged; neutral: grey inside; unmasked pixels always untouched", () => {
    const img = randomImage(64, 64, 9);
    const { mask } = halves(64, 64);
    expect(prefillMasked(img, mask, "keep").data).toEqual(img.data);
    const n = prefillMasked(img, mask, "neutral");
    for (let i = 0; i < 64 * 64; i++) {
      if (mask.data[i] === 255) expect(Array.from(n.data.subarray(4 * i, 4 * i + 4))).toEqual([NEUTRAL_GREY, NEUTRAL_GREY, NEUTRAL_GREY, 255]);
      else expect(Array.from(n.data.subarray(4 * i, 4 * i + 4))).toEqual(Array.from(img.data.subarray(4 * i, 4 * i + 4)));
    }
  });

  it("blur: continues the surroundings smoothly into the hole", () => {
    const { img, mask } = halves(64, 64);
    const out = prefillMasked(img, mask, "blur");
    const at = (x: number, y: number) => Array.from(out.data.subarray(4 * (y * 64 + x), 4 * (y * 64 + x) + 3));
    // Near the left edge of the hole: mostly the left colour; near the right: the right colour.
    expect(at(16, 32)[0]).toBeGreaterThan(150);
    expect(at(47, 32)[2]).toBeGreaterThan(150);
    // Across the hole the red channel decreases without jumps.
    for (let x = 17; x < 48; x++) {
      expect(at(x, 32)[0]).toBeLessThanOrEqual(at(x - 1, 32)[0] + 1);
      expect(Math.abs(at(x, 32)[0] - at(x - 1, 32)[0])).toBeLessThan(25);
    }
    for (let i = 0; i < 64 * 64; i++) if (mask.data[i] === 0) expect(out.data[4 * i]).toBe(img.data[4 * i]);
  });

  it("blur with nothing unmasked falls back to neutral grey; bad mode is an error", () => {
    const img = randomImage(10, 10, 3);
    const full = createGrayImage(10, 10);
    full.data.fill(255);
    expect(prefillMasked(img, full, "blur").data[0]).toBe(NEUTRAL_GREY);
    expect(() => prefillMasked(img, full, "smudge" as never)).toThrow(ImagingOptionError);
  });
});
