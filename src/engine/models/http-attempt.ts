/**
 * One HTTP request of a download: from the bytes already stored, with `Range` + `If-Range` when
 * resuming, appending what arrives to the partial file and to the hash. It decides nothing about
 * retrying; it reports what happened (complete / short / restart) or throws an AttemptFailure
 * the caller may retry, or a ModelDownloadError that ends the download.
 */
import type { ModelFile } from "./catalogue-types";
import { DownloadAbortedError, HashMismatchError, ModelDownloadError, ModelFileNotFoundError, QuotaExceededError } from "./errors";
import { fetchWithPolicy, type HostPolicy } from "./host-policy";
import { StoreQuotaError, type PartialFile } from "./model-store";
import type { RateMeter, DownloadListener } from "./progress";
import type { Sha256 } from "./sha256";

/** A failure worth another attempt: what kind decides the words of the final error. */
export class AttemptFailure extends Error {
  constructor(
    readonly kind: "network" | "server" | "rate",
    message: string,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

export type AttemptOutcome =
  | { kind: "complete" }
  /** The body ended before the expected size; `fullLength` is set when it was a whole file (not a resumed range) that ended cleanly. */
  | { kind: "short"; fullLength: number | null }
  /** The stored bytes cannot be continued (changed file, bad range): start again from zero. */
  | { kind: "restart"; noRange: boolean };

/** The bytes so far; `restart` swaps both for empty ones (the caller owns the store). */
export interface DownloadState {
  partial: PartialFile;
  hasher: Sha256;
  restart(): Promise<void>;
}

export interface AttemptContext {
  file: ModelFile;
  state: DownloadState;
  /** Exact size the file must have, when known (listing or catalogue). */
  size: number | null;
  /** A sha256 will be checked at the end (so a wrongly spliced file cannot be kept). */
  hashed: boolean;
  useRange: boolean;
  /** Send If-Range on resumes (not in browsers: see download-file.ts). */
  ifRange: boolean;
  policy: HostPolicy;
  fetch: typeof fetch;
  signal?: AbortSignal;
  stallTimeoutMs: number;
  meter: RateMeter;
  onEvent?: DownloadListener;
}

export async function attemptOnce(ctx: AttemptContext): Promise<AttemptOutcome> {
  const { file, state } = ctx;
  let offset = state.partial.size;
  const validator = state.partial.validator;
  const headers: Record<string, string> = {};
  if (offset > 0 && ctx.useRange) {
    headers.Range = `bytes=${offset}-`;
    // The server sends the whole (new) file instead of a range when the file changed since the cut.
    if (validator && ctx.ifRange) headers["If-Range"] = validator;
  }
  const stall = new StallWatch(ctx.stallTimeoutMs, ctx.signal);
  let response: Response;
  try {
    response = await fetchWithPolicy(ctx.fetch, file.url, { headers, signal: stall.signal, cache: "no-store", credentials: "omit", referrerPolicy: "no-referrer" }, ctx.policy);
  } catch (error) {
    throw stall.translate(error, file.url);
  }
  try {
    const status = response.status;
    if (status === 404 || status === 410) throw new ModelFileNotFoundError(file.url, status);
    if (status === 401 || status === 403) {
      throw new ModelDownloadError(`The host refused ${file.url} (HTTP ${status}). The model may have become gated or private: choose another model or update the add-on.`);
    }
    if (status === 416) {
      const total = Number(response.headers.get("Content-Range")?.match(/\/(\d+)$/)?.[1] ?? NaN);
      if (offset > 0 && (total === offset || ctx.size === offset)) return { kind: "complete" };
      return { kind: "restart", noRange: false };
    }
    if (status === 429) throw new AttemptFailure("rate", "HTTP 429 Too Many Requests", 429, retryAfterMs(response.headers.get("Retry-After")));
    if (!response.ok || !response.body) throw new AttemptFailure("server", `HTTP ${status} ${response.statusText}`.trim(), status, retryAfterMs(response.headers.get("Retry-After")));

    const etag = response.headers.get("ETag");
    if (offset > 0 && status === 206) {
      const range = response.headers.get("Content-Range")?.match(/^bytes (\d+)-\d+\/(\d+|\*)$/);
      if (!range) {
        // Cross-origin, Content-Range is hidden unless the host exposes it. Without it the bytes could
        // be any part of any version: continue only when the length is exactly the rest of the listed
        // size and a sha256 will judge the result; otherwise fetch the whole file.
        const rest = Number(response.headers.get("Content-Length"));
        if (!(ctx.hashed && ctx.size !== null && rest === ctx.size - offset)) return cancelled(response, { kind: "restart", noRange: true });
      } else if (Number(range[1]) !== offset) {
        return cancelled(response, { kind: "restart", noRange: false });
      }
      if (etag && validator && isStrong(etag) && etag !== validator) return cancelled(response, { kind: "restart", noRange: false });
    } else if (offset > 0) {
      // 200 to a resume: Range ignored, or If-Range said the file changed. This body is the whole file: keep it instead.
      await state.restart();
      offset = 0;
    } else if (status === 206) {
      return cancelled(response, { kind: "restart", noRange: true });
    }
    if (offset === 0) await state.partial.setValidator(validatorOf(etag, response.headers.get("Last-Modified")));

    // A compressed body decodes to more bytes than Content-Length says: only the listing's size counts then.
    const encoded = (response.headers.get("Content-Encoding") ?? "identity") !== "identity";
    const length = Number(response.headers.get("Content-Length"));
    const lengthKnown = !encoded && response.headers.has("Content-Length") && Number.isFinite(length);
    const total = ctx.size ?? (lengthKnown ? offset + length : null);
    await consumeBody(ctx, response.body, stall, offset, total);
    const stored = state.partial.size;
    if (ctx.size !== null ? stored < ctx.size : lengthKnown && stored < offset + length) {
      return { kind: "short", fullLength: offset === 0 ? stored : null };
    }
    return { kind: "complete" };
  } catch (error) {
    await response.body?.cancel().catch(() => undefined);
    throw stall.translate(error, file.url);
  } finally {
    stall.stop();
  }
}

async function cancelled(response: Response, outcome: AttemptOutcome): Promise<AttemptOutcome> {
  await response.body?.cancel().catch(() => undefined);
  return outcome;
}

async function consumeBody(ctx: AttemptContext, body: ReadableStream<Uint8Array>, stall: StallWatch, resumedFrom: number, total: number | null): Promise<void> {
  const { file } = ctx;
  const { partial, hasher } = ctx.state;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await readUnlessAborted(reader, stall.signal);
      if (done) return;
      stall.reset();
      if (ctx.size !== null && partial.size + value.length > ctx.size) {
        throw new HashMismatchError(file.url, `${ctx.size} bytes`, `more than ${ctx.size} bytes`, false);
      }
      try {
        await partial.append(value);
      } catch (error) {
        if (error instanceof StoreQuotaError) throw new QuotaExceededError(error.neededBytes, error.availableBytes);
        throw error;
      }
      hasher.update(value);
      ctx.meter.record(partial.size);
      ctx.onEvent?.({
        type: "file-progress",
        url: file.url,
        path: file.path,
        loadedBytes: partial.size,
        totalBytes: total,
        bytesPerSecond: ctx.meter.bytesPerSecond,
        etaSeconds: ctx.meter.eta(partial.size, total),
        resumedFrom,
      });
    }
  } catch (error) {
    // Not awaited: after an abort the stream may never answer; the error is what matters now.
    void reader.cancel().catch(() => undefined);
    throw error;
  }
}

/**
 * `reader.read()`, but rejecting as soon as `signal` aborts. Node's fetch (undici, Node 20) can leave
 * a read started just after the abort pending forever instead of rejecting it; then the download
 * never settles, its partial file stays open, and the next Download of the same file, which joins
 * it, waits forever (the panel's Cancel → Download hung in CI that way).
 */
function readUnlessAborted<T>(reader: ReadableStreamDefaultReader<T>, signal: AbortSignal): Promise<ReadableStreamReadResult<T>> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    reader.read().then(
      (result) => {
        signal.removeEventListener("abort", onAbort);
        resolve(result);
      },
      (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** Aborts the request when no byte arrives for `ms` (a connection that hangs without closing). */
class StallWatch {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stalled = false;
  private readonly onOuterAbort = () => this.controller.abort();

  constructor(
    private readonly ms: number,
    private readonly outer: AbortSignal | undefined,
  ) {
    outer?.addEventListener("abort", this.onOuterAbort, { once: true });
    if (outer?.aborted) this.controller.abort();
    this.reset();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  reset(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.stalled = true;
      this.controller.abort();
    }, this.ms);
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.outer?.removeEventListener("abort", this.onOuterAbort);
  }

  /** A thrown error → what the download loop should see. */
  translate(error: unknown, url: string): unknown {
    if (this.outer?.aborted) return new DownloadAbortedError(url);
    if (this.stalled) return new AttemptFailure("network", `no data received for ${Math.round(this.ms / 1000)} s`);
    if (error instanceof ModelDownloadError || error instanceof AttemptFailure) return error;
    return new AttemptFailure("network", error instanceof Error ? error.message : String(error));
  }
}

function isStrong(etag: string): boolean {
  return !etag.startsWith("W/");
}

/** If-Range needs a strong ETag; Last-Modified is the fallback validator HTTP allows. */
function validatorOf(etag: string | null, lastModified: string | null): string | null {
  if (etag && isStrong(etag)) return etag;
  return lastModified;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
