/**
 * The loaded parts of one Stable Diffusion model, and what a model given as graph sources is made
 * of. Sessions are created by the one loader (worker/component-set.ts) and reused by every run;
 * which UNet serves which pipeline is decided by its input channels.
 */
import type { SchedulerConfig } from "../core/scheduler";
import type { ExecutionBackend, GraphSource } from "./runtime/backend";
import type { PromptTokenizer } from "./tokenizer-port";
import { TextEncoderModel } from "./components/text-encoder";
import { UNetModel } from "./components/unet";
import { VaeDecoderModel, VaeEncoderModel } from "./components/vae";
import { InvalidInputError } from "./errors";

export interface StableDiffusionSources {
  textEncoder: GraphSource;
  /** A 4-channel (text-to-image/img2img) or 9-channel (inpainting) UNet. */
  unet?: GraphSource;
  /** A second UNet, typically the inpainting one next to a plain one. */
  unetInpaint?: GraphSource;
  /** Needed by img2img and inpainting. */
  vaeEncoder?: GraphSource;
  vaeDecoder: GraphSource;
}

export interface StableDiffusionSettings {
  /** scheduler/scheduler_config.json (with `_class_name`). */
  schedulerConfig: SchedulerConfig;
  tokenizer?: PromptTokenizer;
  /** vae/config.json `scaling_factor`; 0.18215 for SD 1.x/2.x. */
  vaeScalingFactor?: number;
  /** unet/config.json `in_channels` per source, when known (skips probing). */
  unetInChannels?: { unet?: number; unetInpaint?: number };
  /** unet/config.json `time_cond_proj_dim` (LCM), used when the graph's `timestep_cond` length is symbolic. */
  unetTimeCondProjDim?: number;
}

export interface StableDiffusionModels {
  readonly backend: ExecutionBackend;
  readonly textEncoder: TextEncoderModel;
  /** 4 input channels: text-to-image, img2img and legacy (latent-blending) inpainting. */
  readonly unet: UNetModel | null;
  /** 9 input channels: inpainting. */
  readonly inpaintUnet: UNetModel | null;
  readonly vaeEncoder: VaeEncoderModel | null;
  readonly vaeDecoder: VaeDecoderModel;
  readonly tokenizer: PromptTokenizer | null;
  readonly schedulerConfig: SchedulerConfig;
  readonly vaeScalingFactor: number;
}

export const SD_VAE_SCALING_FACTOR = 0.18215;

/** Frees every session (e.g. before switching models, or after an out-of-memory). */
export async function releaseStableDiffusionModels(models: StableDiffusionModels): Promise<void> {
  const sessions = [models.textEncoder, models.unet, models.inpaintUnet, models.vaeEncoder, models.vaeDecoder];
  for (const part of sessions) if (part) await part.session.release();
}
