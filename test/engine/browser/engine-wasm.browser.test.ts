/**
 * The engine worker in Chromium WITHOUT WebGPU (launchChromium({ webgpu: false })): the device
 * layer falls back to wasm and says why; the worker protocol round trip reproduces diffusers'
 * img2img_ddim_cfg; previews arrive for every step in order (TAESD path, with the tiny VAE decoder
 * standing in for TAESD — same input/output signature); cancel mid-run; the page's main thread
 * keeps ticking while the worker computes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type BrowserHarness } from "./support/browser-harness";
import { maxAbsDiff, plainCaseRequest, readCase, tinyModelSpec, type TinyCase } from "./support/tiny-fixture";

let h: BrowserHarness;
let tiny: TinyCase;

beforeAll(async () => {
  tiny = readCase();
  h = await openHarness({ webgpu: false });
});

afterAll(async () => {
  await h?.close();
});

describe("engine worker in Chromium without WebGPU", () => {
  it("falls back to wasm, saying why", async () => {
    const device = await h.call("start", "cpu", {});
    expect(device.backend).toBe("wasm");
    expect(device.adapter).toBeNull();
    expect(device.reasons.join(" ")).toMatch(/WebGPU|GPU adapter/);
    expect(device.wasmThreads).toBe(false); // no cross-origin isolation: single-threaded, one 4 GiB heap
  });

  it("round-trips img2img_ddim_cfg through the worker like diffusers, transferring the image", async () => {
    const spec = tinyModelSpec(h.server.origin);
    const loaded = await h.call("load", "cpu", { kind: "spec", spec });
    expect(loaded.ok).toBe(true);
    expect(loaded.model).toMatchObject({ backend: "wasm", precision: "fp32", preview: "latent-projection" });
    const run = await h.call("generate", "cpu", plainCaseRequest(tiny));
    expect(run.error).toBeUndefined();
    expect(run.backend).toBe("wasm");
    expect(run.imageBytesAfterSend).toBe(0);
    const diff = maxAbsDiff(run.pixels!, tiny.output);
    console.log(`wasm worker vs diffusers img2img_ddim_cfg: max |Δ| = ${diff.toExponential(2)}; main-thread max gap ${run.mainThreadMaxGapMs.toFixed(0)} ms over ${run.totalMs!.toFixed(0)} ms`);
    expect(diff).toBeLessThan(1e-4);
    expect(run.steps).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // preview-cadence.ts: every step when a step is slower than a decode, else every other step
    // (here the decode is the tiny model's own VAE, which depends on timing): never two skipped in a row.
    const steps = run.previews.map((p) => p.step);
    expect(steps[0]).toBe(1);
    const gaps = steps.slice(1).map((step, i) => step - steps[i]);
    expect(gaps.every((gap) => gap === 1 || gap === 2), `preview steps ${steps.join(", ")}`).toBe(true);
    expect(steps[steps.length - 1]).toBeGreaterThanOrEqual(6);
    expect(run.mainThreadMaxGapMs).toBeLessThan(1000);
  });

  it("decodes a TAESD-path preview of the first step and at least every other step after it, in order, as thumbnails", async () => {
    const spec = tinyModelSpec(h.server.origin);
    // The tiny VAE decoder has TAESD's signature (latent_sample → sample in [-1, 1]); it wants
    // latents / 0.18215 where TAESD takes them as they are.
    const preview = { file: { url: `${h.server.origin}/models/vae_decoder/model.onnx` }, latentScale: 1 / 0.18215 };
    const loaded = await h.call("load", "cpu", { kind: "spec", spec }, preview);
    expect(loaded.model?.preview).toBe("taesd");
    const run = await h.call("generate", "cpu", plainCaseRequest(tiny, { preview: { maxSize: 48 } }));
    expect(run.error).toBeUndefined();
    expect(maxAbsDiff(run.pixels!, tiny.output)).toBeLessThan(1e-4); // previews do not disturb the run
    // preview-cadence.ts: every step when a step is slower than a decode, else every other step
    // (here the decode is the tiny model's own VAE, which depends on timing): never two skipped in a row.
    const steps = run.previews.map((p) => p.step);
    expect(steps[0]).toBe(1);
    const gaps = steps.slice(1).map((step, i) => step - steps[i]);
    expect(gaps.every((gap) => gap === 1 || gap === 2), `preview steps ${steps.join(", ")}`).toBe(true);
    expect(steps[steps.length - 1]).toBeGreaterThanOrEqual(6);
    for (const p of run.previews) expect(p).toMatchObject({ kind: "taesd", width: 48, height: 48 });
    expect(new Set(run.previews.map((p) => p.mean.toFixed(3))).size).toBeGreaterThan(1);
  });

  it("cancels mid-run and the next run works", async () => {
    const cancelled = await h.call("generate", "cpu", plainCaseRequest(tiny), { cancelAtStep: 2 });
    expect(cancelled.ok).toBe(false);
    expect(cancelled.error?.name).toBe("GenerationCancelledError");
    expect(cancelled.steps.length).toBeLessThan(7);
    const next = await h.call("generate", "cpu", plainCaseRequest(tiny, { preview: { enabled: false } }));
    expect(next.error).toBeUndefined();
    expect(next.previews).toEqual([]);
    expect(maxAbsDiff(next.pixels!, tiny.output)).toBeLessThan(1e-4);
  });
});
