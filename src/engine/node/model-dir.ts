/**
 * Node only: a model folder in the diffusers/Optimum ONNX layout (model-layout.ts) → what
 * StableDiffusionEngine.load takes. Layout:
 *   text_encoder/model.onnx   unet/model.onnx (4 or 9 channels)   [unet_inpaint/model.onnx]
 *   vae_encoder/model.onnx    vae_decoder/model.onnx
 *   tokenizer/ (vocab.json + merges.txt [+ special_tokens_map.json, tokenizer_config.json] or tokenizer.json)
 *   scheduler/scheduler_config.json
 *   optional <component>/config.json (unet in_channels and time_cond_proj_dim, vae scaling_factor)
 * A UNet whose graph has `timestep_cond` (an LCM export) is run by the LCM pipelines; its
 * scheduler is LCMScheduler built from the folder's config.
 * Graphs are given to the runtime as file paths; weights beside a graph (model.onnx_data,
 * weights.pb) are passed as ONNX external data.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SchedulerConfig } from "../../core/scheduler";
import type { ModelSource } from "../runtime/backend";
import { MODEL_PART_FOLDERS, SCHEDULER_CONFIG_PATH, SD15_SCHEDULER_CONFIG, sourcesFromLayout } from "../model-layout";
import type { StableDiffusionSettings, StableDiffusionSources } from "../stable-diffusion-models";
import { ClipTokenizer } from "../tokenizer";
import { InvalidInputError } from "../errors";

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

/** A graph file and the external weights beside it, or undefined when the folder lacks it. */
function graphSource(dir: string, graphPath: string): ModelSource | undefined {
  const path = join(dir, graphPath);
  if (!existsSync(path)) return undefined;
  const folder = dirname(path);
  const external = readdirSync(folder).filter((f) => f === "weights.pb" || f.endsWith(".onnx_data") || f === "model.onnx.data");
  return {
    name: graphPath,
    url: path,
    externalData: external.length ? external.map((f) => ({ path: f, data: join(folder, f) })) : undefined,
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
  const sources = sourcesFromLayout(
    (_part, graphPath) => graphSource(dir, graphPath),
    (graphPath) => new InvalidInputError(`The model folder ${dir} has no ${graphPath}.`),
  );

  let schedulerConfig = readJson(join(dir, SCHEDULER_CONFIG_PATH)) as SchedulerConfig | null;
  if (!schedulerConfig) {
    schedulerConfig = SD15_SCHEDULER_CONFIG;
    notes.push(`no ${SCHEDULER_CONFIG_PATH}: using Stable Diffusion 1.5's DDIM settings`);
  }
  const tokenizer = readTokenizer(dir);
  if (!tokenizer) notes.push("no tokenizer/ folder: prompts must be given as token ids");

  const unetConfig = (part: "unet" | "unetInpaint", key: string) => {
    const value = readJson(join(dir, MODEL_PART_FOLDERS[part], "config.json"))?.[key];
    return typeof value === "number" ? value : undefined;
  };
  const inChannels = (part: "unet" | "unetInpaint") => unetConfig(part, "in_channels");
  const timeCondProjDim = unetConfig("unet", "time_cond_proj_dim");
  if (timeCondProjDim !== undefined && schedulerConfig._class_name !== "LCMScheduler") {
    notes.push(`unet/config.json has time_cond_proj_dim ${timeCondProjDim} (an LCM UNet): sampling with LCMScheduler from the folder's scheduler settings`);
  }
  const vaeConfig = readJson(join(dir, "vae_decoder", "config.json")) ?? readJson(join(dir, "vae", "config.json"));
  const scaling = vaeConfig?.scaling_factor;
  return {
    sources,
    settings: {
      schedulerConfig,
      tokenizer,
      vaeScalingFactor: typeof scaling === "number" ? scaling : undefined,
      unetInChannels: { unet: inChannels("unet"), unetInpaint: inChannels("unetInpaint") },
      unetTimeCondProjDim: timeCondProjDim,
    },
    notes,
  };
}
