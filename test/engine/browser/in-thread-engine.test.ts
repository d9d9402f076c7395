/**
 * The engine behind the worker protocol, in-thread (Node, onnxruntime-web wasm, tiny models over a
 * real 127.0.0.1 server): round trip against the diffusers reference, previews in order, cancel,
 * per-mode session release, buffers transferred, the CPU path refusing before any fetch.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineClient, RunEvent } from "../../../src/engine/worker";
import { createInThreadEngineClient } from "../../../src/engine/worker/in-thread-engine-client";
import { serveStatic, type StaticServer } from "../../support/static-server";
import { caseRequest, maxAbsDiff, readCase, tinyModelSpec, tinyModelsDir, type TinyCase } from "./support/tiny-fixture";

let server: StaticServer;
let engine: EngineClient;
let tiny: TinyCase;

beforeAll(async () => {
  server = await serveStatic({ mounts: { "/models/": tinyModelsDir } });
  tiny = readCase();
  engine = createInThreadEngineClient({ gpu: null });
});

afterAll(async () => {
  engine?.dispose();
  await server?.close();
});

describe("in-thread engine client (wasm)", () => {
  it("reports the CPU path when there is no WebGPU", async () => {
    const device = await engine.init();
    expect(device.backend).toBe("wasm");
    expect(device.precision).toBe("fp32");
    expect(device.adapter).toBeNull();
    expect(device.reasons.join(" ")).toMatch(/no WebGPU/);
    expect(device.wasmHeapLimitBytes).toBe(4 * 1024 ** 3);
  });

  it("refuses a model too large for the wasm heap before fetching any file", async () => {
    const before = server.log.length;
    const spec = tinyModelSpec(server.origin, { memory: { gpuBytes: 3e9, wasmHeapBytes: 5e9 } });
    await expect(engine.load({ kind: "spec", spec })).rejects.toMatchObject({ name: "CpuPathUnavailableError", message: expect.stringMatching(/needs about 4\.66 GiB of memory, and every model shares one 4\.00 GiB wasm heap/) });
    expect(server.log.slice(before).filter((l) => l.startsWith("GET"))).toEqual([]);
    const estimate = await engine.estimate({ kind: "spec", spec });
    expect(estimate).toMatchObject({ fits: false, backend: "wasm" });
    const fp16 = tinyModelSpec(server.origin, { precision: "fp16", id: "fp16" });
    await expect(engine.load({ kind: "spec", spec: fp16 })).rejects.toMatchObject({ name: "CpuPathUnavailableError", message: expect.stringMatching(/fp16/) });
  });

  it("estimates memory from the file sizes before loading", async () => {
    const estimate = await engine.estimate({ kind: "spec", spec: tinyModelSpec(server.origin) });
    expect(estimate.fits).toBe(true);
    expect(estimate.backend).toBe("wasm");
    expect(estimate.estimatedBytes).toBeGreaterThan(17e6); // 2 × the ~17 MB of tiny weights, plus activations
    expect(estimate.message).toMatch(/CPU \(wasm heap\)/);
  });

  it("loads, runs img2img_ddim_cfg like diffusers, previews every step in order and transfers the image", async () => {
    const progress: string[] = [];
    const loaded = await engine.load({ kind: "spec", spec: tinyModelSpec(server.origin) }, { mode: "img2img", onEvent: (e) => e.type === "load-progress" && progress.push(e.component) });
    expect(loaded).toMatchObject({ backend: "wasm", precision: "fp32", preview: "latent-projection" });
    expect(loaded.components.sort()).toEqual(["textEncoder", "unet", "vaeDecoder", "vaeEncoder"]);
    expect(progress).toEqual(["textEncoder", "unet", "vaeEncoder", "vaeDecoder"]);

    const request = caseRequest(tiny);
    const image = request.image!.data;
    const previews: Extract<RunEvent, { type: "preview" }>[] = [];
    const steps: number[] = [];
    const result = await engine.generate(request, { onEvent: (e) => (e.type === "preview" ? previews.push(e) : e.type === "step" && steps.push(e.step)) });
    expect(image.byteLength).toBe(0); // transferred, not copied

    const diff = maxAbsDiff(result.pixels!, tiny.output);
    expect(diff).toBeLessThan(1e-4);
    expect(result.images).toHaveLength(1);
    expect(result.images[0]).toMatchObject({ width: 64, height: 64 });
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(previews.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const p of previews) {
      expect(p.kind).toBe("latent-projection");
      expect(p.images[0]).toMatchObject({ width: 64, height: 64 });
      expect(p.images[0].data.length).toBe(64 * 64 * 4);
    }
    // The projection follows the latents: successive previews differ.
    expect(maxAbsDiff(previews[0].images[0].data, previews[6].images[0].data)).toBeGreaterThan(0);
  });

  it("cancels mid-run with GenerationCancelledError, and the next run works", async () => {
    const controller = new AbortController();
    const steps: number[] = [];
    const run = engine.generate(caseRequest(tiny, { preview: { enabled: false } }), {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type !== "step") return;
        steps.push(e.step);
        if (e.step === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: "GenerationCancelledError" });
    expect(steps.length).toBeLessThan(7);
    const again = await engine.generate(caseRequest(tiny, { preview: { enabled: false } }));
    expect(maxAbsDiff(again.pixels!, tiny.output)).toBeLessThan(1e-4);
  });

  it("loads the inpainting UNet for fill and releases the img2img-only sessions", async () => {
    const mask = new Uint8Array(64 * 64);
    for (let y = 16; y < 48; y++) mask.fill(255, y * 64 + 16, y * 64 + 48);
    const result = await engine.generate({
      mode: "inpaint",
      prompt: { inputIds: Int32Array.from(tiny.json.token_ids.prompt) },
      numInferenceSteps: 2,
      guidanceScale: 1,
      seed: 7,
      image: { width: 64, height: 64, data: tiny.image.data.slice() },
      mask: { width: 64, height: 64, data: mask },
      preview: { maxSize: 32 },
    }, { onEvent: (e) => e.type === "preview" && expect(e.images[0]).toMatchObject({ width: 32, height: 32 }) });
    expect(result.images[0]).toMatchObject({ width: 64, height: 64 });
    // A new load report lists what is resident now: inpainting UNet in, plain UNet out.
    const loaded = await engine.load({ kind: "spec", spec: tinyModelSpec(server.origin) }, { mode: "inpaint" });
    expect(loaded.components.sort()).toEqual(["textEncoder", "unetInpaint", "vaeDecoder", "vaeEncoder"]);
  });

  it("reports bad input by name and stays usable", async () => {
    await expect(engine.generate({ mode: "img2img", prompt: { inputIds: new Int32Array([0, 2]) }, numInferenceSteps: 2 })).rejects.toMatchObject({
      name: "InvalidInputError",
    });
    await expect(engine.injectTestFault({ kind: "device-lost", afterStep: 1 })).rejects.toMatchObject({ name: "InvalidInputError" });
    await engine.release();
    await expect(engine.generate(caseRequest(tiny))).rejects.toMatchObject({ name: "InvalidInputError", message: expect.stringMatching(/load a model/) });
  });
});
