/**
 * Text-to-image with a Latent Consistency Model, as diffusers' LatentConsistencyModelPipeline
 * (v0.40): noise, LCMScheduler's distillation timesteps, the guidance embedding instead of
 * classifier-free guidance, and the image decoded from the last step's `denoised`.
 */
import type { StableDiffusionModels } from "../stable-diffusion-models";
import { denoise } from "./denoise";
import { LCM_RUN_RULES, lcmGuidanceEmbedding, lcmUnet } from "./lcm-stages";
import type { PipelineOutput, TextToImageOptions } from "./options";
import type { EmbeddingCache } from "./prompt-embeddings";
import { setUpRun } from "./run-setup";
import { checkOutputSize, decodeRunResult, encodeRunPrompts, pureNoiseStart } from "./run-stages";

export async function runLcmTextToImage(models: StableDiffusionModels, options: TextToImageOptions, cache?: EmbeddingCache): Promise<PipelineOutput> {
  const unet = lcmUnet(models);
  const { width, height } = checkOutputSize(options);
  const run = setUpRun(models, options, LCM_RUN_RULES);

  // 1. Prompt embeddings: [pos × B], no negative prompt.
  const embeddings = await encodeRunPrompts(models, run, options, cache);

  // 2-3. Timesteps: LCMScheduler.set_timesteps(n), n of the original_inference_steps schedule.
  //      Latents: noise × init_noise_sigma, [B, 4, h, w].
  const { timesteps, latents, shape } = pureNoiseStart(run, options.numInferenceSteps, { width, height });

  // 4. Guidance scale embedding: timestep_cond [B, time_cond_proj_dim].
  const timestepCond = lcmGuidanceEmbedding(run, unet);

  // 5. LCM multistep sampling loop.
  const { denoised } = await denoise(run, { unet, timesteps, latents, shape, embeddings, timestepCond });

  // 6. Decode the last step's denoised.
  return decodeRunResult(models, run, denoised, { width, height }, timesteps);
}
