/**
 * Stages every pipeline runs the same way on its RunSetup, each one step of diffusers' `__call__`:
 * encode the prompts, take the strength-sliced timesteps, start from pure noise, decode into the
 * result. What differs between pipelines (the image/mask inputs, the latents, the UNet's extra
 * channels) stays in the pipeline files.
 */
import type { Scheduler } from "../../core/scheduler";
import { LATENT_CHANNELS } from "../components/vae";
import type { StableDiffusionModels } from "../stable-diffusion-models";
import { InvalidInputError } from "../errors";
import { toRgbaImages, type Size } from "./image-processor";
import type { CommonGenerationOptions, PipelineOutput, StrengthRule } from "./options";
import { encodePrompts, type EmbeddingCache, type PromptEmbeddings } from "./prompt-embeddings";
import type { RunSetup } from "./run-setup";
import { traceHiddenStates } from "./trace-helpers";
import { decodeLatents } from "./vae-stages";

/** diffusers' check_inputs for text-to-image: no silent resize when there is no input image to resize. */
export function checkOutputSize(options: { width: number; height: number }): { width: number; height: number } {
  const { width, height } = options;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 8 || height < 8 || width % 8 !== 0 || height % 8 !== 0) {
    throw new InvalidInputError(`Text-to-image width and height must be multiples of 8, at least 8 (got ${width}×${height}).`);
  }
  return { width, height };
}

/** encode_prompt: [neg × B, pos × B] (the negative half only with classifier-free guidance). */
export async function encodeRunPrompts(
  models: StableDiffusionModels,
  run: RunSetup,
  options: CommonGenerationOptions,
  cache?: EmbeddingCache,
): Promise<PromptEmbeddings> {
  const embeddings = await encodePrompts(models, run.ctx, options.prompt, options.negativePrompt, run.doClassifierFreeGuidance, cache);
  if (run.ctx.tracing) traceHiddenStates(run.ctx, embeddings, run.batch);
  return embeddings;
}

/** set_timesteps + get_timesteps: the part of the schedule `strength` leaves (1 keeps all of it). */
export function strengthTimesteps(run: RunSetup, options: { numInferenceSteps: number; strengthRule?: StrengthRule }, strength: number): number[] {
  run.scheduler.setTimesteps(options.numInferenceSteps, { strength, strengthPipeline: options.strengthRule ?? "stable-diffusion" });
  return [...run.scheduler.timesteps];
}

/** prepare_latents from pure noise: noise × init_noise_sigma, [B, 4, h, w] float32. */
export function initialNoiseLatents(scheduler: Scheduler, noise: Float32Array): Float32Array {
  const sigma = Math.fround(scheduler.initNoiseSigma);
  const latents = new Float32Array(noise.length);
  for (let i = 0; i < noise.length; i++) latents[i] = noise[i] * sigma;
  return latents;
}

/**
 * How text-to-image starts (plain and LCM alike): set_timesteps over the whole schedule, then
 * prepare_latents from pure noise [B, 4, h/8, w/8], traced as "latents_init".
 */
export function pureNoiseStart(run: RunSetup, numInferenceSteps: number, size: Size): { timesteps: number[]; latents: Float32Array; shape: { batch: number; height: number; width: number } } {
  const { ctx, batch, scheduler } = run;
  scheduler.setTimesteps(numInferenceSteps);
  const timesteps = [...scheduler.timesteps];
  const shape = { batch, height: size.height / 8, width: size.width / 8 };
  const dims = [batch, LATENT_CHANNELS, shape.height, shape.width];
  const latents = initialNoiseLatents(scheduler, run.noise.randn(dims));
  if (ctx.tracing) ctx.trace("latents_init", latents, dims);
  return { timesteps, latents, shape };
}

/** VAE decode of the final latents [B, 4, h, w], and the result the caller gets. */
export async function decodeRunResult(
  models: StableDiffusionModels,
  run: RunSetup,
  finalLatents: Float32Array,
  size: Size,
  timesteps: number[],
): Promise<PipelineOutput> {
  const { ctx, batch } = run;
  const pixels = await decodeLatents(models, ctx, finalLatents, batch, size, run.vaeBatchSize, ctx.finalDecoder);
  const images = toRgbaImages(pixels, batch, size);
  // screened: the worker's content filter decides (screenResult) before anything leaves it.
  return { images, pixels, width: size.width, height: size.height, screened: false, seeds: run.seeds, timesteps, warnings: ctx.warnings, timings: ctx.finish() };
}
