/**
 * Node only: a model folder in the diffusers/Optimum ONNX layout → what StableDiffusionEngine.load
 * takes. Layout:
 *   text_encoder/model.onnx   unet/model.onnx (4 or 9 channels)   [unet_inpaint/model.onnx]
 *   vae_encoder/model.onnx    vae_decoder/model.onnx
 *   tokenizer/ (vocab.json + merges.txt [+ special_tokens_map.json, tokenizer_config.json] or tokenizer.json)
 *   scheduler/scheduler_config.json
 *   optional <component>/config.json (unet in_channels, vae scaling_factor)
 * Graphs are given to the runtime as file paths; weights beside a graph (model.onnx_data,
 * weights.pb) are passed as ONNX external data.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SchedulerConfig } from "../../core/scheduler";
import type { ModelSource } from "../runtime/backend";
import type { StableDiffusionSettings, StableDiffusionSources } from "../stable-diffusion-models";
import { ClipTokenizer } from "../tokenizer";
import { InvalidInputError } from "../errors";

/** Stable Diffusion 1.5's scheduler settings, used when the folder has no scheduler_config.json. */
export const SD15_SCHEDULER_DEFAULTS: SchedulerConfig = {
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
};

export interface ModelDirContents {
  sources: StableDiffusionSources;
  settings: StableDiffusionSettings;
  /** What was assumed because the folder did not say (shown by the CLI). */
  notes: string[];
}

function readJson(path: string): Record<string, unknown> | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new InvalidInputError(`${path} is not valid JSON (${(error as Error).message}).`);
  }
}

function component(dir: string, folder: string, required: boolean): ModelSource | undefined {
  const path = join(dir, folder, "model.onnx");
  if (!existsSync(path)) {
    if (required) throw new InvalidInputError(`The model folder ${dir} has no ${folder}/model.onnx.`);
    return undefined;
  }
  const external = readdirSync(join(dir, folder)).filter((f) => f === "weights.pb" || f.endsWith(".onnx_data") || f === "model.onnx.data");
  return {
    name: `${folder}/model.onnx`,
    url: path,
    externalData: external.length ? external.map((f) => ({ path: f, data: join(dir, folder, f) })) : undefined,
  };
}

function readTokenizer(dir: string): ClipTokenizer | undefined {
  const folder = join(dir, "tokenizer");
  const text = (name: string) => (existsSync(join(folder, name)) ? readFileSync(join(folder, name), "utf8") : undefined);
  const vocab = text("vocab.json");
  const merges = text("merges.txt");
  const specialTokensMap = text("special_tokens_map.json");
  const tokenizerConfig = text("tokenizer_config.json");
  if (vocab && merges) return ClipTokenizer.fromFiles({ vocab, merges, specialTokensMap, tokenizerConfig });
  const json = text("tokenizer.json");
  if (json) return ClipTokenizer.fromTokenizerJson(json, { specialTokensMap, tokenizerConfig });
  return undefined;
}

export function readModelDir(dir: string): ModelDirContents {
  if (!existsSync(dir)) throw new InvalidInputError(`Model folder not found: ${dir}`);
  const notes: string[] = [];
  const sources: StableDiffusionSources = {
    textEncoder: component(dir, "text_encoder", true)!,
    unet: component(dir, "unet", false),
    unetInpaint: component(dir, "unet_inpaint", false),
    vaeEncoder: component(dir, "vae_encoder", false),
    vaeDecoder: component(dir, "vae_decoder", true)!,
  };
  if (!sources.unet && !sources.unetInpaint) throw new InvalidInputError(`The model folder ${dir} has no unet/model.onnx.`);

  let schedulerConfig = readJson(join(dir, "scheduler", "scheduler_config.json")) as SchedulerConfig | null;
  if (!schedulerConfig) {
    schedulerConfig = SD15_SCHEDULER_DEFAULTS;
    notes.push("no scheduler/scheduler_config.json: using Stable Diffusion 1.5's DDIM settings");
  }
  const tokenizer = readTokenizer(dir);
  if (!tokenizer) notes.push("no tokenizer/ folder: prompts must be given as token ids");

  const inChannels = (folder: string) => {
    const value = readJson(join(dir, folder, "config.json"))?.in_channels;
    return typeof value === "number" ? value : undefined;
  };
  const vaeConfig = readJson(join(dir, "vae_decoder", "config.json")) ?? readJson(join(dir, "vae", "config.json"));
  const scaling = vaeConfig?.scaling_factor;
  return {
    sources,
    settings: {
      schedulerConfig,
      tokenizer,
      vaeScalingFactor: typeof scaling === "number" ? scaling : undefined,
      unetInChannels: { unet: inChannels("unet"), unetInpaint: inChannels("unet_inpaint") },
    },
    notes,
  };
}
