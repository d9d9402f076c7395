/**
 * What the engine hands back: the pipelines build a GenerateResult themselves (the worker only adds
 * where it ran and drops what was not asked for), the removal and segmentation families their own.
 */
import type { EngineBackendName, Precision } from "./engine-reports";
import type { RemovalEngineName, SeedValue } from "./engine-requests";
import type { GrayImage, RgbaImage } from "./pixels";

/**
 * A result the content filter withheld: its pixels never left the worker, only its size and why.
 * The panel shows a "withheld" tile with `reason` in its place.
 */
export interface WithheldImage {
  withheld: true;
  reason: string;
  width: number;
  height: number;
}

export type ResultImage = RgbaImage | WithheldImage;

export function isWithheld(image: ResultImage): image is WithheldImage {
  return (image as Partial<WithheldImage>).withheld === true;
}

/** Milliseconds per stage of one run. */
export interface StageTimings {
  tokenize: number;
  textEncoder: number;
  vaeEncode: number;
  /** One entry per denoising step (UNet calls + guidance + scheduler). */
  unetSteps: number[];
  vaeDecode: number;
  total: number;
  /** Wall time inside session.run, all models. */
  sessionRun: number;
  /** total − sessionRun: pre/post-processing, scheduler, conversions. */
  outsideRun: number;
  /** Live previews (worker). */
  previews?: number;
  /** Content filter on the finished images (worker; absent when the model has none). */
  contentFilter?: number;
}

export interface GenerateResult {
  /** One per image of the batch, in seed order; a withheld one carries only its size and the reason. */
  images: ResultImage[];
  width: number;
  height: number;
  /**
   * True when the content classifier checked every image. False only for models without one
   * (development/test models): then nothing was checked, and the panel says so.
   */
  screened: boolean;
  /** [B, H, W, 3] float32 in [0, 1] (diffusers' output_type="np"): from the pipelines; across the worker only when asked for and nothing was withheld. */
  pixels?: Float32Array;
  /** The seed of each image when seeds were used (to re-make one image alone). */
  seeds: SeedValue[] | null;
  timesteps: number[];
  warnings: string[];
  timings: StageTimings;
  /** Where it ran (set by the worker). */
  backend?: EngineBackendName;
  precision?: Precision;
  /** WebGPU only: constant UNet inputs uploaded vs reused from GPU memory during this run. */
  residentInputs?: { uploads: number; reuses: number };
}

export interface RemoveResult {
  /** The region with the masked area filled; pixels outside the mask are the input's, bit for bit. */
  image: RgbaImage;
  engine: RemovalEngineName;
  /** Where it ran: the built-in fill always on the CPU; MI-GAN on the worker's device (WebGPU or wasm). */
  backend: EngineBackendName;
  timings: { total: number };
}

export interface SegmentResult {
  kind: "segmentation";
  /** 0 / 255, the picture's size. */
  mask: GrayImage;
  /** The model's own quality estimate of the chosen mask. */
  iouScore: number;
  /** True when this request computed the picture's embedding (its first click). */
  encoded: boolean;
  timings: { loadMs: number; encodeMs: number; decodeMs: number };
  backend: EngineBackendName;
}

/** `{ name, message }` of an Error subclass (e.g. "GpuDeviceLostError"); rebuilt by the client. */
export interface EngineFailure {
  name: string;
  message: string;
}
