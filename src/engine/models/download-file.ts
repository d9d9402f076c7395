/**
 * Fetches one catalogue file into a ModelStore: streaming, resumable with HTTP Range, bounded
 * retries with exponential backoff, sha256 computed while the bytes arrive and checked before the
 * file becomes a complete store entry. A corrupt file is discarded and fetched again once.
 */
import type { ModelFile } from "./catalogue-types";
import {
  DownloadAbortedError,
  HashMismatchError,
  ModelDownloadError,
  ModelFileNotFoundError,
  NetworkError,
  QuotaExceededError,
} from "./errors";
import { storeKey, StoreQuotaError, type ModelStore, type PartialFile, type StoredFileMeta } from "./model-store";
import { RateMeter, type DownloadListener } from "./progress";
import { Sha256 } from "./sha256";

export interface FetchFileOptions {
  store: ModelStore;
  fetch: typeof fetch;
  signal?: AbortSignal;
  onEvent?: DownloadListener;
  /** Consecutive failed attempts (no byte received) before giving up. Default 4. */
  maxRetries?: number;
  /** First backoff delay; doubles each failure up to maxBackoffMs. Default 500 ms / 8 s. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

/** Stops runaway loops on a server that keeps cutting after a few bytes. */
const MAX_TOTAL_ATTEMPTS = 64;

export async function fetchFileToStore(file: ModelFile, options: FetchFileOptions): Promise<StoredFileMeta> {
  const { store, onEvent } = options;
  const key = storeKey(file.url, file.sha256);
  const cached = await store.getMeta(key);
  if (cached) {
    onEvent?.({ type: "file-done", url: file.url, path: file.path, sha256: cached.sha256, size: cached.size, fromCache: true, trustOnFirstUse: !cached.hashPinned });
    return cached;
  }
  for (let pass = 0; ; pass++) {
    const { sha256, size } = await downloadToPartial(file, key, options);
    const problem = verify(file, sha256, size);
    if (!problem) {
      const meta: StoredFileMeta = { key, url: file.url, sha256, size, hashPinned: file.hashPinned, storedAt: new Date().toISOString() };
      await store.commit(key, meta);
      onEvent?.({ type: "file-done", url: file.url, path: file.path, sha256, size, fromCache: false, trustOnFirstUse: !file.hashPinned });
      return meta;
    }
    // Never keep bytes that failed verification, and never let them reach a session.
    await store.discardPartial(key);
    if (pass >= 1) throw new HashMismatchError(file.url, problem.expected, problem.actual);
    onEvent?.({ type: "file-refetch", url: file.url, path: file.path, reason: `verification failed (expected ${problem.expected}, got ${problem.actual})` });
  }
}

function verify(file: ModelFile, sha256: string, size: number): { expected: string; actual: string } | null {
  if (file.sizeExact && file.size !== null && size !== file.size) return { expected: `${file.size} bytes`, actual: `${size} bytes` };
  if (file.sha256 !== null && sha256 !== file.sha256) return { expected: `sha256 ${file.sha256}`, actual: `sha256 ${sha256}` };
  return null;
}

/** Brings the partial file to completion; returns its hash and size. */
async function downloadToPartial(file: ModelFile, key: string, options: FetchFileOptions): Promise<{ sha256: string; size: number }> {
  const { store, signal, onEvent } = options;
  const maxRetries = options.maxRetries ?? 4;
  const initialBackoff = options.initialBackoffMs ?? 500;
  const maxBackoff = options.maxBackoffMs ?? 8000;
  const expectedSize = file.sizeExact ? file.size : null;

  let partial = await store.openPartial(key);
  let hasher = new Sha256();
  try {
    if (partial.size > 0) {
      if (expectedSize !== null && partial.size > expectedSize) {
        ({ partial, hasher } = await restart(store, key, partial));
      } else {
        // A previous session left bytes: rebuild the hash state from them instead of re-fetching.
        for await (const chunk of partial.read()) hasher.update(chunk);
      }
    }
    const meter = new RateMeter();
    let failures = 0;
    let lastError: unknown = null;
    for (let attempt = 1; attempt <= MAX_TOTAL_ATTEMPTS; attempt++) {
      throwIfAborted(signal, file.url);
      if (failures > 0) {
        const delayMs = Math.min(maxBackoff, initialBackoff * 2 ** (failures - 1));
        onEvent?.({ type: "file-retry", url: file.url, path: file.path, attempt, delayMs, reason: describe(lastError) });
        await sleep(delayMs, signal, file.url);
      }
      const offset = partial.size;
      if (expectedSize !== null && offset === expectedSize) break;
      const before = offset;
      try {
        const outcome = await fetchOnce(file, partial, hasher, offset, expectedSize, meter, options);
        if (outcome.kind === "restart") {
          ({ partial, hasher } = await restart(store, key, partial));
          if (outcome.body) {
            // The server ignored Range and sent the whole file: keep it instead of asking again.
            await consumeBody(file, outcome.body, partial, hasher, 0, outcome.total, meter, options);
            if (outcome.total === null || partial.size >= outcome.total) break;
          }
          failures = 0;
          continue;
        }
        if (outcome.kind === "complete") break;
        lastError = new Error(`connection closed at byte ${partial.size} of ${outcome.total}`);
      } catch (error) {
        if (error instanceof ModelDownloadError) throw error;
        if (signal?.aborted) throw new DownloadAbortedError(file.url);
        lastError = error;
      }
      // Progress resets the failure count: a slow, flaky link still finishes, a dead one does not.
      failures = partial.size > before ? 1 : failures + 1;
      if (failures > maxRetries) throw new NetworkError(file.url, attempt, lastError);
    }
    if (expectedSize !== null && partial.size < expectedSize) throw new NetworkError(file.url, MAX_TOTAL_ATTEMPTS, lastErrorOf(partial, expectedSize));
    return { sha256: hasher.digestHex(), size: partial.size };
  } finally {
    await partial.close();
  }
}

function lastErrorOf(partial: PartialFile, expected: number): Error {
  return new Error(`stopped at byte ${partial.size} of ${expected}`);
}

async function restart(store: ModelStore, key: string, partial: PartialFile): Promise<{ partial: PartialFile; hasher: Sha256 }> {
  await partial.close();
  await store.discardPartial(key);
  return { partial: await store.openPartial(key), hasher: new Sha256() };
}

type FetchOutcome =
  | { kind: "complete" }
  | { kind: "incomplete"; total: number | null }
  | { kind: "restart"; body: ReadableStream<Uint8Array> | null; total: number | null };

/** One HTTP request from `offset`; appends what arrives. Throws on network errors (retried). */
async function fetchOnce(
  file: ModelFile,
  partial: PartialFile,
  hasher: Sha256,
  offset: number,
  expectedSize: number | null,
  meter: RateMeter,
  options: FetchFileOptions,
): Promise<FetchOutcome> {
  const headers: Record<string, string> = {};
  // "bytes=N-" is a CORS-safelisted Range value, so resuming needs no preflight.
  if (offset > 0) headers.Range = `bytes=${offset}-`;
  let response: Response;
  try {
    response = await options.fetch(file.url, {
      headers,
      signal: options.signal,
      // The store keeps the bytes; the HTTP cache would hold a second multi-GB copy.
      cache: "no-store",
      credentials: "omit",
      referrerPolicy: "no-referrer",
    });
  } catch (error) {
    if (options.signal?.aborted) throw new DownloadAbortedError(file.url);
    throw error;
  }
  if (response.status === 404 || response.status === 410) {
    await response.body?.cancel().catch(() => undefined);
    throw new ModelFileNotFoundError(file.url, response.status);
  }
  if (response.status === 416) {
    // Nothing left to send from this offset: either we already have everything, or the partial is bogus.
    await response.body?.cancel().catch(() => undefined);
    const total = totalFromContentRange(response.headers.get("Content-Range"));
    if (offset > 0 && (total === offset || expectedSize === offset)) return { kind: "complete" };
    return { kind: "restart", body: null, total: null };
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel().catch(() => undefined);
    throw new ModelDownloadError(
      `The host refused ${file.url} (HTTP ${response.status}). The model may have become gated or private: choose another model or update the add-on.`,
    );
  }
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());

  const length = Number(response.headers.get("Content-Length"));
  const lengthKnown = response.headers.has("Content-Length") && Number.isFinite(length);
  if (offset > 0 && response.status === 200) {
    const total = expectedSize ?? (lengthKnown ? length : null);
    return { kind: "restart", body: response.body, total };
  }
  if (offset > 0 && response.status === 206) {
    const start = startFromContentRange(response.headers.get("Content-Range"));
    // Content-Range is not CORS-exposed by every host; when it is readable it must match.
    if (start !== null && start !== offset) {
      await response.body.cancel().catch(() => undefined);
      return { kind: "restart", body: null, total: null };
    }
  }
  const total = expectedSize ?? (lengthKnown ? offset + length : null);
  await consumeBody(file, response.body, partial, hasher, offset, total, meter, options);
  if (total !== null && partial.size < total) return { kind: "incomplete", total };
  return { kind: "complete" };
}

async function consumeBody(
  file: ModelFile,
  body: ReadableStream<Uint8Array>,
  partial: PartialFile,
  hasher: Sha256,
  resumedFrom: number,
  total: number | null,
  meter: RateMeter,
  options: FetchFileOptions,
): Promise<void> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (total !== null && partial.size + value.length > total) {
        throw new ModelDownloadError(`The server sent more bytes than expected for ${file.url} (over ${total}).`);
      }
      try {
        await partial.append(value);
      } catch (error) {
        if (error instanceof StoreQuotaError) throw new QuotaExceededError(error.neededBytes, error.availableBytes);
        throw error;
      }
      hasher.update(value);
      meter.record(partial.size);
      options.onEvent?.({
        type: "file-progress",
        url: file.url,
        path: file.path,
        loadedBytes: partial.size,
        totalBytes: total,
        bytesPerSecond: meter.bytesPerSecond,
        etaSeconds: meter.eta(partial.size, total),
        resumedFrom,
      });
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    if (options.signal?.aborted) throw new DownloadAbortedError(file.url);
    throw error;
  }
}

function startFromContentRange(header: string | null): number | null {
  const m = header?.match(/^bytes (\d+)-\d+\/(\d+|\*)$/);
  return m ? Number(m[1]) : null;
}

function totalFromContentRange(header: string | null): number | null {
  const m = header?.match(/\/(\d+)$/);
  return m ? Number(m[1]) : null;
}

function throwIfAborted(signal: AbortSignal | undefined, url: string): void {
  if (signal?.aborted) throw new DownloadAbortedError(url);
}

function sleep(ms: number, signal: AbortSignal | undefined, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DownloadAbortedError(url));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DownloadAbortedError(url));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
