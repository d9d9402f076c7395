/**
 * What the engine loads, described as plain data: a model by its files (ModelSpec) or by its
 * catalogue id (already in the browser's model cache), the live-preview decoder and the
 * segmentation model. Part of the engine's public API (src/contract/README.md).
 */
import type { Precision } from "./engine-reports";

/** A model file: fetched by the worker from a URL, or handed over as bytes (transferred). */
export type FileRef = { url: string } | { bytes: Uint8Array };

/** The parts of a Stable Diffusion model, named as the engine's StableDiffusionSources. */
export type ComponentName = "textEncoder" | "unet" | "unetInpaint" | "vaeEncoder" | "vaeDecoder";

export interface MemoryFigures {
  /** Peak GPU memory of the whole pipeline, bytes (estimate). */
  gpuBytes: number;
  /** Peak wasm heap on the CPU path, bytes (estimate). */
  wasmHeapBytes: number;
}

export interface VariantSpec {
  /** e.g. "fp16", "fp32". */
  id: string;
  precision: Precision;
  files: Partial<Record<ComponentName, FileRef>>;
  /** When unknown the worker estimates from file sizes. */
  memory?: MemoryFigures;
  /** Largest single GPU buffer the variant needs (its biggest weight), bytes. */
  minMaxBufferSize?: number;
  /** False when the variant can never run on wasm (fp16 graph); true/undefined → decided by memory. */
  cpuPossible?: boolean;
}

/** A model described in full (tests, development servers, models outside the catalogue). */
export interface ModelSpec {
  id: string;
  displayName?: string;
  /** diffusers scheduler_config.json, with `_class_name`. */
  schedulerConfig: Record<string, unknown>;
  /** 0.18215 for SD 1.x/2.x (default). */
  vaeScalingFactor?: number;
  /** CLIP tokenizer files; without them prompts must be given as token ids. */
  tokenizer?: { vocab: FileRef; merges: FileRef };
  variants: VariantSpec[];
  /**
   * The content filter for this model's results. When given it is required: the model does not
   * load without it. Without one (development/test models) results come back `screened: false`.
   * Catalogue models always bring the classifier their catalogue entry names.
   */
  safetyClassifier?: SafetyClassifierSpec;
}

/** An image classifier (Hugging Face image-classification export) that screens every result. */
export interface SafetyClassifierSpec {
  displayName?: string;
  /** The classifier ONNX: pixel_values [1, 3, H, W] float32 → logits [1, labels]. */
  model: FileRef;
  /** config.json (id2label) and preprocessor_config.json (size, mean, std). */
  config: FileRef;
  preprocessorConfig: FileRef;
  /** label → probability at or above which a result is withheld. */
  thresholds: Record<string, number>;
}

export type ModelSource =
  | { kind: "spec"; spec: ModelSpec }
  /** A catalogue model already in the browser's model cache (OPFS); nothing is downloaded. */
  | { kind: "catalogue"; modelId: string };

/** A stable key for "is this the model already loaded?". */
export function modelSourceKey(source: ModelSource): string {
  return source.kind === "catalogue" ? `catalogue:${source.modelId}` : `spec:${source.spec.id}`;
}

/** The live-preview decoder (TAESD). Without one, previews use the linear latent projection. */
export interface PreviewDecoderSpec {
  /** TAESD decoder ONNX (input latent_sample → sample). */
  file: FileRef;
  /** Multiplies the pipeline's (scaled) latents before decoding: 1 for TAESD (default). */
  latentScale?: number;
  /** Range of the decoder's output: diffusers' AutoencoderTiny export gives [-1, 1] (default). */
  outputRange?: "minus-one-to-one" | "zero-to-one";
}

/** A promptable segmentation model (SAM family, transformers.js layout) given by its files. */
export interface SegmentationModelSpec {
  id: string;
  displayName?: string;
  /** onnx/vision_encoder*.onnx: pixel_values → image_embeddings, image_positional_embeddings. */
  encoder: FileRef;
  /** onnx/prompt_encoder_mask_decoder*.onnx: embeddings + input_points/input_labels → iou_scores, pred_masks. */
  decoder: FileRef;
  /** preprocessor_config.json (SamImageProcessor). */
  preprocessorConfig: FileRef;
}

export type SegmentationSource =
  | { kind: "spec"; spec: SegmentationModelSpec }
  /** A catalogue segmentation model already in the model cache. */
  | { kind: "catalogue"; modelId: string };
