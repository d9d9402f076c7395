/**
 * Text-to-image, as diffusers' StableDiffusionPipeline (v0.40): noise × init_noise_sigma, the
 * whole schedule, decode.
 */
import { LATENT_CHANNELS } from "../components/vae";
import { InvalidInputError } from "../errors";
import type { StableDiffusionModels } from "../stable-diffusion-models";
import { denoise } from "./denoise";
import type { GenerationResult, TextToImageOptions } from "./options";
import { encodePrompts, type EmbeddingCache } from "./prompt-embeddings";
import { setUpRun } from "./run-setup";
import { traceHiddenStates } from "./trace-helpers";
import { decodeLatents } from "./vae-stages";

export async function runTextToImage(models: StableDiffusionModels, options: TextToImageOptions, cache?: EmbeddingCache): Promise<GenerationResult> {
  const unet = models.unet;
  if (!unet) throw new InvalidInputError("Text-to-image needs a 4-channel UNet; this model only has an inpainting UNet.");
  const { width, height } = options;
  // As diffusers' check_inputs: no silent resize when there is no input image to resize.
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 8 || height < 8 || width % 8 !== 0 || height % 8 !== 0) {
    throw new InvalidInputError(`Text-to-image width and height must be multiples of 8, at least 8 (got ${width}×${height}).`);
  }
  const run = setUpRun(models, options);
  const { ctx, batch, scheduler } = run;

  // 1. Prompt embeddings: [neg × B, pos × B].
  const embeddings = await encodePrompts(models, ctx, options.prompt, options.negativePrompt, run.doClassifierFreeGuidance, cache);
  if (ctx.tracing) traceHiddenStates(ctx, embeddings, batch);

  // 2. Timesteps: the whole schedule, no begin index.
  scheduler.setTimesteps(options.numInferenceSteps);
  const timesteps = [...scheduler.timesteps];

  // 3. Latents: noise × init_noise_sigma, [B, 4, h, w].
  const shape = { batch, height: height / 8, width: width / 8 };
  const dims = [batch, LATENT_CHANNELS, shape.height, shape.width];
  const noise = run.noise.randn(dims);
  const sigma = Math.fround(scheduler.initNoiseSigma);
  const latents = new Float32Array(noise.length);
  for (let i = 0; i < noise.length; i++) latents[i] = noise[i] * sigma;
  if (ctx.tracing) ctx.trace("latents_init", latents, dims);

  // 4. Denoising loop.
  ctx.stage("denoise");
  const finalLatents = await denoise({
    ctx,
    unet,
    scheduler,
    timesteps,
    latents,
    shape,
    embeddings,
    guidanceScale: run.guidanceScale,
    noise: run.noise,
    unetBatchSize: run.unetBatchSize,
  });

  // 5. Decode.
  const pixels = await decodeLatents(models, ctx, finalLatents, batch, { width, height }, run.vaeBatchSize);
  return { pixels, width, height, count: batch, seeds: run.seeds, timesteps, warnings: ctx.warnings, timings: ctx.finish() };
}
