/**
 * Image-to-image with a Latent Consistency Model, as diffusers'
 * LatentConsistencyModelImg2ImgPipeline (v0.40). Unlike StableDiffusionImg2ImgPipeline, strength
 * goes to LCMScheduler.set_timesteps, which shortens its distillation schedule and still runs all
 * n steps (4 steps at 0.5: [499, 379, 259, 139]).
 */
import { LATENT_CHANNELS } from "../components/vae";
import type { StableDiffusionModels } from "../stable-diffusion-models";
import { denoise } from "./denoise";
import { pipelineSize, preprocessImage } from "./image-processor";
import { LCM_RUN_RULES, lcmGuidanceEmbedding, lcmUnet } from "./lcm-stages";
import type { PipelineOutput, Img2ImgOptions } from "./options";
import type { EmbeddingCache } from "./prompt-embeddings";
import { setUpRun } from "./run-setup";
import { decodeRunResult, encodeRunPrompts, strengthTimesteps } from "./run-stages";
import { encodeToLatents, repeatBatch } from "./vae-stages";

export async function runLcmImg2Img(models: StableDiffusionModels, options: Img2ImgOptions, cache?: EmbeddingCache): Promise<PipelineOutput> {
  const unet = lcmUnet(models);
  const run = setUpRun(models, options, LCM_RUN_RULES);
  const { ctx, batch, scheduler } = run;

  // 1. Prompt embeddings: [pos × B], no negative prompt.
  const embeddings = await encodeRunPrompts(models, run, options, cache);

  // 2. Preprocess the image: floor to a multiple of 8, [1, 3, H, W] in [-1, 1].
  const size = pipelineSize(options.image.width, options.image.height);
  const initImage = preprocessImage(options.image, size);
  if (ctx.tracing) ctx.trace("init_image", initImage, [1, 3, size.height, size.width]);

  // 3. Timesteps: LCMScheduler.set_timesteps(n, strength=strength).
  const timesteps = strengthTimesteps(run, { numInferenceSteps: options.numInferenceSteps, strengthRule: "latent-consistency" }, options.strength);

  // 4. Latents: encode once, repeat for every image, noise to timesteps[0].
  ctx.stage("vae-encode");
  const initLatents = repeatBatch(await encodeToLatents(models, ctx, initImage, size, "init_image"), batch); // [B, 4, h, w]
  const shape = { batch, height: size.height / 8, width: size.width / 8 };
  const dims = [batch, LATENT_CHANNELS, shape.height, shape.width];
  const latents = scheduler.addNoise(initLatents, run.noise.randn(dims), timesteps[0]);
  if (ctx.tracing) ctx.trace("latents_init", latents, dims);

  // 5. Guidance scale embedding: timestep_cond [B, time_cond_proj_dim].
  const timestepCond = lcmGuidanceEmbedding(run, unet);

  // 6. LCM multistep sampling loop.
  const { denoised } = await denoise(run, { unet, timesteps, latents, shape, embeddings, timestepCond });

  // 7. Decode the last step's denoised.
  return decodeRunResult(models, run, denoised, size, timesteps);
}
