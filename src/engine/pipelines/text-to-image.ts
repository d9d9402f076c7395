/**
 * Text-to-image, as diffusers' StableDiffusionPipeline (v0.40): noise × init_noise_sigma, the
 * whole schedule, decode.
 */
import { InvalidInputError } from "../errors";
import type { StableDiffusionModels } from "../stable-diffusion-models";
import { denoise } from "./denoise";
import type { PipelineOutput, TextToImageOptions } from "./options";
import type { EmbeddingCache } from "./prompt-embeddings";
import { setUpRun } from "./run-setup";
import { checkOutputSize, decodeRunResult, encodeRunPrompts, pureNoiseStart } from "./run-stages";

export async function runTextToImage(models: StableDiffusionModels, options: TextToImageOptions, cache?: EmbeddingCache): Promise<PipelineOutput> {
  const unet = models.unet;
  if (!unet) throw new InvalidInputError("Text-to-image needs a 4-channel UNet; this model only has an inpainting UNet.");
  const { width, height } = checkOutputSize(options);
  const run = setUpRun(models, options);

  // 1. Prompt embeddings: [neg × B, pos × B].
  const embeddings = await encodeRunPrompts(models, run, options, cache);

  // 2-3. Timesteps: the whole schedule, no begin index. Latents: noise × init_noise_sigma, [B, 4, h, w].
  const { timesteps, latents, shape } = pureNoiseStart(run, options.numInferenceSteps, { width, height });

  // 4. Denoising loop.
  const { latents: finalLatents } = await denoise(run, { unet, timesteps, latents, shape, embeddings });

  // 5. Decode.
  return decodeRunResult(models, run, finalLatents, { width, height }, timesteps);
}
