/**
 * Web Worker entry: the engine host on the worker's message port. Bundled as its own ES-module
 * chunk (see create-engine-worker.ts); ORT's runtime files come from __ORT_WASM_BASE__ unless
 * the init request names another folder.
 */
import { transferablesOf, type WorkerRequest } from "../../contract/worker-protocol";
import { EngineHost } from "./engine-host";

/** The worker global scope, typed by what we use (the panel's tsconfig has DOM, not WebWorker, libs). */
const scope = self as unknown as {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent<WorkerRequest>) => void): void;
};
const host = new EngineHost({ post: (message) => scope.postMessage(message, transferablesOf(message)) });
scope.addEventListener("message", (event: MessageEvent<WorkerRequest>) => host.handle(event.data));
