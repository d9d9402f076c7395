/** diffusers' VaeImageProcessor port: the exact conventions the pipelines rely on. */
import { describe, expect, it } from "vitest";
import {
  downsampleMaskNearest,
  maskImage,
  pipelineSize,
  postprocessImages,
  preprocessImage,
  preprocessMask,
  toRgbaImages,
} from "../../src/engine/pipelines/image-processor";
import { resizeLanczos } from "../../src/engine/pipelines/resize-lanczos";
import { createGrayImage, createRgbaImage } from "../../src/imaging/image";

describe("VaeImageProcessor port", () => {
  it("floors sizes to multiples of 8", () => {
    expect(pipelineSize(512, 512)).toEqual({ width: 512, height: 512 });
    expect(pipelineSize(70, 61)).toEqual({ width: 64, height: 56 });
    expect(() => pipelineSize(7, 100)).toThrow(/at least 8×8/);
  });

  it("maps pixels to float32(x/255)*2-1 in NCHW and ignores alpha", () => {
    const image = createRgbaImage(8, 8);
    image.data.set([0, 128, 255, 0], 0);
    image.data.set([1, 2, 3, 255], 4);
    const out = preprocessImage(image, { width: 8, height: 8 });
    expect(out).toHaveLength(3 * 64);
    expect([out[0], out[64], out[128]]).toEqual([-1, Math.fround(Math.fround(128 / 255) * 2) - 1, 1]);
    expect(out[1]).toBe(Math.fround(Math.fround(Math.fround(1 / 255) * 2) - 1));
  });

  it("binarises masks at 128 and rejects masks of another size", () => {
    const image = createRgbaImage(8, 8);
    const mask = createGrayImage(8, 8);
    mask.data[0] = 127;
    mask.data[1] = 128;
    mask.data[2] = 255;
    const cond = preprocessMask(mask, image, { width: 8, height: 8 });
    expect([...cond.subarray(0, 4)]).toEqual([0, 1, 1, 0]);
    expect(() => preprocessMask(createGrayImage(16, 8), image, { width: 8, height: 8 })).toThrow(/same size/);
  });

  it("zeroes the repaint area of the masked image and takes the top-left pixel of each 8×8 block", () => {
    const size = { width: 16, height: 8 };
    const cond = new Float32Array(128);
    cond[8] = 1; // (x=8, y=0): top-left of block (1, 0)
    cond[1] = 1; // inside block (0, 0) but not its top-left pixel
    expect([...downsampleMaskNearest(cond, size)]).toEqual([0, 1]);
    const masked = maskImage(new Float32Array(3 * 128).fill(0.5), cond);
    expect([masked[1], masked[8], masked[2], masked[128 + 8]]).toEqual([0, 0, 0.5, 0]);
  });

  it("clamps x/2+0.5 into NHWC and rounds half to even for PNGs like numpy", () => {
    const decoded = Float32Array.from([-3, 0, /* G */ 3, -0.5, /* B */ 0.2, 0.4]); // [1, 3, 1, 2]: planes R, G, B
    const pixels = postprocessImages(decoded, 1, { width: 2, height: 1 });
    const f = Math.fround;
    expect([...pixels]).toEqual([0, 1, f(f(f(0.2) / 2) + 0.5), 0.5, 0.25, f(f(f(0.4) / 2) + 0.5)]); // [1, 1, 2, 3]
    const half = Float32Array.from([0.5 / 255, 1.5 / 255, 2.5 / 255]); // float32 ×255 is exactly 0.5, 1.5, 2.5
    const [rgba] = toRgbaImages(half, 1, { width: 1, height: 1 });
    expect([...rgba.data]).toEqual([0, 2, 2, 255]); // Math.round would give 1, 2, 3
  });
});

describe("Lanczos resize (Pillow-style)", () => {
  it("keeps a flat image flat and leaves same-size images untouched", () => {
    const flat = new Uint8Array(70 * 61 * 4).fill(77);
    expect(resizeLanczos(flat, 70, 61, 4, 64, 56).every((v) => v === 77)).toBe(true);
    const noise = Uint8Array.from({ length: 8 * 8 }, (_, i) => (i * 37) % 256);
    expect([...resizeLanczos(noise, 8, 8, 1, 8, 8)]).toEqual([...noise]);
  });

  it("follows a horizontal ramp when shrinking 70 → 64", () => {
    const ramp = Uint8Array.from({ length: 70 }, (_, x) => Math.round((x * 255) / 69));
    const out = resizeLanczos(ramp, 70, 1, 1, 64, 1);
    for (let x = 3; x < 61; x++) {
      const sourceX = (x + 0.5) * (70 / 64) - 0.5;
      expect(Math.abs(out[x] - (sourceX * 255) / 69)).toBeLessThanOrEqual(1);
    }
  });
});
