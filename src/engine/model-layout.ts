/**
 * Where the parts of a Stable Diffusion model sit in the diffusers/Optimum ONNX folder layout, and
 * the scheduler settings to assume when a folder has none. Pure data and functions (no I/O), so the
 * Node folder reader, the browser's dev model and the test fixtures all read one layout:
 *   text_encoder/model.onnx   unet/model.onnx   [unet_inpaint/model.onnx]
 *   vae_encoder/model.onnx    vae_decoder/model.onnx   scheduler/scheduler_config.json
 */
import type { SchedulerConfig } from "../core/scheduler";
import type { GraphSource } from "./runtime/backend";
import type { StableDiffusionSources } from "./stable-diffusion-models";

/** One ONNX graph of a model, named as StableDiffusionSources names it. */
export type ModelPart = keyof StableDiffusionSources;

/** Part → folder, in the order they are loaded. */
export const MODEL_PART_FOLDERS: Readonly<Record<ModelPart, string>> = {
  textEncoder: "text_encoder",
  unet: "unet",
  unetInpaint: "unet_inpaint",
  vaeEncoder: "vae_encoder",
  vaeDecoder: "vae_decoder",
};

export const MODEL_PARTS = Object.keys(MODEL_PART_FOLDERS) as ModelPart[];

/** The graph's path inside the model folder, e.g. "unet/model.onnx". */
export function modelGraphPath(part: ModelPart): string {
  return `${MODEL_PART_FOLDERS[part]}/model.onnx`;
}

export const SCHEDULER_CONFIG_PATH = "scheduler/scheduler_config.json";

/**
 * Stable Diffusion 1.5's scheduler (DDIM settings, as its scheduler_config.json minus PNDM): used
 * when a folder has no scheduler config, by the tiny dev/test model, and as the tests' reference.
 */
export const SD15_SCHEDULER_CONFIG: Readonly<SchedulerConfig> = Object.freeze({
  _class_name: "DDIMScheduler",
  num_train_timesteps: 1000,
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: "scaled_linear",
  steps_offset: 1,
  clip_sample: false,
  set_alpha_to_one: false,
  prediction_type: "epsilon",
  timestep_spacing: "leading",
});

/**
 * The sources of every part `sourceOf` finds at its layout path. A model needs a text encoder, a
 * VAE decoder and at least one UNet; `missing(path)` makes the error for the first one absent.
 */
export function sourcesFromLayout(
  sourceOf: (part: ModelPart, graphPath: string) => GraphSource | undefined,
  missing: (graphPath: string) => Error,
): StableDiffusionSources {
  const found: Partial<StableDiffusionSources> = {};
  for (const part of MODEL_PARTS) {
    const source = sourceOf(part, modelGraphPath(part));
    if (source) found[part] = source;
    else if (part === "textEncoder" || part === "vaeDecoder") throw missing(modelGraphPath(part));
  }
  if (!found.unet && !found.unetInpaint) throw missing(modelGraphPath("unet"));
  return found as StableDiffusionSources;
}
