/** The tiny-sd models as one engine (both UNets), for behaviour tests. */
import { join } from "node:path";
import { StableDiffusionEngine } from "../../../src/engine/engine";
import { createOrtWebBackend, type OrtWebBackendOptions } from "../../../src/engine/runtime/ort-web-backend";
import type { PromptTokenizer } from "../../../src/engine/tokenizer-port";
import type { SchedulerConfig } from "../../../src/core/scheduler";
import { readGrayPng, readRgbaPng } from "./png";
import { tinyCasesDir, tinyModel } from "./tiny-models";

/** Stable Diffusion 1.5's scheduler config, as the fixture README lists it. */
export const SD15_DDIM: SchedulerConfig = {
  _class_name: "DDIMScheduler",
  num_train_timesteps: 1000,
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: "scaled_linear",
  steps_offset: 1,
  clip_sample: false,
  set_alpha_to_one: false,
  prediction_type: "epsilon",
  timestep_spacing: "leading",
};

export async function loadTinyEngine(options: { backend?: OrtWebBackendOptions; tokenizer?: PromptTokenizer; withInpaintUnet?: boolean } = {}) {
  const backend = createOrtWebBackend(options.backend);
  return StableDiffusionEngine.load(
    backend,
    {
      textEncoder: tinyModel("text_encoder"),
      unet: tinyModel("unet"),
      unetInpaint: options.withInpaintUnet === false ? undefined : tinyModel("unet_inpaint"),
      vaeEncoder: tinyModel("vae_encoder"),
      vaeDecoder: tinyModel("vae_decoder"),
    },
    { schedulerConfig: SD15_DDIM, tokenizer: options.tokenizer },
  );
}

/** The tiny vocabulary's ids (BOS 0, EOS 2, padded with EOS to 77), from the fixture README. */
export function tinyIds(...content: number[]): { inputIds: Int32Array } {
  const ids = new Int32Array(77).fill(2);
  ids[0] = 0;
  ids.set(content.slice(0, 75), 1);
  ids[Math.min(content.length, 75) + 1] = 2;
  return { inputIds: ids };
}

/** A 64×64 input image and a rectangle mask from the fixture cases. */
export function fixtureImage() {
  return readRgbaPng(join(tinyCasesDir, "inpaint_ddim_rect", "input_image.png"));
}
export function fixtureMask() {
  return readGrayPng(join(tinyCasesDir, "inpaint_ddim_rect", "mask.png"));
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
