/**
 * The panel ↔ engine-worker message protocol. Every message is a plain object discriminated on
 * `type` and tagged with the `requestId` of the request it belongs to; pixel and tensor buffers
 * travel as typed arrays whose ArrayBuffers are TRANSFERRED (see `transferablesOf`), never copied.
 * The same messages flow through the in-thread client used by tests, so both behave alike.
 *
 * Request → replies (every reply but ready/estimate/loaded/released/ack is an EngineEvent):
 *   init      → ready | error
 *   estimate  → estimate | error              (no loading, nothing downloaded)
 *   load      → load-progress* notice* → loaded | error
 *   generate  → stage* step* preview* notice* → result | error   (cancel → error GenerationCancelledError)
 *   remove    → stage* → result (with `removal`) | error    (built-in fill, or MI-GAN from the cache)
 *   segment   → load-progress* → result (with `segmentation`) | error   (click-to-select)
 *   cancel    → (the generate it names ends with an error)
 *   release   → released
 *   test-fault→ ack | error                   (only when init allowed test faults)
 */
import type { DeviceReport, InitOptions, LoadedModelReport, MemoryReport } from "./engine-reports";
import type { EngineEvent } from "./engine-events";
import type { EngineRequest, GenerationMode, TestFault } from "./engine-requests";
import type { ModelSource, PreviewDecoderSpec } from "./model-spec";

export type * from "./engine-events";
export type * from "./engine-reports";
export type * from "./engine-requests";
export type * from "./engine-results";
export type * from "./model-spec";
export type * from "./pixels";
export { isWithheld } from "./engine-results";
export { modelSourceKey } from "./model-spec";

export const WORKER_PROTOCOL_VERSION = 2;

// ── panel → worker ────────────────────────────────────────────────────────────────────────────
export type WorkerRequest =
  | { type: "init"; requestId: number; options: InitOptions }
  | { type: "estimate"; requestId: number; source: ModelSource }
  /** `mode`: which components to load first (others load on the first run that needs them). */
  | { type: "load"; requestId: number; source: ModelSource; preview?: PreviewDecoderSpec; mode?: GenerationMode }
  | (EngineRequest & { requestId: number })
  | { type: "cancel"; requestId: number; target: number }
  | { type: "release"; requestId: number }
  | { type: "test-fault"; requestId: number; fault: TestFault };

/** An engine event as it travels: the event itself, tagged with its request. */
export type TaggedEvent = EngineEvent & { requestId: number };

// ── worker → panel ────────────────────────────────────────────────────────────────────────────
export type WorkerResponse =
  | TaggedEvent
  | { type: "ready"; requestId: number; protocolVersion: number; device: DeviceReport }
  | { type: "estimate"; requestId: number; memory: MemoryReport }
  | { type: "loaded"; requestId: number; model: LoadedModelReport }
  | { type: "released"; requestId: number }
  | { type: "ack"; requestId: number };

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
