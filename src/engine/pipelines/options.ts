/**
 * What a caller passes to a pipeline and what it gets back. The worker/UI build on these types.
 */
import type { NoiseSource, SchedulerConfig } from "../../core/scheduler";
import type { Seed } from "../../core/torch-generator";
import type { GrayImage, RgbaImage } from "../../imaging/image";

/** A prompt as text (needs the model's tokenizer) or as token ids (e.g. the tiny test models). */
export type PromptInput = string | { inputIds: Int32Array };

/**
 * diffusers' `OtherScheduler.from_config(pipe.scheduler.config, **overrides)`: the model's config
 * (or `config`), with `className` replacing `_class_name` and `overrides` applied on top.
 */
export interface SchedulerChoice {
  className?: string;
  config?: SchedulerConfig;
  overrides?: Partial<SchedulerConfig>;
}

export interface CommonGenerationOptions {
  prompt: PromptInput;
  /** Default "" (the unconditional embedding). Only used when guidanceScale > 1. */
  negativePrompt?: PromptInput;
  numInferenceSteps: number;
  /** Classifier-free guidance; ≤ 1 turns it off (half the UNet work). Default 7.5. */
  guidanceScale?: number;
  /** Images from one prompt, 1–4. Default 1, or seeds.length. */
  numImagesPerPrompt?: number;
  /**
   * Randomness, first match wins:
   * - `noise`: replayed draws (one source = diffusers' single generator; an array = one per image),
   * - `seeds`: one torch-compatible generator per image, so image k can be re-made alone from seeds[k],
   * - `seed`: one generator for the whole batch (diffusers' `generator=torch.manual_seed(seed)`).
   * Default: a random seed, reported in the result.
   */
  noise?: NoiseSource | NoiseSource[];
  seeds?: Seed[];
  seed?: Seed;
  /** Another sampler than the model's scheduler_config.json, or other settings for it. */
  scheduler?: SchedulerChoice;
  /** Largest UNet batch per session.run; default from the backend (1 on wasm). Results do not depend on it. */
  unetBatchSize?: number;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** Debugging/parity: every intermediate tensor, named as in diffusers' reference runs. */
  onTrace?: (event: TraceEvent) => void;
}

export interface TextToImageOptions extends CommonGenerationOptions {
  width: number;
  height: number;
}

export interface Img2ImgOptions extends CommonGenerationOptions {
  image: RgbaImage;
  /** 0–1: how much of the schedule runs (1 = ignore the image's content). */
  strength: number;
  strengthRule?: StrengthRule;
}

/**
 * How strength picks the timesteps. "stable-diffusion" (default, diffusers'
 * StableDiffusionImg2Img/InpaintPipeline `get_timesteps`): the last int(n·strength) of the n-step
 * schedule run. "latent-consistency" (LatentConsistencyModelImg2ImgPipeline, LCMScheduler only):
 * the distillation schedule is cut to int(50·strength) and all n steps run.
 */
export type StrengthRule = "stable-diffusion" | "latent-consistency";

export interface InpaintOptions extends CommonGenerationOptions {
  image: RgbaImage;
  /** Same size as image; 0 = keep, 255 = repaint; binarised at 128. */
  mask: GrayImage;
  /** Default 1. */
  strength?: number;
  strengthRule?: StrengthRule;
}

export type PipelineStage = "tokenize" | "text-encoder" | "vae-encode" | "denoise" | "vae-decode";

export type ProgressEvent =
  | { type: "stage"; stage: PipelineStage }
  | {
      type: "step";
      /** 1-based step just finished, of totalSteps (after strength). */
      step: number;
      totalSteps: number;
      timestep: number;
      /** The scheduler's estimate of the clean latents after this step: [B, 4, h, w] float32. */
      predOriginalSample: Float32Array;
      latentShape: readonly number[];
    };

export interface TraceEvent {
  /** diffusers-side name: "init_image", "mask_latent", "latents_init", "unet_in", "latents", "output", … */
  name: string;
  /** Step index for per-step tensors, or the call index for repeated ones (vae_encoder_out). */
  index?: number;
  data: Float32Array;
  dims: readonly number[];
}

export interface StageTimings {
  tokenize: number;
  textEncoder: number;
  vaeEncode: number;
  /** One entry per denoising step (UNet calls + guidance + scheduler). */
  unetSteps: number[];
  vaeDecode: number;
  total: number;
  /** Wall time inside session.run, all models. */
  sessionRun: number;
  /** total − sessionRun: pre/post-processing, scheduler, conversions. */
  outsideRun: number;
}

export interface GenerationResult {
  /** [B, H, W, 3] float32 in [0, 1] (diffusers' output_type="np"). */
  pixels: Float32Array;
  width: number;
  height: number;
  count: number;
  /** The seed of each image when seeds were used (to re-make one image alone). */
  seeds: Seed[] | null;
  timesteps: number[];
  warnings: string[];
  timings: StageTimings;
}
