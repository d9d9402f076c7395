/**
 * What one bench run is given, the same in Node and in the Chromium page: the model's sources
 * (bytes or paths), its settings, its architecture (for FLOPs), TAESD and the conv probe, the
 * prompt, and a synthetic picture + mask. Pure data, no I/O here.
 */
import type { GraphSource } from "../../src/engine/runtime/backend";
import type { StableDiffusionSettings, StableDiffusionSources } from "../../src/engine/stable-diffusion-models";
import type { ClipTokenizerFiles } from "../../src/engine/tokenizer";
import type { PromptInput } from "../../src/engine/pipelines/options";
import { createGrayImage, createRgbaImage, type GrayImage, type RgbaImage } from "../../src/imaging/image";
import type { TextEncoderArchitecture, UNetArchitecture, VaeArchitecture } from "../lib/flops";

export interface ModelArchitecture {
  unet?: UNetArchitecture;
  vae?: VaeArchitecture;
  textEncoder?: TextEncoderArchitecture;
}

export interface TaesdSources {
  encoder: GraphSource;
  decoder: GraphSource;
  /** true: random-weight graphs with TAESD's layers (timing only). */
  synthetic: boolean;
}

export interface BenchModel {
  /** "tiny-sd" or the folder given with --model-dir. */
  label: string;
  sources: StableDiffusionSources;
  settings: StableDiffusionSettings;
  architecture: ModelArchitecture;
  taesd: TaesdSources | null;
  convProbe: GraphSource;
  /** For the tokenize stage when the model folder has no tokenizer (the tiny fixtures). */
  tokenizerFiles: ClipTokenizerFiles | null;
  prompt: PromptInput;
  negativePrompt: PromptInput;
}

/** The prompt the bench tokenizes (an ordinary one: ~15 tokens, punctuation, no mojibake). */
export const BENCH_PROMPT = "a cosy reading corner with a green armchair, warm afternoon light, 35mm photo";

/** A gradient with two shapes, like the fixtures' formula image: something a VAE can encode. */
export function syntheticImage(width: number, height: number): RgbaImage {
  const image = createRgbaImage(width, height);
  const d = image.data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const inBox = x >= width / 8 && x < (3 * width) / 8 && y >= height / 2 && y < (7 * height) / 8;
      d[i] = inBox ? 230 : (255 * x) / Math.max(1, width - 1);
      d[i + 1] = inBox ? 40 : (255 * y) / Math.max(1, height - 1);
      d[i + 2] = inBox ? 40 : 127.5 + 127.5 * Math.sin((4 * Math.PI * (x + y)) / (width + height));
      d[i + 3] = 255;
    }
  }
  return image;
}

/** An ellipse over the middle third: the "fill this area" selection. 255 = repaint. */
export function syntheticMask(width: number, height: number): GrayImage {
  const mask = createGrayImage(width, height);
  const cx = width / 2;
  const cy = height / 2;
  const rx = width / 3;
  const ry = height / 4;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = (x + 0.5 - cx) / rx;
      const dy = (y + 0.5 - cy) / ry;
      mask.data[y * width + x] = dx * dx + dy * dy <= 1 ? 255 : 0;
    }
  }
  return mask;
}
