/**
 * What the panel needs from the engine, in the worker protocol's own types
 * (src/contract/worker-protocol.ts), so the Web Worker client and the in-thread engine plug in
 * through thin adapters and the panel's flow never knows which one runs.
 */
import type {
  DeviceReport,
  EngineNotice,
  GenerateRequest,
  GenerateResult,
  ModelSource,
  PipelineStageName,
  PreviewKind,
  RemoveRequest,
  RemoveResult,
  RgbaPixels,
} from "../../contract/worker-protocol";

export type GenerateEvent =
  | { type: "stage"; stage: PipelineStageName }
  /** One denoising step done (1-based), `ms` its duration. */
  | { type: "step"; step: number; totalSteps: number; ms: number }
  /** Live thumbnails, one per image of the batch. */
  | { type: "preview"; step: number; totalSteps: number; kind: PreviewKind; images: RgbaPixels[] }
  | { type: "notice"; notice: EngineNotice };

export interface LoadProgress {
  component: string;
  index: number;
  total: number;
}

export interface GenerateService {
  /** Where the engine runs (asks once, then remembers). */
  device(): Promise<DeviceReport>;
  /** Loads a model unless it is the one already loaded. */
  load(source: ModelSource, onProgress?: (progress: LoadProgress) => void): Promise<void>;
  /** One generation; rejects with a GenerationCancelledError when `signal` aborts. */
  generate(request: GenerateRequest, onEvent: (event: GenerateEvent) => void, signal: AbortSignal): Promise<GenerateResult>;
  /**
   * Remove: the engine's built-in fill of the masked area, no model loaded (stage events only).
   * Rejects with a GenerationCancelledError when `signal` aborts. Optional so engines without the
   * removal family still plug in; the panel then says Remove is unavailable.
   */
  remove?(request: RemoveRequest, onEvent: (event: GenerateEvent) => void, signal: AbortSignal): Promise<RemoveResult>;
  /** Frees the engine (panel closing). */
  dispose(): Promise<void>;
}

/** A stable key for "is this the model already loaded?". */
export function modelSourceKey(source: ModelSource): string {
  return source.kind === "catalogue" ? `catalogue:${source.modelId}` : `spec:${source.spec.id}`;
}
