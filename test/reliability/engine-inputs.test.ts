/**
 * The engine's own refusals (tiny models, onnxruntime-web wasm): non-text prompts, token ids
 * outside the vocabulary, NaN/Inf named by stage, a UNet config contradicting its graph.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StableDiffusionEngine } from "../../src/engine/engine";
import { loadEngineFromSources } from "../../src/engine/worker/engine-from-sources";
import { UNetModel } from "../../src/engine/components/unet";
import { createOrtWebBackend } from "../../src/engine/runtime/ort-web-backend";
import { fixtureImage, loadTinyEngine, SD15_DDIM, tinyIds } from "../engine/support/tiny-engine";
import { tinyModel, tinySources } from "../engine/support/tiny-models";

let engine: StableDiffusionEngine;
const common = { negativePrompt: tinyIds(), numInferenceSteps: 2, guidanceScale: 1, seed: 1, width: 64, height: 64 };

beforeAll(async () => {
  engine = await loadTinyEngine();
}, 120_000);
afterAll(() => engine?.release());

describe("engine input refusals", () => {
  it("refuses a number as prompt in one sentence", async () => {
    await expect(engine.textToImage({ ...common, prompt: 42 as never })).rejects.toThrow(
      "The prompt is a number; give it as text, or as token ids in { inputIds: Int32Array }.",
    );
  });

  it("refuses an array as prompt in one sentence", async () => {
    await expect(engine.textToImage({ ...common, prompt: [0, 17, 2] as never })).rejects.toThrow(/^The prompt is a list; give it as text/);
  });

  it("refuses an array as negative prompt", async () => {
    await expect(engine.textToImage({ ...common, prompt: tinyIds(5), negativePrompt: [1] as never })).rejects.toThrow(/^The negative prompt is a list/);
  });

  it("names a token id outside the vocabulary instead of ORT's Gather error", async () => {
    await expect(engine.textToImage({ ...common, prompt: tinyIds(5000) })).rejects.toThrow(
      "Token id 5000 is outside this model's vocabulary (ids 0 to 999): use ids from the model's own tokenizer.",
    );
  });

  it("refuses a negative token id (Gather would silently wrap it)", async () => {
    await expect(engine.textToImage({ ...common, prompt: tinyIds(-3) })).rejects.toThrow(/Token id -3 \(position 2\) is negative/);
  });

  it("names the VAE decode stage when decoding overflows, never a black image", async () => {
    const models = { ...engine.models, vaeScalingFactor: 1e-39 };
    const overflowing = new StableDiffusionEngine(models);
    await expect(overflowing.textToImage({ ...common, prompt: tinyIds(5) })).rejects.toMatchObject({
      name: "NonFiniteOutputError",
      message: expect.stringMatching(/^The model produced invalid numbers \(NaN\/Infinity\) at VAE decode, so no image was made\./),
    });
  });

  it("names the VAE encode stage when the scaled latents are NaN", async () => {
    const overflowing = new StableDiffusionEngine({ ...engine.models, vaeScalingFactor: NaN });
    await expect(overflowing.img2img({ ...common, prompt: tinyIds(5), image: fixtureImage(), strength: 0.5 })).rejects.toMatchObject({
      name: "NonFiniteOutputError",
      message: expect.stringMatching(/at VAE encode/),
    });
  });

  it("refuses DDIM at 1000 steps with the reason, not a NaN error blaming fp16", async () => {
    await expect(engine.textToImage({ ...common, prompt: tinyIds(5), numInferenceSteps: 1000 })).rejects.toMatchObject({
      name: "InferenceStepsError",
      message: expect.stringMatching(/Use at most 999 steps/),
    });
  });

  it("says the empty negative prompt needs ids when no negative prompt was given (not 'the negative prompt must…')", async () => {
    const plain = new StableDiffusionEngine({ ...engine.models, tokenizer: null });
    await expect(plain.textToImage({ ...common, negativePrompt: undefined, prompt: tinyIds(5), guidanceScale: 7.5 })).rejects.toThrow(
      /guidance \(guidanceScale > 1\) needs the empty negative prompt as token ids .*or set guidanceScale to 1/,
    );
  });

  it("refuses a UNet config in_channels that contradicts the graph", async () => {
    const backend = createOrtWebBackend();
    await expect(UNetModel.load(backend, tinyModel("unet"), { inChannels: 9 })).rejects.toMatchObject({
      name: "ModelSignatureError",
      message: expect.stringMatching(/does not accept the 9 channels the UNet's config\.json gives as in_channels; fix or remove in_channels/),
    });
  });

  it("still loads the tiny model with matching config values", async () => {
    const loaded = await loadEngineFromSources(createOrtWebBackend(), tinySources({ withInpaintUnet: false }), { schedulerConfig: SD15_DDIM, unetInChannels: { unet: 4 } });
    expect(loaded.models.unet?.inChannels).toBe(4);
    await loaded.release();
  });
});
