/**
 * What both Latent Consistency Model pipelines (diffusers' LatentConsistencyModelPipeline and
 * LatentConsistencyModelImg2ImgPipeline) do differently from the Stable Diffusion ones: no
 * classifier-free guidance (one UNet row per image, never a negative prompt), LCMScheduler
 * whatever the folder's config names, and the guidance scale given to the UNet as an embedding.
 */
import { guidanceScaleEmbedding } from "../../core/guidance-embedding";
import type { UNetModel } from "../components/unet";
import { InvalidInputError } from "../errors";
import type { StableDiffusionModels } from "../stable-diffusion-models";
import { traceRepeated } from "./trace-helpers";
import type { RunRules, RunSetup } from "./run-setup";

/** diffusers' LatentConsistencyModel pipelines default to guidance_scale = 8.5. */
export const LCM_DEFAULT_GUIDANCE_SCALE = 8.5;

export const LCM_RUN_RULES: RunRules = {
  classifierFreeGuidance: false,
  schedulerClass: "LCMScheduler",
  defaultGuidanceScale: LCM_DEFAULT_GUIDANCE_SCALE,
};

/** The model's guidance-distilled UNet (one whose graph has `timestep_cond`). */
export function lcmUnet(models: StableDiffusionModels): UNetModel & { timeCondProjDim: number } {
  const unet = models.unet;
  if (!unet || unet.timeCondProjDim === null) {
    throw new InvalidInputError("The LCM pipelines need a UNet with a timestep_cond input (an LCM export); this model has none.");
  }
  return unet as UNetModel & { timeCondProjDim: number };
}

/**
 * `w = guidance_scale − 1`, `timestep_cond = get_guidance_scale_embedding(w, time_cond_proj_dim)`:
 * one row [dim] (the same for every image; the loop repeats it per UNet row).
 */
export function lcmGuidanceEmbedding(run: RunSetup, unet: { timeCondProjDim: number }): Float32Array {
  const row = guidanceScaleEmbedding(run.guidanceScale - 1, unet.timeCondProjDim); // [dim] float32
  if (run.ctx.tracing) traceRepeated(run.ctx, "timestep_cond", row, [1, unet.timeCondProjDim], run.batch);
  return row;
}
