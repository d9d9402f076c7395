/**
 * Reads one tiny-sd case folder (case.json + .bin/.png files) and turns it into an engine request.
 * Everything comes from case.json, so other cases in the same format run through unchanged.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { GenerateRequest } from "../../../src/contract/worker-protocol";
import type { RunHooks } from "../../../src/engine/pipelines/options";
import type { SchedulerConfig } from "../../../src/core/scheduler";
import { readFloat32 } from "../../support/fixture-dirs";
import { readGrayPng, readRgbaPng } from "./png";
import { RecordedNoise, type NoiseDrawSpec } from "./recorded-noise";

interface FileSpec {
  file: string;
  shape: number[];
  dtype: string;
}

export interface TinyCase {
  name: string;
  dir: string;
  pipeline: string;
  unetModel: string;
  params: {
    num_inference_steps: number;
    strength: number | null;
    guidance_scale: number;
    height: number;
    width: number;
    num_images_per_prompt: number;
    vae_scaling_factor: number;
  };
  scheduler: { class_name: string; config: SchedulerConfig; timesteps_used: number[] };
  tokenIds: { prompt: number[]; negative: number[] | null };
  inputs: { image_png?: string; mask_png?: string };
  noiseDraws: NoiseDrawSpec[];
  vaeEncoderOutputs: { input: string; file: string; shape: number[] }[];
  /** LCM cases also record each step's `denoised`. */
  steps: { i: number; t: number; unet_in: FileSpec; unet_out: FileSpec; latents: FileSpec; denoised?: FileSpec }[];
  files: Record<string, FileSpec>;
  outputPngs: string[];
}

export function readTinyCase(dir: string): TinyCase {
  const path = join(dir, "case.json");
  let raw: Record<string, any>;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`Unreadable case ${path}: ${(error as Error).message}`);
  }
  const required = ["name", "pipeline", "unet_model", "params", "scheduler", "token_ids", "noise_draws", "steps", "files"];
  const missing = required.filter((k) => raw[k] === undefined);
  if (missing.length) throw new Error(`Unreadable case ${path}: missing ${missing.join(", ")}`);
  return {
    name: raw.name,
    dir,
    pipeline: raw.pipeline,
    unetModel: raw.unet_model,
    params: raw.params,
    scheduler: raw.scheduler,
    tokenIds: raw.token_ids,
    inputs: raw.inputs ?? {},
    noiseDraws: raw.noise_draws,
    vaeEncoderOutputs: raw.vae_encoder_outputs ?? [],
    steps: raw.steps,
    files: raw.files,
    outputPngs: raw.output_pngs ?? [],
  };
}

/** A stored tensor of the case, by its `files` key; null when the case does not have it. */
export function caseTensor(c: TinyCase, key: string): { data: Float32Array; shape: number[] } | null {
  const spec = c.files[key];
  if (!spec) return null;
  return readSpec(c, spec);
}

export function readSpec(c: TinyCase, spec: { file: string; shape: number[] }): { data: Float32Array; shape: number[] } {
  const path = join(c.dir, spec.file);
  if (!existsSync(path)) throw new Error(`Case ${c.name}: ${spec.file} is listed in case.json but missing.`);
  const data = readFloat32(path);
  const expected = spec.shape.reduce((a, b) => a * b, 1);
  if (data.length !== expected) throw new Error(`Case ${c.name}: ${spec.file} has ${data.length} values, case.json says [${spec.shape}].`);
  return { data, shape: spec.shape };
}

export function schedulerConfigOf(c: TinyCase): SchedulerConfig {
  return { ...c.scheduler.config, _class_name: c.scheduler.class_name };
}

/** The engine request that reproduces the case, with the recorded noise replayed (a run hook). */
export function requestFor(c: TinyCase, noise: RecordedNoise): GenerateRequest & RunHooks {
  const common = {
    prompt: { inputIds: Int32Array.from(c.tokenIds.prompt) },
    // Without CFG the reference stores no negative ids (null): the pipeline does not use one.
    negativePrompt: c.tokenIds.negative ? { inputIds: Int32Array.from(c.tokenIds.negative) } : undefined,
    numInferenceSteps: c.params.num_inference_steps,
    guidanceScale: c.params.guidance_scale,
    numImagesPerPrompt: c.params.num_images_per_prompt,
    noise,
  };
  switch (c.pipeline) {
    case "StableDiffusionPipeline":
    case "LatentConsistencyModelPipeline":
      return { mode: "text-to-image", ...common, width: c.params.width, height: c.params.height };
    case "StableDiffusionImg2ImgPipeline":
    case "LatentConsistencyModelImg2ImgPipeline":
      return { mode: "img2img", ...common, image: readRgbaPng(join(c.dir, need(c, c.inputs.image_png, "inputs.image_png"))), strength: c.params.strength ?? 1 };
    case "StableDiffusionInpaintPipeline":
      return {
        mode: "inpaint",
        ...common,
        image: readRgbaPng(join(c.dir, need(c, c.inputs.image_png, "inputs.image_png"))),
        mask: readGrayPng(join(c.dir, need(c, c.inputs.mask_png, "inputs.mask_png"))),
        strength: c.params.strength ?? 1,
      };
    default:
      throw new Error(`Case ${c.name}: unknown pipeline "${c.pipeline}".`);
  }
}

function need(c: TinyCase, value: string | undefined, what: string): string {
  if (!value) throw new Error(`Case ${c.name}: case.json has no ${what}.`);
  return value;
}
