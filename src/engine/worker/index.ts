/**
 * The engine as the panel sees it.
 *
 *   const engine = createEngineWorker();                 // or createInThreadEngineClient() in tests
 *   const device = await engine.init();                  // { backend: "webgpu" | "wasm", precision, reasons }
 *   const memory = await engine.estimate({ kind: "catalogue", modelId: "sd-turbo" });
 *   await engine.load({ kind: "catalogue", modelId: "sd-turbo" }, { onNotice });
 *   const result = await engine.generate(request, { signal, onStep, onPreview, onNotice });
 */
export type { EngineClient, GenerateHandlers, LoadOptions, PreviewEvent, StepEvent } from "./engine-client";
export { createEngineWorker } from "./create-engine-worker";
export { createWorkerEngineClient, type WorkerLike } from "./worker-engine-client";
export { createInThreadEngineClient, type InThreadOptions } from "./in-thread-engine-client";
export { EngineRemoteError, EngineWorkerCrashedError } from "../../contract/worker-errors";
export type * from "../../contract/worker-protocol";
