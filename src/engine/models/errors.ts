/**
 * Every way getting a model onto the machine can fail. Each has a stable `name` (the worker sends
 * `{ name, message }` across postMessage) and a message that says what the user can do next.
 * None of them deletes a file that was already complete and verified: cached models stay usable.
 */
import { EngineError } from "../errors";

/** Base class: catch this to handle any download or cache failure. */
export class ModelDownloadError extends EngineError {
  override name = "ModelDownloadError";
}

/** The host answered 404/410: the pinned file is gone (or the catalogue URL is wrong). */
export class ModelFileNotFoundError extends ModelDownloadError {
  override name = "ModelFileNotFoundError";
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(
      `The model file ${url} is not on the server (HTTP ${status}). The catalogue pins an exact ` +
        `commit, so the host has probably removed it: update the add-on or choose another model.`,
    );
  }
}

/** Network down, connection cut, or the server failing (5xx) after every retry. */
export class NetworkError extends ModelDownloadError {
  override name = "NetworkError";
  constructor(
    readonly url: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(
      `Could not download ${url} after ${attempts} attempt(s): ${describe(cause)}. ` +
        `Check the internet connection and try again; the bytes already received are kept and ` +
        `the download resumes where it stopped.`,
      { cause },
    );
  }
}

/** The bytes received do not have the sha256 (or size) the catalogue pins, twice in a row. */
export class HashMismatchError extends ModelDownloadError {
  override name = "HashMismatchError";
  constructor(
    readonly url: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `The downloaded file ${url} is corrupt or has been changed on the server: expected ` +
        `${expected}, got ${actual}. It was discarded and fetched again once, with the same result, ` +
        `so nothing was cached. Try again later or report it.`,
    );
  }
}

/** The browser (or the configured Node store) has no room for the files. */
export class QuotaExceededError extends ModelDownloadError {
  override name = "QuotaExceededError";
  constructor(
    readonly neededBytes: number,
    readonly availableBytes: number,
  ) {
    super(
      `Not enough storage for this model: it needs ${formatBytes(neededBytes)} and only ` +
        `${formatBytes(availableBytes)} is free. Delete another cached model or free disk space, ` +
        `then try again.`,
    );
  }
}

/** The user cancelled through the AbortSignal. Partial bytes are kept for a later resume. */
export class DownloadAbortedError extends ModelDownloadError {
  override name = "DownloadAbortedError";
  constructor(readonly url?: string) {
    super(`Download cancelled${url ? ` (${url})` : ""}. Starting it again resumes where it stopped.`);
  }
}

/** openCachedModel was asked for a model that is not completely cached and verified. */
export class ModelNotCachedError extends ModelDownloadError {
  override name = "ModelNotCachedError";
  constructor(
    readonly modelId: string,
    readonly missing: readonly string[],
  ) {
    super(
      `The model "${modelId}" is not fully downloaded (missing: ${missing.join(", ")}). ` +
        `Connect to the internet and download it once; it then works offline.`,
    );
  }
}

/** The capability probe refused the model before any download. */
export class ModelUnsupportedError extends EngineError {
  override name = "ModelUnsupportedError";
}

/** The catalogue data is malformed (a programming error in catalogue.json or a test catalogue). */
export class CatalogueError extends EngineError {
  override name = "CatalogueError";
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return String(cause);
}

/** "2.35 GiB", "88.6 MiB", "512 B": for messages and the UI. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${units[unit]}`;
}
