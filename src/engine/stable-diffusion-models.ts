/**
 * The loaded parts of one Stable Diffusion model. Sessions are created once here and reused by
 * every run; which UNet serves which pipeline is decided by its input channels.
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

export async function loadStableDiffusionModels(
  backend: ExecutionBackend,
  sources: StableDiffusionSources,
  settings: StableDiffusionSettings,
): Promise<StableDiffusionModels> {
  if (!sources.unet && !sources.unetInpaint) throw new InvalidInputError("No UNet given: a model needs unet/model.onnx.");
  // One at a time: peak memory while loading is one model's graph, not four.
  const textEncoder = await TextEncoderModel.load(backend, sources.textEncoder);
  const unets: UNetModel[] = [];
  if (sources.unet) {
    unets.push(await UNetModel.load(backend, sources.unet, { inChannels: settings.unetInChannels?.unet, timeCondProjDim: settings.unetTimeCondProjDim }));
  }
  if (sources.unetInpaint) unets.push(await UNetModel.load(backend, sources.unetInpaint, { inChannels: settings.unetInChannels?.unetInpaint }));
  const vaeEncoder = sources.vaeEncoder ? await VaeEncoderModel.load(backend, sources.vaeEncoder) : null;
  const vaeDecoder = await VaeDecoderModel.load(backend, sources.vaeDecoder);
  return {
    backend,
    textEncoder,
    unet: unets.find((u) => u.inChannels === 4) ?? null,
    inpaintUnet: unets.find((u) => u.inChannels === 9) ?? null,
    vaeEncoder,
    vaeDecoder,
    tokenizer: settings.tokenizer ?? null,
    schedulerConfig: settings.schedulerConfig,
    vaeScalingFactor: settings.vaeScalingFactor ?? SD_VAE_SCALING_FACTOR,
  };
}

/** Frees every session (e.g. before switching models, or after an out-of-memory). */
export async function releaseStableDiffusionModels(models: StableDiffusionModels): Promise<void> {
  const sessions = [models.textEncoder, models.unet, models.inpaintUnet, models.vaeEncoder, models.vaeDecoder];
  for (const part of sessions) if (part) await part.session.release();
}
