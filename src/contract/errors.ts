/**
 * Failures the sandbox reports to the panel. Error objects lose custom `name`s when cloned across
 * the bridge, so the sandbox sends `{ name, message }` as data and the panel turns it back into an
 * Error with `toSandboxError`.
 */

export type SandboxErrorName =
  /** The layer or shapes named in the request are no longer on the current page. */
  | "SourceNotFoundError"
  /** The user switched pages since the selection was read. */
  | "PageChangedError"
  /** The request is malformed (bad PNG, wrong size, empty mask list...). */
  | "InvalidInsertRequestError"
  /** The generation settings do not fit in the layer's add-on data (3 KB). */
  | "GenerationRecordTooLargeError"
  /** Express refused the edit. */
  | "DocumentEditError";

export interface SandboxFailure {
  name: SandboxErrorName;
  /** Says what happened and what to do next; shown to the user as is. */
  message: string;
}

/** The panel-side Error for a failure reported by the sandbox. */
export class SandboxError extends Error {
  override readonly name: SandboxErrorName;

  constructor(failure: SandboxFailure) {
    super(failure.message);
    this.name = failure.name;
  }
}

export function toSandboxError(failure: SandboxFailure): SandboxError {
  return new SandboxError(failure);
}
