/**
 * The SlimSAM twin (test/fixtures/model-twins/slimsam-77-uniform/int8, made by scripts/twins/make-slimsam-twin.ts)
 * through the real loading path in Node: onnxruntime-web wasm sessions, the exact IO names, dtypes
 * and dims of Xenova/slimsam-77-uniform, one embedding per picture, one decode per click, masks
 * at the picture's size. The committed files are what the script writes, byte for byte.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createOrtWebBackend } from "../../../src/engine/runtime/ort-web-backend";
import type { ExecutionBackend } from "../../../src/engine/runtime/backend";
import { parseSamPreprocessorConfig } from "../../../src/engine/segmentation/sam-config";
import { SamSegmenter, SegmentationModelError } from "../../../src/engine/segmentation/sam-segmenter";
import { SLIMSAM_TWIN_DIR, slimsamTwinDecoder, slimsamTwinEncoder } from "../../../scripts/twins/make-slimsam-twin";

const read = (p: string) => new Uint8Array(readFileSync(join(SLIMSAM_TWIN_DIR, p)));
const ENCODER = "onnx/vision_encoder_quantized.onnx";
const DECODER = "onnx/prompt_encoder_mask_decoder_quantized.onnx";

function picture(width: number, height: number): { width: number; height: number; data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([(x * 255) / width, (y * 255) / height, x < width / 2 ? 40 : 220, 255], (y * width + x) * 4);
  return { width, height, data };
}

let backend: ExecutionBackend;
let segmenter: SamSegmenter;

beforeAll(async () => {
  backend = createOrtWebBackend({ device: "wasm" });
  const config = parseSamPreprocessorConfig(JSON.parse(readFileSync(join(SLIMSAM_TWIN_DIR, "preprocessor_config.json"), "utf8")));
  segmenter = await SamSegmenter.load(backend, { encoder: { name: ENCODER, bytes: read(ENCODER) }, decoder: { name: DECODER, bytes: read(DECODER) } }, config);
});

describe("SlimSAM twin (onnxruntime-web wasm, Node)", () => {
  it("is what the twin script writes, byte for byte", () => {
    expect(read(ENCODER)).toEqual(slimsamTwinEncoder());
    expect(read(DECODER)).toEqual(slimsamTwinDecoder());
  });

  it("has the real export's IO names, dtypes and dims", async () => {
    const enc = await backend.createSession({ name: ENCODER, bytes: read(ENCODER) });
    const dec = await backend.createSession({ name: DECODER, bytes: read(DECODER) });
    expect(enc.inputNames).toEqual(["pixel_values"]);
    expect(enc.outputNames).toEqual(["image_embeddings", "image_positional_embeddings"]);
    expect(dec.inputNames).toEqual(["image_embeddings", "image_positional_embeddings", "input_points", "input_labels"]);
    expect(dec.outputNames).toEqual(["iou_scores", "pred_masks"]);
    const out = await enc.run({ pixel_values: backend.createTensor("float32", new Float32Array(3 * 1024 * 1024), [1, 3, 1024, 1024]) });
    expect(out.image_embeddings.dims).toEqual([1, 256, 64, 64]);
    const d = await dec.run({
      image_embeddings: out.image_embeddings,
      image_positional_embeddings: out.image_positional_embeddings,
      input_points: backend.createTensor("float32", Float32Array.from([10, 20]), [1, 1, 1, 2]),
      input_labels: backend.createTensor("int64", BigInt64Array.from([1n]), [1, 1, 1]),
    });
    expect(d.iou_scores.dims).toEqual([1, 1, 3]);
    expect(d.pred_masks.dims).toEqual([1, 1, 3, 256, 256]);
    expect(d.pred_masks.type).toBe("float32");
  });

  it("embeds a picture once, decodes clicks and boxes into masks of the picture's size", async () => {
    const image = picture(300, 200);
    const first = await segmenter.embed("photo", image);
    expect(first).toBeGreaterThan(0);
    expect(await segmenter.embed("photo", image)).toBe(0); // cached
    const a = await segmenter.segment("photo", { points: [{ x: 150, y: 100, label: 1 }] });
    expect(a.width).toBe(300);
    expect(a.height).toBe(200);
    expect(a.mask.length).toBe(300 * 200);
    expect(a.mask.every((v) => v === 0 || v === 255)).toBe(true);
    const b = await segmenter.segment("photo", { points: [{ x: 150, y: 100, label: 1 }, { x: 20, y: 20, label: 0 }], box: { x0: 10, y0: 10, x1: 200, y1: 150 } });
    expect(b.mask.length).toBe(300 * 200);
    expect(Number.isFinite(b.iouScore)).toBe(true);
    await expect(segmenter.segment("other", { points: [{ x: 1, y: 1, label: 1 }] })).rejects.toThrow(SegmentationModelError);
  });

  it("refuses a graph without SAM's IO, naming what is missing", async () => {
    await expect(SamSegmenter.load(backend, { encoder: { name: DECODER, bytes: read(DECODER) }, decoder: { name: DECODER, bytes: read(DECODER) } }, segmenter.config)).rejects.toThrow(
      /lacks pixel_values, image_embeddings, image_positional_embeddings/,
    );
  });
});
