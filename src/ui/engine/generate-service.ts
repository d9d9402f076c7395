/**
 * What the panel needs from the engine, in the engine's own contract types
 * (src/contract/worker-protocol.ts): the request goes in as it is, and every event comes back as
 * the engine sent it (RunEvent), so the Web Worker client and a test engine plug in through thin
 * adapters and the panel's flow never knows which one runs.
 */
import type { DeviceReport, GenerateRequest, GenerateResult, ModelSource, PreviewDecoderSpec, RemoveRequest, RemoveResult, RunEvent } from "../../contract/worker-protocol";

export { modelSourceKey } from "../../contract/worker-protocol";

export type OnEvent = (event: RunEvent) => void;

export interface GenerateService {
  /** Where the engine runs (asks once, then remembers). */
  device(): Promise<DeviceReport>;
  /**
   * Loads a model unless it is the one already loaded (load-progress and notices go to `onEvent`);
   * `preview` is the downloaded TAESD decoder, loaded beside it (real previews, the Fast finish).
   */
  load(source: ModelSource, onEvent?: OnEvent, options?: { preview?: PreviewDecoderSpec }): Promise<void>;
  /** One generation; rejects with a GenerationCancelledError when `signal` aborts. */
  generate(request: GenerateRequest, onEvent: OnEvent, signal: AbortSignal): Promise<GenerateResult>;
  /**
   * Remove: the engine's built-in fill of the masked area, no model loaded (stage events only).
   * Rejects with a GenerationCancelledError when `signal` aborts. Optional so engines without the
   * removal family still plug in; the panel then says Remove is unavailable.
   */
  remove?(request: RemoveRequest, onEvent: OnEvent, signal: AbortSignal): Promise<RemoveResult>;
  /**
   * Listens for the model being released without a run asking (idle timeout, memory pressure),
   * with the sentence the panel shows; returns the unsubscribe. Optional: test engines may not.
   */
  onReleased?(listener: (reason: string) => void): () => void;
  /** Releases the loaded model now (memory pressure), telling `onReleased` listeners why. */
  release?(reason: string): Promise<void>;
  /** Frees the engine (panel closing). */
  dispose(): Promise<void>;
}
