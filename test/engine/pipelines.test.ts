/**
 * Engine behaviour on the tiny models (real onnxruntime-web wasm): the batch schedule does not
 * change results, per-image seeds reproduce alone, progress and cancellation.
 */
import { describe, expect, it } from "vitest";
import { GenerationCancelledError } from "../../src/engine/errors";
import type { PipelineEvent } from "../../src/contract/worker-protocol";
import type { StepLatents } from "../../src/engine/pipelines/options";
import { StableDiffusionEngine } from "../../src/engine/engine";
import { createOrtWebBackend } from "../../src/engine/runtime/ort-web-backend";
import { fixtureImage, fixtureMask, loadTinyEngine, maxAbsDiff, tinyIds } from "./support/tiny-engine";

const engine = await loadTinyEngine();
// The same sessions, scheduled all-at-once as on a GPU.
const batched = new StableDiffusionEngine({ ...engine.models, backend: createOrtWebBackend({ batching: { maxUnetBatch: 8, maxVaeBatch: 4 } }) });
// No tokenizer for the tiny vocabulary: prompts (and the empty negative prompt) as ids.
const text = { prompt: tinyIds(17, 345, 78, 901), negativePrompt: tinyIds() };

describe("batch schedule", () => {
  it("uses batch 1 on wasm by default", () => {
    expect(engine.models.backend.batching).toEqual({ maxUnetBatch: 1, maxVaeBatch: 1 });
  });

  it("gives the same images whether cond/uncond and variations run as one batch or one by one", async () => {
    const options = { ...text, image: fixtureImage(), strength: 0.8, numInferenceSteps: 5, guidanceScale: 6, seeds: [11, 12, 13] };
    const sequential = await engine.img2img(options);
    const allAtOnce = await batched.img2img(options);
    expect(sequential.images.length).toBe(3);
    const diff = maxAbsDiff(sequential.pixels, allAtOnce.pixels);
    console.log(`img2img 3 images: batch-6 vs batch-1 UNet max |Δ| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(1e-5);

    const fill = { ...text, image: fixtureImage(), mask: fixtureMask(), numInferenceSteps: 4, seeds: [5, 6] };
    const fillDiff = maxAbsDiff((await engine.inpaint(fill)).pixels, (await batched.inpaint(fill)).pixels);
    expect(fillDiff).toBeLessThanOrEqual(1e-5);
  });

  it("makes image k of a batch identical to a run of seeds[k] alone", async () => {
    const options = { ...text, numInferenceSteps: 3, width: 64, height: 48 };
    const both = await engine.textToImage({ ...options, seeds: [101, 202] });
    const second = await engine.textToImage({ ...options, seeds: [202] });
    const plane = 64 * 48 * 3;
    expect(maxAbsDiff(both.pixels.subarray(plane), second.pixels)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(both.pixels.subarray(0, plane), second.pixels)).toBeGreaterThan(1e-2); // different seeds differ
    expect(both.seeds).toEqual([101, 202]);
  });

  it("runs started at once on one engine (no queue in the engine) give the images each gives alone", async () => {
    const options = { ...text, numInferenceSteps: 3, width: 32, height: 32 };
    const together = await Promise.all([engine.textToImage({ ...options, seed: 1 }), engine.img2img({ ...options, image: fixtureImage(), strength: 0.6, seed: 2 }), engine.textToImage({ ...options, seed: 3 })]);
    const alone = [await engine.textToImage({ ...options, seed: 1 }), await engine.img2img({ ...options, image: fixtureImage(), strength: 0.6, seed: 2 }), await engine.textToImage({ ...options, seed: 3 })];
    together.forEach((r, i) => expect(maxAbsDiff(r.pixels, alone[i].pixels)).toBe(0));
  });

  it("reports a random seed per image when none is given", async () => {
    const result = await engine.textToImage({ ...text, numInferenceSteps: 1, width: 16, height: 16, numImagesPerPrompt: 2, guidanceScale: 1 });
    expect(result.seeds).toHaveLength(2);
    const again = await engine.textToImage({ ...text, numInferenceSteps: 1, width: 16, height: 16, seeds: result.seeds!, guidanceScale: 1 });
    expect(maxAbsDiff(result.pixels, again.pixels)).toBe(0);
  });
});

describe("progress and cancellation", () => {
  it("reports stages and every step with the predicted clean latents", async () => {
    const events: PipelineEvent[] = [];
    const latents: StepLatents[] = [];
    const result = await engine.inpaint({ ...text, image: fixtureImage(), mask: fixtureMask(), numInferenceSteps: 4, seed: 3, onEvent: (e) => events.push(e), onLatents: (l) => latents.push(l) });
    const stages = events.filter((e) => e.type === "stage").map((e) => (e.type === "stage" ? e.stage : ""));
    expect(stages).toEqual(["tokenize", "text-encoder", "vae-encode", "denoise", "vae-decode"]);
    const steps = events.filter((e) => e.type === "step");
    expect(steps.map((e) => (e.type === "step" ? `${e.step}/${e.totalSteps}` : ""))).toEqual(["1/4", "2/4", "3/4", "4/4"]);
    for (const e of steps) expect(e.type === "step" && e.ms).toBeGreaterThanOrEqual(0);
    expect(latents.map((e) => e.step)).toEqual([1, 2, 3, 4]);
    for (const e of latents) {
      expect(e.latentShape).toEqual([1, 4, 8, 8]);
      expect(e.predOriginalSample).toHaveLength(256);
      expect(e.predOriginalSample.every(Number.isFinite)).toBe(true);
    }
    expect(result.timings.unetSteps).toHaveLength(4);
    expect(result.timings.sessionRun).toBeGreaterThan(0);
    expect(result.timings.outsideRun).toBeGreaterThanOrEqual(0);
    expect(result.timings.total).toBeCloseTo(result.timings.sessionRun + result.timings.outsideRun, 6);
  });

  it("stops between steps when the signal aborts, and the engine keeps working", async () => {
    const controller = new AbortController();
    let stepsSeen = 0;
    const run = engine.img2img({
      ...text,
      image: fixtureImage(),
      strength: 1,
      numInferenceSteps: 10,
      seed: 1,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "step" && ++stepsSeen === 2) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(GenerationCancelledError);
    expect(stepsSeen).toBe(2);

    const aborted = new AbortController();
    aborted.abort();
    await expect(engine.textToImage({ ...text, numInferenceSteps: 2, width: 16, height: 16, signal: aborted.signal })).rejects.toBeInstanceOf(GenerationCancelledError);

    const after = await engine.img2img({ ...text, image: fixtureImage(), strength: 0.5, numInferenceSteps: 4, seed: 1 });
    expect(after.pixels.every((v) => v >= 0 && v <= 1)).toBe(true);
  });
});
