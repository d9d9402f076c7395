/**
 * Why the RuntimeMutex is not a second request queue: inside ONE generate request (the worker's
 * run-generation.ts, the unit the host's request queue runs one at a time), the pipeline's UNet
 * steps and the TAESD preview decodes call the runtime concurrently. Measured on the real CPU
 * backend (onnxruntime-web wasm, tiny-sd, the TAESD twin) with a runtime spy that counts runs in
 * progress: with a pass-through in place of the mutex they overlap; with the mutex they take
 * turns, interleaved in step order.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ortCpu from "onnxruntime-web/wasm";
import { describe, expect, it } from "vitest";
import type { InferenceSession } from "onnxruntime-web";
import { createWasmBackend } from "../../../src/engine/browser/browser-backends";
import { RuntimeMutex } from "../../../src/engine/browser/runtime-mutex";
import type { OrtWebModule } from "../../../src/engine/runtime/ort-web-backend";
import { TaesdPreviewDecoder } from "../../../src/engine/preview/taesd-preview-decoder";
import { loadEngineFromSources } from "../../../src/engine/worker/engine-from-sources";
import { runGeneration } from "../../../src/engine/worker/run-generation";
import { tinySources } from "../support/tiny-models";
import type { StableDiffusionSources } from "../../../src/engine/stable-diffusion-models";
import { caseRequest, readCase } from "./support/tiny-fixture";
import { TAESD_TWIN_DIR } from "../../../scripts/twins/make-taesd-twin";
import { SD15_DDIM } from "../support/tiny-engine";

/** onnxruntime-web/wasm whose sessions record which graph ran and how many runs were in progress. */
function spyRuntime() {
  const log = { order: [] as string[], active: 0, mostActive: 0 };
  const create = async (...args: Parameters<typeof ortCpu.InferenceSession.create>) => {
    const inner = await (ortCpu.InferenceSession.create as (...a: unknown[]) => Promise<InferenceSession>)(...args);
    const graph = inner.inputNames.includes("timestep") ? "unet" : inner.inputNames.includes("latent_sample") && inner.outputNames.length === 1 ? "decoder" : "other";
    const run = inner.run.bind(inner);
    inner.run = (async (...runArgs: Parameters<typeof run>) => {
      log.active++;
      log.mostActive = Math.max(log.mostActive, log.active);
      log.order.push(graph);
      try {
        // A run takes time; give any other caller the chance to start one meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 5));
        return await run(...runArgs);
      } finally {
        log.active--;
      }
    }) as typeof inner.run;
    return inner;
  };
  const ort = { ...ortCpu, InferenceSession: { ...ortCpu.InferenceSession, create } } as unknown as OrtWebModule;
  return { ort, log };
}

async function oneRequest(lock: RuntimeMutex) {
  const { ort, log } = spyRuntime();
  const backend = createWasmBackend({ lock, ort });
  // Bytes: the CPU-only ORT build fetches paths as URLs, which Node's fetch refuses.
  const sources = Object.fromEntries(Object.entries(tinySources({ withInpaintUnet: false })).map(([part, s]) => [part, { name: s.name, bytes: readFileSync(s.url!) }]));
  const engine = await loadEngineFromSources(backend, sources as unknown as StableDiffusionSources, { schedulerConfig: SD15_DDIM });
  const taesd = await TaesdPreviewDecoder.load(backend, { name: "taesd/vae_decoder.onnx", bytes: new Uint8Array(readFileSync(join(TAESD_TWIN_DIR, "vae_decoder/model.onnx"))) });
  log.order.length = 0;
  const previews: number[] = [];
  await runGeneration({
    requestId: 1,
    engine,
    request: caseRequest(readCase(), { numInferenceSteps: 6, preview: { maxSize: 32 } }),
    signal: new AbortController().signal,
    previewDecoder: taesd,
    where: { backend: "wasm", precision: "fp32" },
    post: (event) => void (event.type === "preview" && event.kind === "taesd" && previews.push(event.step)),
  });
  await engine.release();
  await taesd.release();
  return { log, previews };
}

/** A stand-in that lets every call through at once (what the request queue alone would give). */
const passThrough = { exclusive: <T>(work: () => Promise<T>) => work(), pending: 0, peak: 0 } as unknown as RuntimeMutex;

describe("RuntimeMutex (not a queue: the turns inside one request)", () => {
  it("without it, a preview decode and a UNet step of the same request run at once", async () => {
    const { log, previews } = await oneRequest(passThrough);
    expect(previews.length).toBeGreaterThan(0);
    expect(log.mostActive).toBeGreaterThan(1);
  });

  it("with it, they take turns: never two runs at once, previews between steps and in step order", async () => {
    const mutex = new RuntimeMutex();
    const { log, previews } = await oneRequest(mutex);
    expect(log.mostActive).toBe(1);
    expect(mutex.peak).toBeGreaterThan(1); // callers did overlap: the mutex, not the request queue, kept them apart
    expect(previews).toEqual([...previews].sort((a, b) => a - b));
    // A decode ("decoder": TAESD or the VAE; only TAESD can come before a UNet call) sits between
    // two UNet calls: previews are made during the run, not after it.
    const firstDecode = log.order.indexOf("decoder");
    expect(firstDecode).toBeGreaterThan(-1);
    expect(log.order.slice(firstDecode).includes("unet")).toBe(true);
    expect(mutex.pending).toBe(0);
  });
});
