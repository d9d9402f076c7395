/**
 * Node: a model folder (the tiny fixtures, or `--model-dir DIR` in the diffusers/Optimum ONNX
 * layout) → a BenchModel. Sources are file paths, as the CLI gives them (both onnxruntime-web's
 * Node build and onnxruntime-node read paths and external data themselves). FLOPs need the
 * architecture: read from the folder's config.json files, else the tiny fixtures' combined
 * config.json, else guessed from the text encoder's width (768 → SD 1.x, 1024 → SD 2.x).
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { readModelDir } from "../../src/engine/node/model-dir";
import type { ClipTokenizerFiles } from "../../src/engine/tokenizer";
import { BENCH_PROMPT, type BenchModel, type ModelArchitecture, type TaesdSources } from "../stages/bench-inputs";
import { SD15_TEXT_ENCODER, SD15_UNET, SD2_TEXT_ENCODER, SD_TURBO_UNET, SD_VAE } from "./flops";
import { buildConvProbe, buildTaesdDecoder, buildTaesdEncoder } from "./synthetic-models";

export const REPO_ROOT = resolve(import.meta.dirname, "../..");
export const TINY_MODELS_DIR = join(REPO_ROOT, "test/fixtures/tiny-sd/models");
export const CLIP_TOKENIZER_DIR = join(REPO_ROOT, "test/fixtures/clip-tokenizer");

function readJson(path: string): Record<string, any> | null {
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : null;
}

export function clipTokenizerFiles(): ClipTokenizerFiles {
  const read = (name: string) => readFileSync(join(CLIP_TOKENIZER_DIR, name), "utf8");
  return { vocab: read("vocab.json"), merges: read("merges.txt"), specialTokensMap: read("sd1/special_tokens_map.json") };
}

/** Built once per process: ~5 MB each, deterministic. */
let synthetic: { taesdEncoder: Uint8Array; taesdDecoder: Uint8Array; convProbe: Uint8Array } | null = null;
export function syntheticGraphs() {
  synthetic ??= { taesdEncoder: buildTaesdEncoder(), taesdDecoder: buildTaesdDecoder(), convProbe: buildConvProbe() };
  return synthetic;
}

function taesdFrom(dir: string | null): TaesdSources {
  if (dir) {
    const enc = join(dir, "vae_encoder/model.onnx");
    const dec = join(dir, "vae_decoder/model.onnx");
    if (!existsSync(enc) || !existsSync(dec)) throw new Error(`--taesd-dir ${dir} needs vae_encoder/model.onnx and vae_decoder/model.onnx (the layout of deinferno/taesd-onnx).`);
    return { encoder: { name: "taesd/vae_encoder/model.onnx", url: enc }, decoder: { name: "taesd/vae_decoder/model.onnx", url: dec }, synthetic: false };
  }
  const graphs = syntheticGraphs();
  return {
    encoder: { name: "synthetic TAESD encoder", bytes: graphs.taesdEncoder },
    decoder: { name: "synthetic TAESD decoder", bytes: graphs.taesdDecoder },
    synthetic: true,
  };
}

function architectureOf(dir: string): { architecture: ModelArchitecture; note?: string } {
  const combined = readJson(join(dir, "config.json")); // the tiny fixtures keep every config in one file
  const unet = readJson(join(dir, "unet/config.json")) ?? readJson(join(dir, "unet_inpaint/config.json")) ?? combined?.unet;
  const vae = readJson(join(dir, "vae_decoder/config.json")) ?? readJson(join(dir, "vae/config.json")) ?? combined?.vae;
  const textEncoder = readJson(join(dir, "text_encoder/config.json")) ?? combined?.text_encoder;
  if (unet && vae && textEncoder) return { architecture: { unet: unet as any, vae: vae as any, textEncoder: textEncoder as any } };
  const width = textEncoder?.hidden_size;
  if (width === 768 || width === 1024 || (!unet && !vae)) {
    const sd2 = width === 1024;
    return {
      architecture: { unet: unet ?? (sd2 ? SD_TURBO_UNET : SD15_UNET), vae: vae ?? SD_VAE, textEncoder: textEncoder ?? (sd2 ? SD2_TEXT_ENCODER : SD15_TEXT_ENCODER) },
      note: `no config.json for every network in ${dir}: FLOPs assume the ${sd2 ? "SD 2.x / SD-Turbo" : "SD 1.x"} architecture`,
    };
  }
  return { architecture: { unet, vae, textEncoder } };
}

export interface NodeModelOptions {
  dir: string;
  label: string;
  taesdDir: string | null;
}

export function loadBenchModel(o: NodeModelOptions): { model: BenchModel; notes: string[] } {
  const contents = readModelDir(o.dir);
  const notes = [...contents.notes];
  const { architecture, note } = architectureOf(o.dir);
  if (note) notes.push(note);
  const tokenIds = readJson(join(o.dir, "config.json"))?.token_ids as Record<string, number[]> | undefined;
  const hasTokenizer = contents.settings.tokenizer !== undefined;
  const prompt = hasTokenizer || !tokenIds ? BENCH_PROMPT : { inputIds: Int32Array.from(tokenIds.prompt_a) };
  const negativePrompt = hasTokenizer || !tokenIds ? "" : { inputIds: Int32Array.from(tokenIds.empty) };
  const model: BenchModel = {
    label: o.label,
    sources: contents.sources,
    settings: contents.settings,
    architecture,
    taesd: taesdFrom(o.taesdDir ?? (existsSync(join(o.dir, "taesd")) ? join(o.dir, "taesd") : null)),
    convProbe: { name: "conv probe 320→320 3×3", bytes: syntheticGraphs().convProbe },
    tokenizerFiles: hasTokenizer ? null : clipTokenizerFiles(),
    prompt,
    negativePrompt,
  };
  return { model, notes };
}
