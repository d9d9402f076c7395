/**
 * MI-GAN's pre/post-processing against values worked out by hand: the crop rule of the export
 * script (bounding box + 128 px each side, square, at least 512, clamped), RGB planes, the
 * inverted mask polarity, and the paste-back inside the mask with its inward feather.
 */
import { describe, expect, it } from "vitest";
import { cropAroundHole, packImage, packMask, pasteInsideMask, stepsToKept } from "../../../src/engine/removal/migan-processing";

function maskWith(width: number, height: number, box: { x0: number; y0: number; x1: number; y1: number }, value = 255) {
  const data = new Uint8Array(width * height);
  for (let y = box.y0; y <= box.y1; y++) for (let x = box.x0; x <= box.x1; x++) data[y * width + x] = value;
  return { width, height, data };
}

describe("cropAroundHole (MI-GAN's crop rule)", () => {
  it("centres a 512 square on a small hole", () => {
    // Hole x 400..449, y 300..319: 50 × 20 → 50 + 2·128 = 306 < 512 → side 512.
    // Centre x = floor((400 + 450) / 2) = 425 → x = 425 − 256 = 169; centre y = 310 → y = 54.
    expect(cropAroundHole(maskWith(1000, 800, { x0: 400, y0: 300, x1: 449, y1: 319 }))).toEqual({ x: 169, y: 54, width: 512, height: 512 });
  });

  it("grows past 512 for a large hole and shifts into the picture at its border", () => {
    // Hole x 0..399, y 700..799 of 1000 × 800: 400 + 256 = 656. Centre x 200 → start −128 → 0;
    // centre y 750 → start 422, but 422 + 656 > 800 → 800 − 656 = 144.
    expect(cropAroundHole(maskWith(1000, 800, { x0: 0, y0: 700, x1: 399, y1: 799 }))).toEqual({ x: 0, y: 144, width: 656, height: 656 });
  });

  it("takes the whole side when the picture is smaller than the crop, and null for an empty mask", () => {
    expect(cropAroundHole(maskWith(300, 200, { x0: 10, y0: 10, x1: 20, y1: 20 }))).toEqual({ x: 0, y: 0, width: 300, height: 200 });
    expect(cropAroundHole({ width: 4, height: 4, data: new Uint8Array(16) })).toBeNull();
  });

  it("counts any coverage above 0 as hole", () => {
    const mask = maskWith(600, 600, { x0: 100, y0: 100, x1: 100, y1: 100 }, 1);
    expect(cropAroundHole(mask)).toEqual({ x: 0, y: 0, width: 512, height: 512 }); // centre 100 → −155 → 0
  });
});

describe("packing", () => {
  const image = { width: 3, height: 2, data: Uint8ClampedArray.from([1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 0, 10, 11, 12, 255, 13, 14, 15, 255, 16, 17, 18, 255]) };

  it("writes the crop's RGB as planes and drops alpha", () => {
    expect([...packImage(image, { x: 1, y: 0, width: 2, height: 2 })]).toEqual([4, 7, 13, 16, 5, 8, 14, 17, 6, 9, 15, 18]);
  });

  it("inverts the mask: ours 0 (keep) → 255, any coverage → 0 (fill)", () => {
    const mask = { width: 3, height: 2, data: Uint8Array.from([0, 1, 255, 0, 128, 0]) };
    expect([...packMask(mask, { x: 0, y: 0, width: 3, height: 2 })]).toEqual([255, 0, 0, 255, 0, 255]);
  });
});

describe("pasteInsideMask", () => {
  it("counts steps to the nearest kept pixel, the picture's border not counting as kept", () => {
    const mask = maskWith(5, 5, { x0: 0, y0: 1, x1: 3, y1: 3 });
    const steps = stepsToKept(mask, { x: 0, y: 0, width: 5, height: 5 }, 3);
    expect([...steps.slice(5, 10)]).toEqual([1, 1, 1, 1, 0]);
    expect([...steps.slice(10, 15)]).toEqual([2, 2, 2, 1, 0]); // (0,2) touches only the border and hole
    expect([...steps.slice(15, 20)]).toEqual([1, 1, 1, 1, 0]);
  });

  it("replaces only masked pixels, with mask × feather weights, keeping alpha and every byte outside", () => {
    // 5 × 5 grey 100 picture, hole 3 × 3 in the middle; the model says 200 everywhere.
    const image = { width: 5, height: 5, data: new Uint8ClampedArray(100).map((_, i) => (i % 4 === 3 ? 77 : 100)) };
    const mask = maskWith(5, 5, { x0: 1, y0: 1, x1: 3, y1: 3 });
    mask.data[12] = 255; // centre stays full
    const box = { x: 0, y: 0, width: 5, height: 5 };
    const result = new Uint8Array(75).fill(200);
    const out = pasteInsideMask(image, mask, result, box, 2);
    const red = (x: number, y: number) => out.data[(y * 5 + x) * 4];
    // Ring pixels are 1 step from a kept pixel: weight 1/2 → 150; the centre is 2 steps: 200.
    expect(red(1, 1)).toBe(150);
    expect(red(2, 1)).toBe(150);
    expect(red(2, 2)).toBe(200);
    expect(red(0, 0)).toBe(100);
    expect(red(4, 2)).toBe(100);
    expect([...out.data].filter((_, i) => i % 4 === 3).every((a) => a === 77)).toBe(true);
    // A soft mask value scales the weight: 51/255 × 1 at the centre → 100 + 100 × 0.2 = 120.
    mask.data[12] = 51;
    expect(pasteInsideMask(image, mask, result, box, 2).data[12 * 4]).toBe(120);
    // featherPx 1: no ramp, every hole pixel takes the result.
    mask.data[12] = 255;
    expect(pasteInsideMask(image, mask, result, box, 1).data[6 * 4]).toBe(200);
  });

  it("reads the result at the crop's own coordinates", () => {
    const image = { width: 4, height: 1, data: new Uint8ClampedArray(16).fill(10) };
    const mask = { width: 4, height: 1, data: Uint8Array.from([0, 0, 255, 0]) };
    // Crop x 2..3: planes R [50, 60], G [70, 80], B [90, 100]; pixel 2 is the crop's first.
    const out = pasteInsideMask(image, mask, Uint8Array.from([50, 60, 70, 80, 90, 100]), { x: 2, y: 0, width: 2, height: 1 }, 1);
    expect([...out.data.slice(8, 12)]).toEqual([50, 70, 90, 10]);
    expect([...out.data.slice(12, 16)]).toEqual([10, 10, 10, 10]);
  });
});
