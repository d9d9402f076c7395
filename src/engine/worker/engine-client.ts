/**
 * What the panel talks to: the engine as an async API. Two implementations share one protocol
 * client — WorkerEngineClient (the engine in a Web Worker: the panel never blocks) and
 * InThreadEngineClient (same messages, same transfers, in the calling thread: tests and Node).
 */
import type {
  DeviceReport,
  GenerateRequest,
  GenerateResult,
  GenerationMode,
  InitOptions,
  LoadedModelReport,
  MemoryReport,
  ModelSource,
  SegmentRequest,
  SegmentResult,
  PreviewDecoderSpec,
  RemoveRequest,
  RemoveResult,
  RunEvent,
  TestFault,
} from "../../contract/worker-protocol";

/** Every event of the request (load-progress, stage, step, preview, notice), as the engine sent it. */
export interface EventHandlers {
  onEvent?: (event: RunEvent) => void;
}

export interface GenerateHandlers extends EventHandlers {
  signal?: AbortSignal;
}

export interface LoadOptions extends EventHandlers {
  preview?: PreviewDecoderSpec;
  /** Components for this mode load now; the others on first use. */
  mode?: GenerationMode;
}

export interface EngineClient {
  /** Chooses the device (once per engine); later calls return the same report. */
  init(options?: InitOptions): Promise<DeviceReport>;
  /** Memory a model would need here and whether it fits, without loading or downloading it. */
  estimate(source: ModelSource): Promise<MemoryReport>;
  /** Loads a model (releasing the previous one); refuses before loading when it cannot fit. */
  load(source: ModelSource, options?: LoadOptions): Promise<LoadedModelReport>;
  /**
   * Runs one generation. Buffers in `request` (image, mask, noise) are transferred: the caller's
   * copies become empty. Rejects with an Error whose `name` tells the failure
   * ("GenerationCancelledError" after `signal` aborts).
   */
  generate(request: GenerateRequest, handlers?: GenerateHandlers): Promise<GenerateResult>;
  /**
   * Remove: fills the masked area of `request.image` from its surroundings (no model needed for
   * the built-in fill). Buffers are transferred like generate's.
   */
  remove(request: RemoveRequest, handlers?: EventHandlers): Promise<RemoveResult>;
  /**
   * Click-to-select: decodes points / a box into a mask. The first request for an `imageKey`
   * carries the picture (transferred) and computes its embedding once; later clicks send none.
   * The segmentation model loads on first use, beside (not instead of) the generation model.
   */
  segment(request: SegmentRequest, handlers?: EventHandlers): Promise<SegmentResult>;
  /** Frees the model's sessions (GPU/wasm memory); the engine stays usable. */
  release(): Promise<void>;
  /** Tests only (init with allowTestFaults). */
  injectTestFault(fault: TestFault): Promise<void>;
  /** Stops the engine for good (terminates the worker). */
  dispose(): void;
}
