/**
 * What the panel asks the engine to do: generate, remove, segment. These plain-data types are the
 * engine's public API: the worker passes them to the pipelines unchanged (a pipeline takes the
 * request plus run hooks: signal and events), so there is no second, engine-side request type.
 */
import type { GrayImage, RgbaImage } from "./pixels";
import type { SegmentationSource } from "./model-spec";

export type GenerationMode = "text-to-image" | "img2img" | "inpaint";

/** A prompt as text (needs the model's tokenizer) or as token ids (e.g. the tiny test models). */
export type PromptInput = string | { inputIds: Int32Array };

/** A torch-compatible seed; a bigint keeps seeds above 2^53 exact. */
export type SeedValue = number | bigint;

/**
 * diffusers' `OtherScheduler.from_config(pipe.scheduler.config, **overrides)`: the model's config
 * (or `config`), with `className` replacing `_class_name` and `overrides` applied on top.
 */
export interface SchedulerChoice {
  className?: string;
  config?: Record<string, unknown>;
  overrides?: Record<string, unknown>;
}

export interface GenerateRequest {
  mode: GenerationMode;
  prompt: PromptInput;
  /** Default "" (the unconditional embedding). Only used when guidanceScale > 1. */
  negativePrompt?: PromptInput;
  numInferenceSteps: number;
  /** Classifier-free guidance; ≤ 1 turns it off (half the UNet work). Default 7.5. */
  guidanceScale?: number;
  /** img2img / inpaint: 0–1, how much of the schedule runs (1 = ignore the image's content). */
  strength?: number;
  /** Images from one prompt, 1–4. Default 1, or seeds.length. */
  numImagesPerPrompt?: number;
  /**
   * Randomness, first match wins: `noiseDraws` (replayed draws in call order: reference runs,
   * tests); `seeds`, one torch-compatible generator per image (image k can be re-made alone from
   * seeds[k]); `seed`, one generator for the batch (diffusers' `generator=torch.manual_seed(seed)`).
   * Default: a random seed, reported in the result.
   */
  noiseDraws?: Float32Array[];
  seeds?: SeedValue[];
  seed?: SeedValue;
  /** text-to-image size (multiples of 8). */
  width?: number;
  height?: number;
  /** img2img / inpaint source. */
  image?: RgbaImage;
  /** inpaint: same size as image; 0 = keep, 255 = repaint; binarised at 128. */
  mask?: GrayImage;
  /** Another sampler than the model's scheduler_config.json, or other settings for it. */
  scheduler?: SchedulerChoice;
  /** Live previews: on by default, thumbnails at most `maxSize` px on the long side (≤ 128). */
  preview?: { enabled?: boolean; maxSize?: number };
  /**
   * "full" (default): the model's VAE decodes the result. "fast": TAESD does when it is loaded
   * (about 1/18 of the decode work at 512², softer detail); without it the VAE does, with a notice.
   */
  finish?: "full" | "fast";
  /** Also return the float pixels [B, H, W, 3] in [0, 1] (tests, parity). */
  includeFloatPixels?: boolean;
}

/**
 * Remove: repaint the masked area from its surroundings, no prompt. The region and its mask are
 * what the panel planned (a crop with context); `engine` "built-in" is the exemplar fill
 * (src/imaging/exemplar-fill.ts), which needs no model and no download; "migan" is the removal
 * model once downloaded (src/engine/removal/).
 */
export interface RemoveRequest {
  image: RgbaImage;
  /** 0 keep … 255 remove; any value above 0 is filled. Same size as `image`. */
  mask: GrayImage;
  engine?: RemovalEngineName;
  seed?: number;
}

/** "built-in": the exemplar fill (no model); "migan": MI-GAN from the model cache (catalogue "migan-512-places2"). */
export type RemovalEngineName = "built-in" | "migan";

/** Click-to-select: points (1 = object, 0 = not) and/or a box on a picture, in the picture's px. */
export interface SegmentRequest {
  model: SegmentationSource;
  /** Names the picture: its embedding is computed once per key and kept for the next clicks. */
  imageKey: string;
  /** The picture; required when the worker does not hold this key's embedding yet. */
  image?: RgbaImage;
  points: { x: number; y: number; label: 0 | 1 }[];
  box?: { x0: number; y0: number; x1: number; y1: number };
}

/**
 * The one request union: what the engine can be asked to do, one kind per model family
 * (DESIGN.md). Each kind answers with the same EngineEvent kinds (engine-events.ts).
 */
export type EngineRequest =
  | { type: "generate"; request: GenerateRequest }
  | { type: "remove"; request: RemoveRequest }
  | { type: "segment"; request: SegmentRequest };

export type TestFault =
  /** `device.destroy()` right after this step's progress event (1-based). */
  { kind: "device-lost"; afterStep: number }
  /** An allocation failure (OutOfMemoryError) right after this step's progress event, once. */
  | { kind: "out-of-memory"; afterStep: number }
  /** An allocation failure at the start of the next request of this type, once. */
  | { kind: "out-of-memory"; on: "segment" | "remove" };
