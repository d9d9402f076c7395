/**
 * Node only: a model folder in the diffusers/Optimum ONNX layout (model-layout.ts) → what
 * loadEngineFromSources (the worker's loader) takes. Layout:
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
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SchedulerConfig } from "../../core/scheduler";
import type { GraphSource } from "../runtime/backend";
import { MODEL_PART_FOLDERS, SCHEDULER_CONFIG_PATH, SD15_SCHEDULER_CONFIG, sourcesFromLayout } from "../model-layout";
import type { StableDiffusionSettings, StableDiffusionSources } from "../stable-diffusion-models";
import { ClipTokenizer } from "../tokenizer";
import { InvalidInputError, ModelConfigError } from "../errors";
import { checkSchedulerNumbers, checkUnetInChannels, checkUnetSampleSize, checkVaeScalingFactor, checkVocabSize } from "../model-config-checks";
import type { MemoryModel } from "./memory-plan";

export interface ModelDirContents {
  sources: StableDiffusionSources;
  settings: StableDiffusionSettings;
  /** What was assumed because the folder did not say (shown by the CLI). */
  notes: string[];
  /** What the CLI plans sizes and memory with, from the folder's configs and file sizes. */
  facts: ModelDirFacts;
}

export interface ModelDirFacts {
  /** unet/config.json sample_size × 8, else Stable Diffusion 1.5's 512. */
  workingSide: number;
  /** Token ids must be below this (text_encoder/config.json vocab_size, when the folder has it). */
  vocabSize?: number;
  memory: MemoryModel;
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
function graphSource(dir: string, graphPath: string): GraphSource | undefined {
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
  if (!existsSync(dir)) throw new InvalidInputError(`Model folder not found: ${dir}. Give --model-dir the folder that holds text_encoder/, unet/ and vae_decoder/.`);
  if (!statSync(dir).isDirectory()) throw new InvalidInputError(`${dir} is a file, not a model folder: give --model-dir the folder that holds text_encoder/, unet/ and vae_decoder/.`);
  const notes: string[] = [];
  const sources = sourcesFromLayout(
    (_part, graphPath) => graphSource(dir, graphPath),
    (graphPath) => new InvalidInputError(`The model folder ${dir} has no ${graphPath}.`),
  );

  const schedulerJson = readJson(join(dir, SCHEDULER_CONFIG_PATH));
  let schedulerConfig: SchedulerConfig;
  if (schedulerJson) schedulerConfig = checkSchedulerNumbers(schedulerJson, SCHEDULER_CONFIG_PATH);
  else {
    schedulerConfig = SD15_SCHEDULER_CONFIG;
    notes.push(`no ${SCHEDULER_CONFIG_PATH}: using Stable Diffusion 1.5's DDIM settings`);
  }
  const tokenizer = readTokenizer(dir);
  if (!tokenizer) notes.push("no tokenizer/ folder: prompts must be given as token ids");

  const unetConfig = (part: "unet" | "unetInpaint") => readJson(join(dir, MODEL_PART_FOLDERS[part], "config.json"));
  const inChannels = (part: "unet" | "unetInpaint") => checkUnetInChannels(unetConfig(part)?.in_channels, `${MODEL_PART_FOLDERS[part]}/config.json`);
  const vaeFile = existsSync(join(dir, "vae_decoder", "config.json")) ? "vae_decoder/config.json" : "vae/config.json";
  const scaling = checkVaeScalingFactor(readJson(join(dir, vaeFile))?.scaling_factor, vaeFile);
  const timeCondProjDim = unetConfig("unet")?.time_cond_proj_dim;
  if (timeCondProjDim !== undefined && timeCondProjDim !== null && (!Number.isInteger(timeCondProjDim) || (timeCondProjDim as number) < 1)) {
    throw new ModelConfigError("unet/config.json", "time_cond_proj_dim", `is ${JSON.stringify(timeCondProjDim)}; it must be a whole number ≥ 1 (LCM UNets use 256)`);
  }
  if (typeof timeCondProjDim === "number" && schedulerConfig._class_name !== "LCMScheduler") {
    notes.push(`unet/config.json has time_cond_proj_dim ${timeCondProjDim} (an LCM UNet): sampling with LCMScheduler from the folder's scheduler settings`);
  }
  const mainUnet = unetConfig("unet") ?? unetConfig("unetInpaint");
  const sampleSize = checkUnetSampleSize(mainUnet?.sample_size, "unet/config.json");
  if (sampleSize === undefined) notes.push("no unet/config.json sample_size: larger inputs are planned down to 512 px (Stable Diffusion 1.5's size)");
  const vocabSize = checkVocabSize(readJson(join(dir, "text_encoder", "config.json"))?.vocab_size);
  return {
    sources,
    settings: {
      schedulerConfig,
      tokenizer,
      vaeScalingFactor: scaling,
      unetInChannels: { unet: inChannels("unet"), unetInpaint: inChannels("unetInpaint") },
      unetTimeCondProjDim: typeof timeCondProjDim === "number" ? timeCondProjDim : undefined,
    },
    notes,
    facts: {
      workingSide: (sampleSize ?? 64) * 8,
      vocabSize,
      memory: { weightBytes: folderBytes(sources), unetTopHeads: topAttentionHeads(mainUnet) },
    },
  };
}

/** Graph + external weight bytes of every part (what the runtime holds in memory). */
function folderBytes(sources: StableDiffusionSources): number {
  let total = 0;
  for (const source of Object.values(sources) as (GraphSource | undefined)[]) {
    if (!source) continue;
    if (typeof source.url === "string") total += statSync(source.url).size;
    for (const external of source.externalData ?? []) if (typeof external.data === "string") total += statSync(external.data).size;
  }
  return total;
}

/** Heads of the UNet's first (full-latent-resolution) block when it has attention: SD 1.5 has 8. */
function topAttentionHeads(config: Record<string, unknown> | null): number {
  const first = (config?.down_block_types as unknown[] | undefined)?.[0];
  if (typeof first !== "string" || !first.startsWith("CrossAttn")) return 0;
  const heads = config?.num_attention_heads ?? config?.attention_head_dim;
  const value = Array.isArray(heads) ? heads[0] : heads;
  return typeof value === "number" && value > 0 ? value : 8;
}
