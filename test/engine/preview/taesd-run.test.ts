/**
 * TAESD inside a real run (in-thread engine client, Node, onnxruntime-web wasm, tiny-sd over a real
 * 127.0.0.1 server, the TAESD twin as the preview decoder): img2img_ddim_cfg's previews are the
 * twin's decode of x̂₀ computed here from diffusers' own reference tensors (DDIM: x̂₀ = (x_t −
 * √(1−ᾱ_t)·ε̂) / √ᾱ_t with ε̂ the CFG-combined UNet output), in step order; without TAESD the
 * previews are the projection; the Fast finish decodes the result with TAESD (and falls back to the
 * VAE with a notice when TAESD is not loaded).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineClient, RunEvent } from "../../../src/engine/worker";
import { createInThreadEngineClient } from "../../../src/engine/worker/in-thread-engine-client";
import { resampleToRgba } from "../../../src/engine/preview/thumbnail";
import { serveStatic, type StaticServer } from "../../support/static-server";
import { readFloat32 } from "../../support/fixture-dirs";
import { caseRequest, maxAbsDiff, readCase, tinyCasesDir, tinyModelSpec, tinyModelsDir, CASE_NAME, type TinyCase } from "../browser/support/tiny-fixture";
import { TAESD_TWIN_DIR, taesdTwinReference } from "../../../scripts/twins/make-taesd-twin";

type PreviewEvent = Extract<RunEvent, { type: "preview" }>;

let server: StaticServer;
let engine: EngineClient;
let tiny: TinyCase;
const twin = () => ({ file: { bytes: new Uint8Array(readFileSync(join(TAESD_TWIN_DIR, "vae_decoder/model.onnx"))) } });
const refFile = (name: string) => readFloat32(join(tinyCasesDir, CASE_NAME, name));

/** ᾱ_t of the case's scaled_linear schedule (diffusers DDIMScheduler.alphas_cumprod), in float64. */
function alphasCumprod(start: number, end: number, n: number): number[] {
  const out: number[] = [];
  let prod = 1;
  for (let i = 0; i < n; i++) {
    const beta = (Math.sqrt(start) + ((Math.sqrt(end) - Math.sqrt(start)) * i) / (n - 1)) ** 2;
    prod *= 1 - beta;
    out.push(prod);
  }
  return out;
}

/** x̂₀ of every step from diffusers' reference tensors: [1, 4, 8, 8] each. */
function referenceX0(): Float32Array[] {
  const cfg = tiny.json.scheduler.config as { beta_start: number; beta_end: number; num_train_timesteps: number };
  const json = JSON.parse(readFileSync(join(tinyCasesDir, CASE_NAME, "case.json"), "utf8")) as { scheduler: { timesteps_used: number[] } };
  const abar = alphasCumprod(cfg.beta_start, cfg.beta_end, cfg.num_train_timesteps);
  const g = tiny.json.params.guidance_scale;
  let x = refFile("latents_init.bin");
  return json.scheduler.timesteps_used.map((t, i) => {
    const out = refFile(`step_${String(i).padStart(2, "0")}_unet_out.bin`); // [2, 4, 8, 8]: uncond, cond
    const n = x.length;
    const x0 = new Float32Array(n);
    for (let k = 0; k < n; k++) {
      const eps = out[k] + g * (out[n + k] - out[k]);
      x0[k] = (x[k] - Math.sqrt(1 - abar[t]) * eps) / Math.sqrt(abar[t]);
    }
    x = refFile(`step_${String(i).padStart(2, "0")}_latents.bin`);
    return x0;
  });
}

/** The twin's decode of x̂₀ as the 32² thumbnail. */
function twinThumb(x0: Float32Array) {
  const image = taesdTwinReference(x0, [1, 4, 8, 8]);
  const rgb = new Float32Array(64 * 64 * 3);
  for (let c = 0; c < 3; c++) for (let i = 0; i < 64 * 64; i++) rgb[i * 3 + c] = Math.min(1, Math.max(0, image.data[c * 64 * 64 + i] / 2 + 0.5));
  return resampleToRgba(rgb, 64, 64, 32, 32);
}

async function run(extra: Parameters<typeof caseRequest>[1] = {}) {
  const previews: PreviewEvent[] = [];
  const notices: string[] = [];
  const result = await engine.generate(caseRequest(tiny, { preview: { maxSize: 32 }, ...extra }), {
    onEvent: (e) => (e.type === "preview" ? previews.push(e) : e.type === "notice" && "message" in e.notice && notices.push(e.notice.message)),
  });
  return { result, previews, notices };
}

beforeAll(async () => {
  server = await serveStatic({ mounts: { "/models/": tinyModelsDir } });
  tiny = readCase();
  engine = createInThreadEngineClient({ gpu: null });
});

afterAll(async () => {
  engine?.dispose();
  await server?.close();
});

describe("TAESD in a run (wasm, in-thread engine)", () => {
  it("previews without TAESD are the latent projection, and Fast falls back to the VAE with a notice", async () => {
    const loaded = await engine.load({ kind: "spec", spec: tinyModelSpec(server.origin) }, { mode: "img2img" });
    expect(loaded.preview).toBe("latent-projection");
    const { result, previews, notices } = await run({ finish: "fast" });
    expect(previews.map((p) => p.kind)).toEqual(new Array(7).fill("latent-projection"));
    expect(notices.join(" ")).toMatch(/Fast finish needs TAESD/);
    expect(maxAbsDiff(result.pixels!, tiny.output)).toBeLessThan(1e-4); // the VAE decoded it, as diffusers
  });

  it("decodes diffusers' x̂₀ of each step with TAESD, in step order, without changing the result", async () => {
    const loaded = await engine.load({ kind: "spec", spec: tinyModelSpec(server.origin) }, { mode: "img2img", preview: twin() });
    expect(loaded.preview).toBe("taesd");
    const { result, previews } = await run();
    expect(maxAbsDiff(result.pixels!, tiny.output)).toBeLessThan(1e-4);
    const steps = previews.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b)); // in order
    expect(steps[0]).toBe(1); // the first step is always decoded
    // Every step, or every other step when a step is faster than a decode: never two skipped in a row.
    for (let i = 1; i < steps.length; i++) expect(steps[i] - steps[i - 1]).toBeLessThanOrEqual(2);
    const x0 = referenceX0();
    for (const p of previews) {
      expect(p.kind).toBe("taesd");
      expect(maxAbsDiff(p.images[0].data, twinThumb(x0[p.step - 1]).data), `step ${p.step}`).toBeLessThanOrEqual(2);
    }
    // The preview shows x̂₀, not the noisy latents: decoding x_t instead would differ.
    const noisy = twinThumb(refFile("latents_init.bin"));
    expect(maxAbsDiff(previews[0].images[0].data, noisy.data)).toBeGreaterThan(10);
  });

  it("Fast finish: TAESD decodes the final latents (the twin's function of diffusers' final latents)", async () => {
    const { result, notices } = await run({ finish: "fast", preview: { enabled: false } });
    expect(notices).toEqual([]);
    const final = refFile(`step_${String(6).padStart(2, "0")}_latents.bin`); // [1, 4, 8, 8]
    const image = taesdTwinReference(final, [1, 4, 8, 8]); // [1, 3, 64, 64] in [-1, 1]
    const want = new Float32Array(64 * 64 * 3);
    for (let c = 0; c < 3; c++) for (let i = 0; i < 64 * 64; i++) want[i * 3 + c] = Math.min(1, Math.max(0, image.data[c * 64 * 64 + i] / 2 + 0.5));
    expect(maxAbsDiff(result.pixels!, want)).toBeLessThan(1e-3);
    expect(maxAbsDiff(result.pixels!, tiny.output)).toBeGreaterThan(0.05); // not the VAE's image
  });
});
