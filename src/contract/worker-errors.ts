/**
 * Engine failures on the panel side. Error objects lose their class across postMessage, so the
 * worker sends `{ name, message }` (EngineFailure) and the client rebuilds an Error with the same
 * `name` — e.g. "GpuDeviceLostError", "CpuPathUnavailableError", "GenerationCancelledError" — for
 * the panel to choose what to show.
 */
import type { EngineFailure } from "./engine-results";

export class EngineRemoteError extends Error {
  override readonly name: string;

  constructor(failure: EngineFailure) {
    super(failure.message);
    this.name = failure.name;
  }
}

/** The worker itself died (script error, out of memory in the worker, terminated). */
export class EngineWorkerCrashedError extends Error {
  override readonly name = "EngineWorkerCrashedError";

  constructor(detail: string) {
    super(`The generation engine stopped unexpectedly (${detail}). Close and reopen the add-on to start it again; if it keeps happening, try a smaller model or image size.`);
  }
}

/** Any thrown value → the `{ name, message }` sent across the protocol. */
export function toEngineFailure(error: unknown): EngineFailure {
  if (error instanceof Error) return { name: error.name || "Error", message: error.message };
  return { name: "EngineError", message: String(error) };
}

export function fromEngineFailure(failure: EngineFailure): EngineRemoteError {
  return new EngineRemoteError(failure);
}
