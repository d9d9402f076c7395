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

/** The bytes received do not have the sha256 or size the catalogue or the Hub's listing gives. */
export class HashMismatchError extends ModelDownloadError {
  override name = "HashMismatchError";
  constructor(
    readonly url: string,
    readonly expected: string,
    readonly actual: string,
    refetched = true,
  ) {
    super(
      `The downloaded file ${url} is corrupt or has been changed on the server: expected ` +
        `${expected}, got ${actual}. ${refetched ? "It was discarded and fetched again once, with the same result" : "It was discarded"}, ` +
        `so nothing was cached. Try again later or report it.`,
    );
  }
}

/** The host answered 429: it limits how fast or how often this address may download. */
export class RateLimitedError extends ModelDownloadError {
  override name = "RateLimitedError";
  constructor(
    readonly url: string,
    /** What Retry-After asked for, when it said. */
    readonly retryAfterMs: number | null,
  ) {
    super(
      `The model host is limiting downloads from this address (HTTP 429) for ${url}. ` +
        `Wait ${retryAfterMs === null ? "a few minutes" : `about ${describeWait(retryAfterMs)}`} and press Download again; ` +
        `the bytes already received are kept.`,
    );
  }
}

/** The host kept answering 5xx: its fault, not the user's connection. */
export class ServerError extends ModelDownloadError {
  override name = "ServerError";
  constructor(
    readonly url: string,
    readonly status: number,
    readonly attempts: number,
  ) {
    super(
      `The model host failed to send ${url} (HTTP ${status}, ${attempts} attempt(s)). This is a problem on ` +
        `the host, not with your connection: try again later; the bytes already received are kept.`,
    );
  }
}

/** A redirect went to a host the catalogue does not trust, to plain http, or round in a loop. */
export class RedirectError extends ModelDownloadError {
  override name = "RedirectError";
  constructor(
    readonly url: string,
    readonly reason: "host" | "insecure" | "loop",
    readonly target: string,
  ) {
    super(
      reason === "loop"
        ? `The model host redirected ${url} in a loop (last to ${target}), so the file cannot be reached. ` +
            `The host is misconfigured: try again later or report it.`
        : `The download of ${url} was redirected to ${target}, which is ${reason === "host" ? "not a model host this add-on trusts" : "not a secure (https) address"}. ` +
            `Nothing from it was kept. Update the add-on or report it.`,
    );
  }
}

/** The published files do not form a model the engine can load (checked before any download). */
export class ModelLayoutError extends ModelDownloadError {
  override name = "ModelLayoutError";
  constructor(
    readonly modelId: string,
    readonly detail: string,
  ) {
    super(`${modelId} cannot be used as published: ${detail}. Nothing was downloaded; choose another model or update the add-on.`);
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

function describeWait(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.ceil(s / 60)} min`;
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
