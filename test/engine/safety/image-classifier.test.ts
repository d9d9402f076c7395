/**
 * The classifier wrapper with the real onnxruntime-web (wasm, Node) on a tiny classifier written
 * as ONNX by the test itself (red → "nsfw", blue → "safe").
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createOrtWebBackend } from "../../../src/engine/runtime/ort-web-backend";
import type { ExecutionBackend, InferenceSession } from "../../../src/engine/runtime/backend";
import { classifyImage, parseClassifierConfig, toModelInput, type RgbaImage } from "../../../src/engine/safety/image-classifier";
import { tinyClassifierOnnx } from "./tiny-classifier-onnx";

// The shape of a Hugging Face image-classification export's two config files.
const configJson = { id2label: { "0": "SFW", "1": "NSFW" }, label2id: { SFW: 0, NSFW: 1 } };
const preprocessorJson = { do_normalize: true, do_rescale: true, rescale_factor: 1 / 255, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5], size: { height: 16, width: 16 } };

function solid(width: number, height: number, rgb: [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...rgb, 255], i * 4);
  return { width, height, data };
}

let backend: ExecutionBackend;
let session: InferenceSession;
const config = parseClassifierConfig(configJson, preprocessorJson);

beforeAll(async () => {
  backend = createOrtWebBackend({ device: "wasm" });
  session = await backend.createSession({ name: "tiny-classifier.onnx", bytes: tinyClassifierOnnx() });
});

describe("classifyImage (onnxruntime-web wasm)", () => {
  it("reads labels, size and normalisation from the model's config files", () => {
    expect(config).toEqual({ labels: ["sfw", "nsfw"], width: 16, height: 16, rescaleFactor: 1 / 255, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] });
    expect(() => parseClassifierConfig({}, preprocessorJson)).toThrow(/id2label/);
  });

  it("withholds an image whose flagged label reaches the threshold, with an explanation", async () => {
    const v = await classifyImage(backend, session, solid(40, 30, [255, 0, 0]), config, { nsfw: 0.8 });
    // Normalised red = (1, -1, -1): logit gap 8*(1-(-1)) = 16 → p(nsfw) = 1/(1+e^-16).
    expect(v.scores.nsfw).toBeCloseTo(1 / (1 + Math.exp(-16)), 6);
    expect(v.allowed).toBe(false);
    expect(v.flagged).toEqual([{ label: "nsfw", score: v.scores.nsfw, threshold: 0.8 }]);
    expect(v.message).toMatch(/withheld.*"nsfw"/);
  });

  it("allows an image below the threshold, and honours the threshold exactly", async () => {
    const blue = await classifyImage(backend, session, solid(8, 8, [0, 0, 255]), config, { nsfw: 0.5 });
    expect(blue.allowed).toBe(true);
    expect(blue.scores.sfw).toBeGreaterThan(0.99);
    // Purple-ish: R slightly above B → p(nsfw) a little over 0.5.
    const mixed = solid(8, 8, [140, 0, 128]);
    const v = await classifyImage(backend, session, mixed, config, { nsfw: 0.5 });
    const expected = 1 / (1 + Math.exp(-8 * ((140 - 128) / 255 / 0.5)));
    expect(v.scores.nsfw).toBeCloseTo(expected, 5);
    expect((await classifyImage(backend, session, mixed, config, { nsfw: expected - 1e-4 })).allowed).toBe(false);
    expect((await classifyImage(backend, session, mixed, config, { nsfw: expected + 1e-4 })).allowed).toBe(true);
  });

  it("refuses a threshold for a label the model does not have (a typo must not disable the filter)", async () => {
    await expect(classifyImage(backend, session, solid(4, 4, [0, 0, 0]), config, { porn: 0.5 })).rejects.toThrow(/unknown label "porn"/);
  });

  it("resizes bilinearly with pixel-centre alignment and lays channels out planar", () => {
    // 2x1 image (black | white) → 4x1: centres at -0.25, 0.25, 0.75, 1.25 → clamp → 0, .25, .75, 1.
    const img: RgbaImage = { width: 2, height: 1, data: new Uint8Array([0, 0, 0, 255, 255, 255, 255, 255]) };
    const out = toModelInput(img, { ...config, width: 4, height: 1, mean: [0, 0, 0], std: [1, 1, 1], rescaleFactor: 1 / 255 });
    expect(Array.from(out.subarray(0, 4))).toEqual([0, 0.25, 0.75, 1]);
    expect(out.length).toBe(12);
    expect(() => toModelInput({ width: 3, height: 3, data: new Uint8Array(4) }, config)).toThrow(/does not match/);
  });
});
