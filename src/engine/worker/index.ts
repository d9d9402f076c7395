/**
 * The engine as the panel sees it. Panel-safe: nothing here pulls onnxruntime-web into the panel
 * bundle (the engine itself lives in the worker chunk). Tests and Node import the in-thread client
 * from "./in-thread-engine-client" directly.
 *
 *   const engine = createEngineWorker();
 *   const device = await engine.init();                  // { backend: "webgpu" | "wasm", precision, reasons }
 *   const memory = await engine.estimate({ kind: "catalogue", modelId: "sd-turbo" });
 *   await engine.load({ kind: "catalogue", modelId: "sd-turbo" }, { onEvent });
 *   const result = await engine.generate(request, { signal, onEvent });  // onEvent: every EngineEvent kind
 */
export type { EngineClient, EventHandlers, GenerateHandlers, LoadOptions } from "./engine-client";
export { createEngineWorker } from "./create-engine-worker";
export { createWorkerEngineClient, type WorkerLike } from "./worker-engine-client";
export { EngineRemoteError, EngineWorkerCrashedError } from "../../contract/worker-errors";
export type * from "../../contract/worker-protocol";
