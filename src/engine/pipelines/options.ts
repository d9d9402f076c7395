/**
 * What a pipeline takes: the contract's GenerateRequest (the engine's public API, unchanged) plus
 * the run's hooks (signal, events, previews' latents, traces). What it returns: the contract's
 * GenerateResult, float pixels included.
 */
import type { NoiseSource } from "../../core/scheduler";
import type { GenerateRequest, GenerateResult, PipelineEvent } from "../../contract/worker-protocol";
import type { GrayImage, RgbaImage } from "../../imaging/image";
import type { FinalDecoder } from "./vae-stages";

export type { PromptInput, SchedulerChoice, StageTimings } from "../../contract/worker-protocol";

/** How one run reports and is controlled; none of it is part of the request itself. */
export interface RunHooks {
  signal?: AbortSignal;
  /** `stage` and `step` events, as the contract defines them (the worker forwards them unchanged). */
  onEvent?: (event: PipelineEvent) => void;
  /** After each step: the scheduler's estimate of the clean latents, for live previews. */
  onLatents?: (latents: StepLatents) => void;
  /** Debugging/parity: every intermediate tensor, named as in diffusers' reference runs. */
  onTrace?: (event: TraceEvent) => void;
  /**
   * Noise sources (objects that cannot cross postMessage): one = diffusers' single generator, an
   * array = one per image. Takes precedence over the request's noiseDraws/seeds/seed.
   */
  noise?: NoiseSource | NoiseSource[];
  /** Largest UNet batch per session.run; default from the backend (1 on wasm). Results do not depend on it. */
  unetBatchSize?: number;
  /** Decodes the final latents instead of the model's VAE (the Fast finish: TAESD). */
  finalDecoder?: FinalDecoder;
}

/** The latents a step leaves behind (the preview's input). */
export interface StepLatents {
  step: number;
  totalSteps: number;
  /** The scheduler's estimate of the clean latents after this step: [B, 4, h, w] float32. */
  predOriginalSample: Float32Array;
  latentShape: readonly number[];
}

/** A request for any mode (its `mode` is what the method or pipeline is) with the run's hooks. */
export type CommonGenerationOptions = Omit<GenerateRequest, "mode"> & RunHooks;

export type TextToImageOptions = CommonGenerationOptions & { width: number; height: number };

export type Img2ImgOptions = CommonGenerationOptions & { image: RgbaImage; strength: number; strengthRule?: StrengthRule };

/**
 * How strength picks the timesteps. "stable-diffusion" (default, diffusers'
 * StableDiffusionImg2Img/InpaintPipeline `get_timesteps`): the last int(n·strength) of the n-step
 * schedule run. "latent-consistency" (LatentConsistencyModelImg2ImgPipeline, LCMScheduler only):
 * the distillation schedule is cut to int(50·strength) and all n steps run.
 */
export type StrengthRule = "stable-diffusion" | "latent-consistency";

export type InpaintOptions = CommonGenerationOptions & { image: RgbaImage; mask: GrayImage; strengthRule?: StrengthRule };

export interface TraceEvent {
  /** diffusers-side name: "init_image", "mask_latent", "latents_init", "unet_in", "latents", "output", … */
  name: string;
  /** Step index for per-step tensors, or the call index for repeated ones (vae_encoder_out). */
  index?: number;
  data: Float32Array;
  dims: readonly number[];
}

/** What a pipeline returns: the contract's result with the float pixels always present. */
export type PipelineOutput = GenerateResult & { pixels: Float32Array };
