/**
 * Failures of sandbox operations. Each has a `name` from the contract's SandboxErrorName and a
 * message that tells the user what to do; `toFailure` turns one into bridge-safe data.
 */
import type { SandboxErrorName, SandboxFailure } from "../contract/errors";

export abstract class SandboxOperationError extends Error {
  abstract override readonly name: SandboxErrorName;
}

export class SourceNotFoundError extends SandboxOperationError {
  override readonly name = "SourceNotFoundError";
}

export class PageChangedError extends SandboxOperationError {
  override readonly name = "PageChangedError";
}

export class InvalidInsertRequestError extends SandboxOperationError {
  override readonly name = "InvalidInsertRequestError";
}

export class GenerationRecordTooLargeError extends SandboxOperationError {
  override readonly name = "GenerationRecordTooLargeError";
}

export class DocumentEditError extends SandboxOperationError {
  override readonly name = "DocumentEditError";
}

/** Any thrown value → bridge-safe failure; unknown errors become DocumentEditError. */
export function toFailure(error: unknown): SandboxFailure {
  if (error instanceof SandboxOperationError) return { name: error.name, message: error.message };
  const detail = error instanceof Error ? error.message : String(error);
  return {
    name: "DocumentEditError",
    message: `Express refused the edit (${detail}). Nothing was changed; try again, or reload the add-on if it keeps failing.`,
  };
}
