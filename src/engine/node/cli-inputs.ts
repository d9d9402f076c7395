/**
 * Everything genfill can check before it loads a model (seconds to minutes): the image and mask
 * files, the prompt against the folder's tokenizer and vocabulary, the step count against the
 * scheduler. Each problem is one sentence naming the option.
 */
import { readFileSync, statSync } from "node:fs";
import { createScheduler } from "../../core/create-scheduler";
import { checkInferenceSteps } from "../../core/step-limit";
import type { SchedulerConfig } from "../../core/scheduler";
import { decodePng } from "../../imaging/png";
import type { GrayImage, RgbaImage } from "../../imaging/image";
import { DEFAULT_GUIDANCE_SCALE } from "../pipelines/run-setup";
import type { PromptInput } from "../pipelines/options";
import { CliUsageError, type CliOptions } from "./cli-args";
import type { ModelDirContents } from "./model-dir";

/** Reads a file named by an option, turning ENOENT/EISDIR/EACCES into one sentence. */
export function readInputFile(path: string, option: string): Uint8Array {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliUsageError(`${option} ${path}: no such file; check the path.`);
    throw new CliUsageError(`${option} ${path} cannot be read (${code ?? "error"}); check the path and its permissions.`);
  }
  if (!isFile) throw new CliUsageError(`${option} ${path} is a folder, not a PNG file.`);
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliUsageError(`${option} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}); check its permissions.`);
  }
}

export async function readImage(path: string, option: string): Promise<RgbaImage> {
  return decodePng(readInputFile(path, option), `${option} ${path}`);
}

/** A mask PNG as one channel: PIL's convert("L") like diffusers' mask processor (L = R·299/1000 + G·587/1000 + B·114/1000). */
export async function readMask(path: string, image: RgbaImage): Promise<GrayImage> {
  const rgba = await readImage(path, "--mask");
  if (rgba.width !== image.width || rgba.height !== image.height) {
    throw new CliUsageError(`--mask ${path} is ${rgba.width}×${rgba.height} but --image is ${image.width}×${image.height}; make the mask the same size as the image.`);
  }
  const data = new Uint8Array(rgba.width * rgba.height);
  for (let i = 0; i < data.length; i++) data[i] = Math.round((rgba.data[i * 4] * 299 + rgba.data[i * 4 + 1] * 587 + rgba.data[i * 4 + 2] * 114) / 1000);
  if (!data.some((v) => v >= 128)) throw new CliUsageError(`--mask ${path} has no white area, so nothing would be repainted: paint the area to fill white (255).`);
  return { width: rgba.width, height: rgba.height, data };
}

/** SD 1.x pads with the end token, which ends the ids given: "0,17,345,2" → 77 ids. */
function paddedIds(ids: readonly number[]): PromptInput {
  const out = new Int32Array(77).fill(ids[ids.length - 1]);
  out.set(ids.slice(0, 77));
  return { inputIds: out };
}

function checkVocabulary(ids: readonly number[] | undefined, option: string, vocabSize: number | undefined): void {
  if (!ids || vocabSize === undefined) return;
  const bad = ids.find((id) => id >= vocabSize);
  if (bad !== undefined) throw new CliUsageError(`${option}: id ${bad} is outside this model's vocabulary (ids 0 to ${vocabSize - 1}, text_encoder/config.json vocab_size).`);
}

export interface Prompts {
  prompt: PromptInput;
  negativePrompt?: PromptInput;
}

/** The prompts as the engine takes them, refused now when the folder cannot tokenize them. */
export function resolvePrompts(options: CliOptions, folder: ModelDirContents): Prompts {
  const hasTokenizer = folder.settings.tokenizer !== undefined;
  if (!hasTokenizer && options.prompt !== undefined) {
    throw new CliUsageError(`${options.modelDir} has no tokenizer/ folder, so --prompt cannot be read: give the prompt as --token-ids.`);
  }
  if (!hasTokenizer && options.negativePrompt !== undefined) {
    throw new CliUsageError(`${options.modelDir} has no tokenizer/ folder, so --negative-prompt cannot be read: give it as --negative-token-ids.`);
  }
  const guidance = options.guidance ?? DEFAULT_GUIDANCE_SCALE;
  // LCM folders take guidance as an embedding (no negative prompt); the engine knows for sure after loading.
  const lcm = folder.settings.unetTimeCondProjDim !== undefined || folder.settings.schedulerConfig._class_name === "LCMScheduler";
  if (!hasTokenizer && !lcm && guidance > 1 && options.negativeTokenIds === undefined) {
    throw new CliUsageError(
      `${options.modelDir} has no tokenizer/ folder, and guidance ${guidance} needs the empty negative prompt's ids: pass --negative-token-ids (e.g. BOS,EOS such as 0,2) or --guidance 1.`,
    );
  }
  checkVocabulary(options.tokenIds, "--token-ids", folder.facts.vocabSize);
  checkVocabulary(options.negativeTokenIds, "--negative-token-ids", folder.facts.vocabSize);
  return {
    prompt: options.tokenIds ? paddedIds(options.tokenIds) : options.prompt!,
    negativePrompt: options.negativeTokenIds ? paddedIds(options.negativeTokenIds) : options.negativePrompt,
  };
}

/** Unknown --scheduler names, step counts the schedule cannot take and a strength that leaves no step, refused before loading. */
export function checkSchedule(options: CliOptions, schedulerConfig: SchedulerConfig): void {
  const make = () => createScheduler(schedulerConfig, { className: options.scheduler });
  make();
  checkInferenceSteps(make, options.steps);
  // Strength slices the schedule: too little leaves no step, which the core says clearly; say it now.
  if (options.image) make().setTimesteps(options.steps, { strength: options.strength ?? (options.mask ? 1 : 0.6), strengthPipeline: "stable-diffusion" });
}
