/**
 * SAM pre/post-processing against values worked out by hand from transformers' SamImageProcessor
 * rules (resize long side to longest_edge with int(x + 0.5), normalise, zero-pad bottom/right,
 * scale prompt points per axis, bilinear align_corners=False, crop, threshold > 0).
 */
import { describe, expect, it } from "vitest";
import { parseSamPreprocessorConfig, SAM_DEFAULTS, type SamPreprocessConfig } from "../../../src/engine/segmentation/sam-config";
import { bestMaskIndex, bilinearResize, bilinearResizeTopLeft, maskFromLogits, pixelValues, promptArrays, resizedSize } from "../../../src/engine/segmentation/sam-processor";

const tiny = (longest: number, pad: number): SamPreprocessConfig => ({ ...SAM_DEFAULTS, longestEdge: longest, padWidth: pad, padHeight: pad });

describe("SAM preprocessing", () => {
  it("resizes the long side to longest_edge, rounding the short side half up", () => {
    expect(resizedSize({ width: 960, height: 640 }, 1024)).toEqual({ width: 1024, height: 683 }); // 682.67 → 683
    expect(resizedSize({ width: 640, height: 960 }, 1024)).toEqual({ width: 683, height: 1024 });
    expect(resizedSize({ width: 3000, height: 1000 }, 1024)).toEqual({ width: 1024, height: 341 }); // 341.33 → 341
    expect(resizedSize({ width: 1024, height: 1024 }, 1024)).toEqual({ width: 1024, height: 1024 });
  });

  it("normalises each channel and pads bottom/right with zeros", () => {
    // A 4×2 picture at longest_edge 4 is not resized; padded to 4×4.
    const data = new Uint8ClampedArray(4 * 2 * 4);
    data.set([255, 0, 128, 255], 0); // pixel (0,0)
    data.set([0, 255, 255, 255], (1 * 4 + 3) * 4); // pixel (3,1)
    const { data: px, resized } = pixelValues({ width: 4, height: 2, data }, tiny(4, 4));
    expect(resized).toEqual({ width: 4, height: 2 });
    expect(px.length).toBe(3 * 16);
    // (255/255 − 0.485) / 0.229 = 2.2489…; (0 − 0.456) / 0.224 = −2.0357…; (128/255 − 0.406) / 0.225 = 0.42649…
    expect(px[0]).toBeCloseTo(2.248908, 5);
    expect(px[16]).toBeCloseTo(-2.035714, 5);
    expect(px[32]).toBeCloseTo(0.426492, 5);
    // pixel (3,1): R 0 → −0.485/0.229 = −2.1179…
    expect(px[1 * 4 + 3]).toBeCloseTo(-2.117904, 5);
    // rows 2 and 3 are padding: exactly 0 in every channel
    for (const c of [0, 1, 2]) for (let i = 8; i < 16; i++) expect(px[c * 16 + i]).toBe(0);
  });

  it("maps points and box corners into the resized picture, per axis; a box is labels 2 and 3", () => {
    const a = promptArrays({ points: [{ x: 480, y: 320, label: 1 }, { x: 10, y: 600, label: 0 }], box: { x0: 0, y0: 0, x1: 960, y1: 640 } }, { width: 960, height: 640 }, { width: 1024, height: 683 });
    expect(a.count).toBe(4);
    // x × 1024/960, y × 683/640
    expect(Array.from(a.points)).toEqual([512, 341.5, 10.666666984558105, 640.3125, 0, 0, 1024, 683].map((v) => Math.fround(v)));
    expect(Array.from(a.labels)).toEqual([1n, 0n, 2n, 3n]);
    expect(() => promptArrays({ points: [] }, { width: 1, height: 1 }, { width: 1, height: 1 })).toThrow(/at least one point/);
  });

  it("reads preprocessor_config.json and refuses other processors", () => {
    const c = parseSamPreprocessorConfig({ image_processor_type: "SamImageProcessor", size: { longest_edge: 512 }, pad_size: { height: 512, width: 512 }, rescale_factor: 0.5, image_mean: [0, 0, 0], image_std: [1, 1, 1] });
    expect(c).toMatchObject({ longestEdge: 512, padWidth: 512, padHeight: 512, rescaleFactor: 0.5, mean: [0, 0, 0] });
    expect(() => parseSamPreprocessorConfig({ image_processor_type: "ViTImageProcessor" })).toThrow(/not SamImageProcessor/);
    expect(() => parseSamPreprocessorConfig({ size: { longest_edge: 2048 } })).toThrow(/inconsistent/);
  });
});

describe("SAM postprocessing", () => {
  it("bilinear upsampling 2×2 → 4×4 (align_corners = false) gives the hand-computed values", () => {
    // src [[0, 4], [8, 12]]; output x ↦ source (x + 0.5)/2 − 0.5 = −0.25, 0.25, 0.75, 1.25 → clamped 0, 0.25, 0.75, 1
    const out = bilinearResize(Float32Array.from([0, 4, 8, 12]), 2, 2, 4, 4);
    expect(Array.from(out.subarray(0, 4))).toEqual([0, 1, 3, 4]);
    expect(Array.from(out.subarray(4, 8))).toEqual([2, 3, 5, 6]); // y 0.25 → + 0.25 × 8
    expect(Array.from(out.subarray(12, 16))).toEqual([8, 9, 11, 12]);
  });

  it("downsampling 4×1 → 2×1 samples between pixel pairs", () => {
    expect(Array.from(bilinearResize(Float32Array.from([0, 2, 4, 6]), 4, 1, 2, 1))).toEqual([1, 5]);
  });

  it("picks the mask with the best iou, upsamples, crops the padding, resizes and thresholds at 0", () => {
    expect(bestMaskIndex(Float32Array.from([0.2, 0.9, 0.5]))).toBe(1);
    // 3 masks of 2×2 logits; pad 4×4; resized 4×2 (rows 2–3 are padding); original 2×1.
    const logits = Float32Array.from([
      ...[9, 9, 9, 9], // mask 0
      ...[-1, 3, -1, 3], // mask 1: right half positive
      ...[-9, -9, -9, -9], // mask 2
    ]);
    const config = tiny(4, 4);
    const mask = maskFromLogits(logits, 1, { width: 2, height: 2 }, { width: 2, height: 1 }, { width: 4, height: 2 }, config);
    // Up to 4×4 each row is [-1, 0, 2, 3]; crop 4×2; down to 2×1 samples x = 0.5 and 2.5 → −0.5 and 2.5 → [0, 255].
    expect(Array.from(mask)).toEqual([0, 255]);
    expect(Array.from(maskFromLogits(logits, 0, { width: 2, height: 2 }, { width: 2, height: 1 }, { width: 4, height: 2 }, config))).toEqual([255, 255]);
  });

  it("computes only the kept top-left window of the pad-size upsample, with the same values as the full one", () => {
    const sw = 7, sh = 5, dw = 29, dh = 23, ow = 29, oh = 15;
    const src = Float32Array.from({ length: sw * sh }, (_, i) => Math.sin(i * 1.7) * 10);
    const full = bilinearResize(src, sw, sh, dw, dh);
    for (const [w, h] of [[ow, oh], [11, 23], [1, 1]]) {
      const part = bilinearResizeTopLeft(src, sw, sh, dw, dh, w, h);
      for (let y = 0; y < h; y++) expect(Array.from(part.subarray(y * w, (y + 1) * w))).toEqual(Array.from(full.subarray(y * dw, y * dw + w)));
    }
  });
});
