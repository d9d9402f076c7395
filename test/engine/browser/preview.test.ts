/** Live-preview maths: the latent → RGB projection, its least-squares fitter, thumbnails, latent shrinking. */
import { describe, expect, it } from "vitest";
import { fitLatentRgbProjection, projectLatentsToRgb, SD1_LATENT_RGB } from "../../../src/engine/preview/latent-rgb-projection";
import { shrinkLatents } from "../../../src/engine/preview/taesd-preview-decoder";
import { resampleToRgba, thumbnailSize } from "../../../src/engine/preview/thumbnail";
import { transferablesOf } from "../../../src/contract/worker-protocol";

describe("latent → RGB projection", () => {
  it("applies the SD 1.x table per latent pixel and maps [-1, 1] to [0, 1]", () => {
    // [2, 4, 1, 2]: image 1, pixel 0 has latent (1, 0, 0, 0); pixel 1 has (0, 0, 0, 1).
    const latents = new Float32Array(16);
    latents[8 + 0] = 1; // image 1, channel 0, pixel 0
    latents[8 + 6 + 1] = 1; // image 1, channel 3, pixel 1
    const rgb = projectLatentsToRgb(latents, [2, 4, 1, 2], 1);
    const expected = [0.298, 0.207, 0.208, -0.184, -0.271, -0.473].map((v) => v / 2 + 0.5);
    expected.forEach((v, i) => expect(rgb[i]).toBeCloseTo(v, 6));
    expect(() => projectLatentsToRgb(latents, [2, 4, 1, 2], 2)).toThrow(RangeError);
  });

  it("clamps out-of-range colours", () => {
    const rgb = projectLatentsToRgb(new Float32Array([10, 0, 0, 0]), [1, 4, 1, 1], 0);
    expect([...rgb]).toEqual([1, 1, 1]);
  });

  it("re-derives a known linear map by least squares", () => {
    const truth = { weights: SD1_LATENT_RGB.weights, bias: [0.05, -0.02, 0.1] as [number, number, number] };
    const n = 200;
    const latents = new Float32Array(n * 4);
    const rgb = new Float32Array(n * 3);
    let seed = 1;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    for (let s = 0; s < n; s++) {
      for (let c = 0; c < 4; c++) latents[s * 4 + c] = rand() * 3;
      for (let k = 0; k < 3; k++) {
        let v = truth.bias[k];
        for (let c = 0; c < 4; c++) v += truth.weights[c][k] * latents[s * 4 + c];
        rgb[s * 3 + k] = v;
      }
    }
    const fitted = fitLatentRgbProjection(latents, rgb);
    for (let c = 0; c < 4; c++) for (let k = 0; k < 3; k++) expect(fitted.weights[c][k]).toBeCloseTo(truth.weights[c][k], 4);
    for (let k = 0; k < 3; k++) expect(fitted.bias[k]).toBeCloseTo(truth.bias[k], 4);
    expect(() => fitLatentRgbProjection(new Float32Array(8), new Float32Array(6))).toThrow(/at least 5 samples/);
  });
});

describe("thumbnails", () => {
  it("keeps the aspect, caps the long side at 128 and never enlarges the image", () => {
    expect(thumbnailSize(512, 512)).toEqual({ width: 128, height: 128 });
    expect(thumbnailSize(768, 512, 96)).toEqual({ width: 96, height: 64 });
    expect(thumbnailSize(64, 64, 128)).toEqual({ width: 64, height: 64 });
    expect(thumbnailSize(1024, 1024, 4096)).toEqual({ width: 128, height: 128 });
  });

  it("averages areas when shrinking and interpolates when enlarging", () => {
    // 2×2 → 1×1: the mean colour.
    const rgb = new Float32Array([0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
    expect([...resampleToRgba(rgb, 2, 2, 1, 1).data]).toEqual([128, 128, 128, 255]);
    // 2×1 → 4×1: bilinear between black and white.
    const line = resampleToRgba(new Float32Array([0, 0, 0, 1, 1, 1]), 2, 1, 4, 1);
    expect([...line.data].filter((_, i) => i % 4 === 0)).toEqual([0, 64, 191, 255]);
  });

  it("box-averages latents to the preview size by a whole factor", () => {
    const latents = Float32Array.from({ length: 1 * 1 * 4 * 4 }, (_, i) => i); // [1, 1, 4, 4]
    const small = shrinkLatents(latents, [1, 1, 4, 4], 2);
    expect(small.dims).toEqual([1, 1, 2, 2]);
    expect([...small.data]).toEqual([2.5, 4.5, 10.5, 12.5]);
    expect(shrinkLatents(latents, [1, 1, 4, 4], 8).data).toBe(latents);
  });
});

describe("protocol transfers", () => {
  it("lists each typed array's buffer once", () => {
    const image = new Uint8ClampedArray(16);
    const noise = new Float32Array(4);
    const buffers = transferablesOf({
      type: "generate",
      requestId: 1,
      request: { mode: "img2img", prompt: { inputIds: new Int32Array(3) }, numInferenceSteps: 2, image: { width: 2, height: 2, data: image }, noiseDraws: [noise, noise] },
    });
    expect(buffers).toHaveLength(3);
    expect(buffers).toContain(image.buffer);
    expect(buffers).toContain(noise.buffer);
  });
});
