/**
 * The product's way to start the engine: a module worker that webpack emits as its own chunk
 * (`new Worker(new URL(...), { type: "module" })`), wrapped in the EngineClient.
 */
import type { EngineClient } from "./engine-client";
import { createWorkerEngineClient } from "./worker-engine-client";

export function createEngineWorker(): EngineClient {
  const worker = new Worker(new URL("./engine.worker.ts", import.meta.url), { type: "module", name: "generative-fill-engine" });
  return createWorkerEngineClient(worker);
}
