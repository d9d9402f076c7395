/**
 * The denoising loop of every tiny-sd reference run ($TINY_SD_CASES_DIR, default
 * test/fixtures/tiny-sd/cases), replayed with core/ only: the recorded UNet outputs are fed
 * through guidance and the scheduler, and the initial latents, every UNet input (latent channels),
 * every step's latents (legacy inpaint blending included) and the decoder input must match the
 * reference within 1e-5 abs + 1e-5 rel. This pins the pipeline-level use of core/: strength
 * slicing and begin index (LCM with StableDiffusionImg2ImgPipeline too), add_noise inside the
 * loop, CFG with batch > 1, and recorded scheduler noise.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createScheduler } from "../../src/core/create-scheduler";
import { guidedNoisePrediction } from "../../src/core/guidance";
import { ReplayNoise } from "../../src/core/replay-noise";
import type { Scheduler } from "../../src/core/scheduler";
import { fixturePath, readFloat32, requireEntries } from "../support/fixture-dirs";
import { assertClose } from "./support/compare";

const f32 = Math.fround;

interface FileRef {
  file: string;
  shape: number[];
}
interface TinyCase {
  name: string;
  pipeline: string;
  unet_model: string;
  params: {
    num_inference_steps: number;
    strength: number | null;
    guidance_scale: number;
    do_classifier_free_guidance: boolean;
    num_images_per_prompt: number;
    vae_scaling_factor: number;
  };
  scheduler: {
    class_name: string;
    config: Record<string, unknown>;
    timesteps_full: number[];
    timesteps_used: number[];
    sigmas?: number[];
    init_noise_sigma: number;
    order: number;
  };
  noise_draws: FileRef[];
  vae_encoder_outputs: (FileRef & { input: string })[];
  steps: { i: number; t: number; unet_in: FileRef; unet_out: FileRef; latents: FileRef }[];
  files: Record<string, FileRef>;
}

const casesDir = fixturePath("TINY_SD_CASES_DIR", "test/fixtures/tiny-sd/cases");
const caseNames = requireEntries(casesDir, (n) => !n.startsWith("."), "tiny-sd loop parity");

function repeat(a: Float32Array, times: number): Float32Array {
  const out = new Float32Array(a.length * times);
  for (let k = 0; k < times; k++) out.set(a, k * a.length);
  return out;
}

/** Channels [0, 4) of every batch item of an NCHW tensor. */
function latentChannels(x: Float32Array, shape: number[]): Float32Array {
  const [n, c, h, w] = shape;
  const plane = 4 * h * w;
  const out = new Float32Array(n * plane);
  for (let b = 0; b < n; b++) out.set(x.subarray(b * c * h * w, b * c * h * w + plane), b * plane);
  return out;
}

function replayCase(dir: string, c: TinyCase): void {
  const bin = (ref: FileRef) => readFloat32(join(dir, ref.file));
  const { params } = c;
  const batch = params.num_images_per_prompt;
  const sf = f32(params.vae_scaling_factor);
  const scheduler: Scheduler = createScheduler(c.scheduler.config, {
    className: c.scheduler.class_name,
    stableDiffusionFixups: false,
  });
  const fromImage = /Img2Img|Inpaint/.test(c.pipeline);
  const strength = params.strength ?? 1;
  scheduler.setTimesteps(
    params.num_inference_steps,
    fromImage ? { strength, strengthPipeline: "stable-diffusion" } : undefined,
  );
  assertClose("timesteps_full", scheduler.scheduleTimesteps, c.scheduler.timesteps_full);
  assertClose("timesteps_used", scheduler.timesteps, c.scheduler.timesteps_used);
  if (c.scheduler.sigmas) assertClose("sigmas", scheduler.sigmas ?? [], c.scheduler.sigmas);
  assertClose("init_noise_sigma", [scheduler.initNoiseSigma], [c.scheduler.init_noise_sigma]);

  const [noise0, ...stepDraws] = c.noise_draws.map(bin);
  const stepNoise = new ReplayNoise(stepDraws);
  const encodedImage = () => {
    const out = c.vae_encoder_outputs.find((o) => o.input === "init_image");
    if (!out) throw new Error("case has no VAE encoding of init_image");
    return repeat(bin(out).map((v) => sf * v), batch);
  };
  let latents: Float32Array;
  if (!fromImage || (c.pipeline.includes("Inpaint") && strength === 1)) {
    latents = noise0.map((v) => v * scheduler.initNoiseSigma);
  } else {
    latents = scheduler.addNoise(encodedImage(), noise0, scheduler.timesteps[0]);
  }
  assertClose("latents_init", latents, bin(c.files.latents_init));

  const legacyInpaint = c.pipeline.includes("Inpaint") && c.unet_model === "unet";
  const latentShape = c.steps[0].latents.shape;
  expect(c.steps.length, "steps").toBe(scheduler.timesteps.length);
  for (const s of c.steps) {
    const where = `step ${s.i}`;
    const t = scheduler.timesteps[s.i];
    assertClose(`${where} t`, [t], [s.t]);
    const modelIn = params.do_classifier_free_guidance ? repeat(latents, 2) : latents;
    const scaled = scheduler.scaleModelInput(modelIn, t);
    assertClose(`${where} unet_in`, scaled, latentChannels(bin(s.unet_in), s.unet_in.shape));
    const eps = guidedNoisePrediction(bin(s.unet_out), params.guidance_scale);
    latents = scheduler.step(eps, t, latents, { noise: stepNoise, shape: latentShape }).prevSample;
    if (legacyInpaint) latents = blendLegacyInpaint(c, dir, scheduler, latents, noise0, s.i, batch);
    assertClose(`${where} latents`, latents, bin(s.latents));
  }
  expect(stepNoise.remaining, "recorded scheduler noise left unused").toBe(0);
  assertClose("vae_decoder_in", latents.map((v) => v / sf), bin(c.files.vae_decoder_in));
}

/** Legacy 4-channel inpaint: keep the (re-noised) image outside the mask after every step. */
function blendLegacyInpaint(
  c: TinyCase,
  dir: string,
  scheduler: Scheduler,
  latents: Float32Array,
  noise0: Float32Array,
  i: number,
  batch: number,
): Float32Array {
  const imageLatents = readFloat32(join(dir, c.files.image_latents.file));
  const mask = readFloat32(join(dir, c.files.mask_latent.file)); // [B or 2B, 1, h, w]
  const next = scheduler.timesteps[i + 1];
  const proper = next === undefined ? imageLatents : scheduler.addNoise(imageLatents, noise0, next);
  const plane = mask.length / (c.params.do_classifier_free_guidance ? 2 * batch : batch);
  const perItem = latents.length / batch;
  const out = new Float32Array(latents.length);
  for (let j = 0; j < latents.length; j++) {
    const m = mask[Math.floor(j / perItem) * plane + (j % plane)];
    out[j] = f32(f32(1 - m) * proper[j]) + f32(m * latents[j]);
  }
  return out;
}

describe("tiny-sd denoising loops replayed through core/", () => {
  for (const name of caseNames) {
    it(name, () => {
      const dir = join(casesDir, name);
      const c = JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as TinyCase;
      replayCase(dir, c);
    });
  }
});
