/**
 * The panel ↔ engine-worker message protocol. Every message is a plain object discriminated on
 * `type` and tagged with the `requestId` of the request it belongs to; pixel and tensor buffers
 * travel as typed arrays whose ArrayBuffers are TRANSFERRED (see `transferablesOf`), never copied.
 * The same messages flow through the in-thread client used by tests, so both behave alike.
 *
 * Request → replies:
 *   init      → ready | error
 *   estimate  → estimate | error              (no loading, nothing downloaded)
 *   load      → load-progress* → loaded | error
 *   generate  → notice* progress* preview* → result | error   (cancel → error GenerationCancelledError)
 *   remove    → stage* → result (with `removal`) | error    (built-in fill, or MI-GAN from the cache)
 *   segment   → load-progress* → result (with `segmentation`) | error   (click-to-select)
 *   cancel    → (the generate it names ends with an error)
 *   release   → released
 *   test-fault→ ack | error                   (only when init allowed test faults)
 */

export const WORKER_PROTOCOL_VERSION = 1;

export type EngineBackendName = "webgpu" | "wasm";
export type Precision = "fp16" | "fp32";
export type GenerationMode = "text-to-image" | "img2img" | "inpaint";

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

/** The live-preview decoder (TAESD). Without one, previews use the linear latent projection. */
export interface PreviewDecoderSpec {
  /** TAESD decoder ONNX (input latent_sample → sample). */
  file: FileRef;
  /** Multiplies the pipeline's (scaled) latents before decoding: 1 for TAESD (default). */
  latentScale?: number;
  /** Range of the decoder's output: diffusers' AutoencoderTiny export gives [-1, 1] (default). */
  outputRange?: "minus-one-to-one" | "zero-to-one";
}

export interface InitOptions {
  /** Folder URL (ending "/") of ORT's .wasm/.mjs files; default: the bundle's ort/ folder. */
  ortWasmBase?: string;
  /** Force a backend (user setting "CPU only", or tests). */
  forceBackend?: EngineBackendName;
  /** Accept `test-fault` requests (tests only). */
  allowTestFaults?: boolean;
  /** The wasm heap available to all sessions; default 4 GiB. */
  wasmHeapLimitBytes?: number;
  /**
   * Keep constant inputs (prompt embeddings) on the GPU across UNet steps. Default true; the
   * benchmark turns it off to measure what it saves.
   */
  gpuResidentInputs?: boolean;
}

/** What the worker found out about the device, in words a settings page can show. */
export interface DeviceReport {
  backend: EngineBackendName;
  /** fp16 only when the adapter has `shader-f16`. */
  precision: Precision;
  /** Why this backend/precision and not a better one ("no WebGPU adapter", …). */
  reasons: string[];
  adapter: {
    vendor: string;
    architecture: string;
    description: string;
    shaderF16: boolean;
    maxBufferSize: number;
    maxStorageBufferBindingSize: number;
  } | null;
  /** True when the wasm runtime can use threads (needs SharedArrayBuffer); false in the Express iframe. */
  wasmThreads: boolean;
  wasmHeapLimitBytes: number;
}

export interface MemoryReport {
  modelId: string;
  variantId: string;
  backend: EngineBackendName;
  precision: Precision;
  /** Estimated memory on the backend that would be used: GPU bytes or wasm heap bytes. */
  estimatedBytes: number;
  figures: MemoryFigures;
  /** False when the choice cannot run here; `message` then says why and what to do. */
  fits: boolean;
  message: string;
}

export interface LoadedModelReport {
  modelId: string;
  variantId: string;
  backend: EngineBackendName;
  precision: Precision;
  components: ComponentName[];
  /** "taesd" when a preview decoder is loaded, else the linear latent projection. */
  preview: PreviewKind;
  memory: MemoryReport;
  loadMs: number;
  /** True when a content classifier was loaded with the model and will check every result. */
  screened: boolean;
}

export type PreviewKind = "taesd" | "latent-projection";

export interface RgbaPixels {
  width: number;
  height: number;
  data: Uint8ClampedArray; // [H, W, 4]
}

export interface GrayPixels {
  width: number;
  height: number;
  data: Uint8Array; // [H, W], 0 keep … 255 repaint
}

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

export type ResultImage = RgbaPixels | WithheldImage;

export function isWithheld(image: ResultImage): image is WithheldImage {
  return (image as Partial<WithheldImage>).withheld === true;
}

export type PromptValue = string | { inputIds: Int32Array };

export interface GenerateRequest {
  mode: GenerationMode;
  prompt: PromptValue;
  negativePrompt?: PromptValue;
  numInferenceSteps: number;
  guidanceScale?: number;
  /** img2img / inpaint. */
  strength?: number;
  numImagesPerPrompt?: number;
  /** One per image (re-make image k alone from seeds[k]); or `seed` for the batch. */
  seeds?: number[];
  seed?: number;
  /** Replayed noise draws in call order (reference runs / tests). */
  noiseDraws?: Float32Array[];
  /** text-to-image size. */
  width?: number;
  height?: number;
  image?: RgbaPixels;
  mask?: GrayPixels;
  scheduler?: { className?: string; overrides?: Record<string, unknown> };
  /** Live previews: on by default, thumbnails at most `maxSize` px on the long side (≤ 128). */
  preview?: { enabled?: boolean; maxSize?: number };
  /** Also return the float pixels [B, H, W, 3] in [0, 1] (tests, parity). */
  includeFloatPixels?: boolean;
}

export interface StepTimings {
  textEncoder: number;
  vaeEncode: number;
  unetSteps: number[];
  vaeDecode: number;
  total: number;
  previews: number;
  /** Content filter on the finished images (0 when the model has none). */
  contentFilter?: number;
}

export interface GenerateResult {
  /** One per image of the batch, in seed order; a withheld one carries only its size and the reason. */
  images: ResultImage[];
  /**
   * True when the content classifier checked every image. False only for models without one
   * (development/test models): then nothing was checked, and the panel says so.
   */
  screened: boolean;
  /** [B, H, W, 3] in [0, 1] when asked for; left out when any image was withheld. */
  pixels?: Float32Array;
  seeds: number[] | null;
  timesteps: number[];
  warnings: string[];
  backend: EngineBackendName;
  precision: Precision;
  timings: StepTimings;
  /** WebGPU only: constant UNet inputs uploaded vs reused from GPU memory during this run. */
  residentInputs?: { uploads: number; reuses: number };
}

/** `{ name, message }` of an Error subclass (e.g. "GpuDeviceLostError"); rebuilt by the client. */
export interface EngineFailure {
  name: string;
  message: string;
}

export type TestFault =
  /** `device.destroy()` right after this step's progress event (1-based). */
  { kind: "device-lost"; afterStep: number };

/**
 * Remove: repaint the masked area from its surroundings, no prompt. The region and its mask are
 * what the panel planned (a crop with context); `engine` "built-in" is the exemplar fill
 * (src/imaging/exemplar-fill.ts), which needs no model and no download; "migan" is the removal
 * model once downloaded (src/engine/removal/).
 */
export interface RemoveRequest {
  image: RgbaPixels;
  /** 0 keep … 255 remove; any value above 0 is filled. Same size as `image`. */
  mask: GrayPixels;
  engine?: RemovalEngineName;
  seed?: number;
}

/** "built-in": the exemplar fill (no model); "migan": MI-GAN from the model cache (catalogue "migan-512-places2"). */
export type RemovalEngineName = "built-in" | "migan";

export interface RemoveResult {
  /** The region with the masked area filled; pixels outside the mask are the input's, bit for bit. */
  image: RgbaPixels;
  engine: RemovalEngineName;
  timings: { total: number };
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

/** Click-to-select: points (1 = object, 0 = not) and/or a box on a picture, in the picture's px. */
export interface SegmentRequest {
  model: SegmentationSource;
  /** Names the picture: its embedding is computed once per key and kept for the next clicks. */
  imageKey: string;
  /** The picture; required when the worker does not hold this key's embedding yet. */
  image?: RgbaPixels;
  points: { x: number; y: number; label: 0 | 1 }[];
  box?: { x0: number; y0: number; x1: number; y1: number };
}

export interface SegmentResult {
  kind: "segmentation";
  /** 0 / 255, the picture's size. */
  mask: GrayPixels;
  /** The model's own quality estimate of the chosen mask. */
  iouScore: number;
  /** True when this request computed the picture's embedding (its first click). */
  encoded: boolean;
  timings: { loadMs: number; encodeMs: number; decodeMs: number };
  backend: EngineBackendName;
}

// ── panel → worker ────────────────────────────────────────────────────────────────────────────
export type WorkerRequest =
  | { type: "init"; requestId: number; options: InitOptions }
  | { type: "estimate"; requestId: number; source: ModelSource }
  /** `mode`: which components to load first (others load on the first run that needs them). */
  | { type: "load"; requestId: number; source: ModelSource; preview?: PreviewDecoderSpec; mode?: GenerationMode }
  | { type: "generate"; requestId: number; request: GenerateRequest }
  | { type: "remove"; requestId: number; request: RemoveRequest }
  | { type: "segment"; requestId: number; request: SegmentRequest }
  | { type: "cancel"; requestId: number; target: number }
  | { type: "release"; requestId: number }
  | { type: "test-fault"; requestId: number; fault: TestFault };

/** What a load-progress message is about: a model component, the preview decoder, the tokenizer or the content filter. */
export type LoadProgressComponent = ComponentName | "preview-decoder" | "tokenizer" | "safety-classifier" | "segmentation-encoder" | "segmentation-decoder";

export type PipelineStageName = "tokenize" | "text-encoder" | "vae-encode" | "denoise" | "vae-decode" | "content-filter" | "fill";

export type EngineNotice =
  | { kind: "fallback"; from: { backend: EngineBackendName; precision: Precision }; to: { backend: EngineBackendName; precision: Precision }; reason: EngineFailure }
  | { kind: "warning"; message: string };

// ── worker → panel ────────────────────────────────────────────────────────────────────────────
export type WorkerResponse =
  | { type: "ready"; requestId: number; protocolVersion: number; device: DeviceReport }
  | { type: "estimate"; requestId: number; memory: MemoryReport }
  | { type: "load-progress"; requestId: number; component: LoadProgressComponent; index: number; total: number }
  | { type: "loaded"; requestId: number; model: LoadedModelReport }
  | { type: "stage"; requestId: number; stage: PipelineStageName }
  | { type: "step"; requestId: number; step: number; totalSteps: number; timestep: number; ms: number }
  | { type: "preview"; requestId: number; step: number; totalSteps: number; kind: PreviewKind; images: RgbaPixels[] }
  | { type: "notice"; requestId: number; notice: EngineNotice }
  | { type: "result"; requestId: number; result: GenerateResult }
  /** The reply to `remove`: the same event kind, its own payload. */
  | { type: "result"; requestId: number; removal: RemoveResult }
  /** The reply to `segment`: the same event kind, its own payload. */
  | { type: "result"; requestId: number; segmentation: SegmentResult }
  | { type: "released"; requestId: number }
  | { type: "ack"; requestId: number }
  | { type: "error"; requestId: number; error: EngineFailure };

/** Buffers to transfer with a message (typed arrays' underlying ArrayBuffers, deduplicated). */
export function transferablesOf(message: WorkerRequest | WorkerResponse): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const visit = (value: unknown, depth: number) => {
    if (depth > 6 || value === null || typeof value !== "object") return;
    if (ArrayBuffer.isView(value)) {
      if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
      return;
    }
    if (value instanceof ArrayBuffer) {
      found.add(value);
      return;
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) visit(child, depth + 1);
  };
  visit(message, 0);
  return [...found];
}
