/**
 * The one event union the engine emits, for every request kind and model family (DESIGN.md):
 * pipelines produce `stage` and `step`, the worker adds `load-progress`, `preview`, `notice`,
 * then one `result` or `error`. The worker, the client and the panel pass them on unchanged; the
 * panel shows every kind (src/ui/flow/run-events.ts).
 */
import type { EngineBackendName, Precision, PreviewKind } from "./engine-reports";
import type { EngineFailure, GenerateResult, RemoveResult, SegmentResult } from "./engine-results";
import type { ComponentName } from "./model-spec";
import type { RgbaImage } from "./pixels";

/** What a load-progress event is about: a model component, the preview decoder, the tokenizer, the content filter or a segmentation part. */
export type LoadProgressComponent = ComponentName | "preview-decoder" | "tokenizer" | "safety-classifier" | "segmentation-encoder" | "segmentation-decoder";

/** A stage of a run: the SD pipeline's, the content filter, or the removal family's fill. */
export type PipelineStage = "tokenize" | "text-encoder" | "vae-encode" | "denoise" | "vae-decode" | "content-filter" | "fill";

export type EngineNotice =
  | { kind: "fallback"; from: { backend: EngineBackendName; precision: Precision }; to: { backend: EngineBackendName; precision: Precision }; reason: EngineFailure }
  /** The model was released (idle timeout, memory pressure): the next run loads it again. */
  | { kind: "released"; reason: string }
  | { kind: "warning"; message: string };

export type EngineEvent =
  /**
   * Loading part `index` (0-based) of `total`; `loadedBytes`/`totalBytes` count the bytes of all
   * parts read so far and in all (null when a part's size is unknown).
   */
  | { type: "load-progress"; component: LoadProgressComponent; index: number; total: number; loadedBytes: number; totalBytes: number | null }
  | { type: "stage"; stage: PipelineStage }
  /** One denoising step done (1-based, of totalSteps after strength), `ms` its wall time. */
  | { type: "step"; step: number; totalSteps: number; timestep: number; ms: number }
  /** Live thumbnails, one per image of the batch (≤ 128 px). */
  | { type: "preview"; step: number; totalSteps: number; kind: PreviewKind; images: RgbaImage[] }
  /** Fallbacks (GPU → CPU), releases and warnings, in plain words. */
  | { type: "notice"; notice: EngineNotice }
  | { type: "result"; result: GenerateResult }
  /** The reply to `remove`: the same event kind, its own payload. */
  | { type: "result"; removal: RemoveResult }
  /** The reply to `segment`: the same event kind, its own payload. */
  | { type: "result"; segmentation: SegmentResult }
  | { type: "error"; error: EngineFailure };

/** The events of a request still running (everything but its final result or error). */
export type RunEvent = Exclude<EngineEvent, { type: "result" } | { type: "error" }>;

/** The events a pipeline itself produces. */
export type PipelineEvent = Extract<EngineEvent, { type: "stage" } | { type: "step" }>;
