/**
 * Fetches one catalogue file into a ModelStore: streaming, resumable with HTTP Range (+ If-Range),
 * bounded retries with exponential backoff and Retry-After, a stall timeout, and every byte checked
 * before the file becomes a complete store entry: the exact size and sha256 from the catalogue or
 * the Hub's listing (git blob id for small non-LFS files), else a hash recorded on first use. A
 * corrupt file is discarded and fetched again once; a server whose file is simply the wrong size
 * is not asked again and again.
 */
import type { ModelFile } from "./catalogue-types";
import { DownloadAbortedError, HashMismatchError, ModelDownloadError, NetworkError, RateLimitedError, ServerError } from "./errors";
import { gitBlobOid } from "./git-oid";
import type { HostPolicy } from "./host-policy";
import { AttemptFailure, attemptOnce, type DownloadState } from "./http-attempt";
import type { ExpectedFile } from "./hub-listing";
import { storeKey, type ModelStore, type StoredFileMeta } from "./model-store";
import { RateMeter, type DownloadListener } from "./progress";
import { checkedMeta } from "./stored-check";
import { Sha256 } from "./sha256";

export interface FetchFileOptions {
  store: ModelStore;
  fetch: typeof fetch;
  policy: HostPolicy;
  /** What the Hub's listing says this file is (size, sha256 or git blob id). */
  expected?: ExpectedFile;
  signal?: AbortSignal;
  onEvent?: DownloadListener;
  /** Consecutive failed attempts (no new byte) before giving up. Default 4. */
  maxRetries?: number;
  /** First backoff delay; doubles each failure up to maxBackoffMs. Default 500 ms / 8 s. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A request that receives nothing for this long is dropped and retried. Default 30 s. */
  stallTimeoutMs?: number;
  /** Longest Retry-After waited inside one download; a longer one ends it with its own message. Default 60 s. */
  maxRetryAfterMs?: number;
  /**
   * Send If-Range when resuming. Default: outside browsers only. In a browser If-Range is not a
   * CORS-safelisted header, so it costs a preflight, and the Hub's Xet bridge host fails preflights
   * (huggingface/datasets#7931): there the 206's ETag is compared with the stored one instead, and
   * the final sha256 from the listing rejects any mixed file.
   */
  ifRange?: boolean;
}

function inBrowser(): boolean {
  return typeof (globalThis as { document?: unknown }).document !== "undefined" || typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== "undefined";
}

/** Stops runaway loops on a server that keeps cutting after a few bytes. */
const MAX_TOTAL_ATTEMPTS = 64;

interface Want {
  size: number | null;
  sha256: string | null;
  gitOid: string | null;
  resumable: boolean;
  verifiedBy: NonNullable<StoredFileMeta["verifiedBy"]>;
}

function wantOf(file: ModelFile, expected: ExpectedFile | undefined): Want {
  const sha256 = file.sha256 ?? expected?.sha256 ?? null;
  return {
    size: expected?.size ?? (file.sizeExact ? file.size : null),
    sha256,
    gitOid: sha256 ? null : (expected?.gitOid ?? null),
    resumable: expected ? expected.lfs : true,
    verifiedBy: file.sha256 ? "catalogue" : expected ? "listing" : "first-use",
  };
}

export async function fetchFileToStore(file: ModelFile, options: FetchFileOptions): Promise<StoredFileMeta> {
  const { store, onEvent } = options;
  const key = storeKey(file.url, file.sha256);
  const cached = await checkedMeta(store, key);
  if (cached) {
    onEvent?.({ type: "file-done", url: file.url, path: file.path, sha256: cached.sha256, size: cached.size, fromCache: true, trustOnFirstUse: isFirstUse(cached) });
    return cached;
  }
  const want = wantOf(file, options.expected);
  for (let pass = 0; ; pass++) {
    let got: { sha256: string; size: number; gitOid: string | null };
    try {
      got = await downloadToPartial(file, key, want, options);
    } catch (error) {
      // Bytes that can never verify (the server sent too many), or that cannot be resumed, are not kept.
      if (error instanceof HashMismatchError || !want.resumable) await store.discardPartial(key);
      throw error;
    }
    const problem = mismatch(want, got);
    if (!problem) {
      const meta: StoredFileMeta = {
        key,
        url: file.url,
        sha256: got.sha256,
        size: got.size,
        hashPinned: file.hashPinned,
        storedAt: new Date().toISOString(),
        verifiedBy: want.verifiedBy,
        ...(want.gitOid ? { gitOid: want.gitOid } : {}),
      };
      await store.commit(key, meta);
      onEvent?.({ type: "file-done", url: file.url, path: file.path, sha256: got.sha256, size: got.size, fromCache: false, trustOnFirstUse: want.verifiedBy === "first-use" });
      return meta;
    }
    // Never keep bytes that failed verification, and never let them reach a session.
    await store.discardPartial(key);
    if (pass >= 1) throw new HashMismatchError(file.url, problem.expected, problem.actual);
    onEvent?.({ type: "file-refetch", url: file.url, path: file.path, reason: `verification failed (expected ${problem.expected}, got ${problem.actual})` });
  }
}

export function isFirstUse(meta: StoredFileMeta): boolean {
  return meta.verifiedBy ? meta.verifiedBy === "first-use" : !meta.hashPinned;
}

function mismatch(want: Want, got: { sha256: string; size: number; gitOid: string | null }): { expected: string; actual: string } | null {
  if (want.size !== null && got.size !== want.size) return { expected: `${want.size} bytes`, actual: `${got.size} bytes` };
  if (want.sha256 !== null && got.sha256 !== want.sha256) return { expected: `sha256 ${want.sha256}`, actual: `sha256 ${got.sha256}` };
  if (want.gitOid !== null && got.gitOid !== want.gitOid) return { expected: `git blob ${want.gitOid}`, actual: `git blob ${got.gitOid}` };
  return null;
}

/** Brings the partial file to completion; returns its hash and size. */
async function downloadToPartial(file: ModelFile, key: string, want: Want, options: FetchFileOptions): Promise<{ sha256: string; size: number; gitOid: string | null }> {
  const { store, signal } = options;
  const maxRetries = options.maxRetries ?? 4;
  const initialBackoff = options.initialBackoffMs ?? 500;
  const maxBackoff = options.maxBackoffMs ?? 8000;
  const maxRetryAfter = options.maxRetryAfterMs ?? 60_000;

  const state: DownloadState = {
    partial: await store.openPartial(key),
    hasher: new Sha256(),
    async restart() {
      await state.partial.close();
      await store.discardPartial(key);
      state.partial = await store.openPartial(key);
      state.hasher = new Sha256();
    },
  };
  let useRange = want.resumable;
  try {
    if (state.partial.size > 0) {
      if (!want.resumable || (want.size !== null && state.partial.size > want.size)) {
        await state.restart();
      } else {
        // A previous session left bytes: rebuild the hash state from them instead of re-fetching.
        for await (const chunk of state.partial.read()) state.hasher.update(chunk);
      }
    }
    const meter = new RateMeter();
    let failures = 0;
    let lastFailure: AttemptFailure | null = null;
    let highWater = state.partial.size;
    const cleanFullLengths = new Set<number>();
    for (let attempt = 1; attempt <= MAX_TOTAL_ATTEMPTS; attempt++) {
      if (signal?.aborted) throw new DownloadAbortedError(file.url);
      if (want.size !== null && state.partial.size === want.size) break;
      if (failures > 0) {
        const backoff = Math.min(maxBackoff, initialBackoff * 2 ** (failures - 1));
        const asked = lastFailure?.retryAfterMs ?? 0;
        if (asked > maxRetryAfter) throw finalError(file.url, lastFailure!, attempt - 1);
        const delayMs = Math.max(backoff, asked);
        options.onEvent?.({ type: "file-retry", url: file.url, path: file.path, attempt, delayMs, reason: lastFailure?.message ?? "incomplete" });
        await sleep(delayMs, signal, file.url);
      }
      try {
        const outcome = await attemptOnce({ file, state, size: want.size, hashed: want.sha256 !== null, useRange, ifRange: options.ifRange ?? !inBrowser(), policy: options.policy, fetch: options.fetch, signal, stallTimeoutMs: options.stallTimeoutMs ?? 30_000, meter, onEvent: options.onEvent });
        if (outcome.kind === "complete") break;
        if (outcome.kind === "restart") {
          if (outcome.noRange) useRange = false;
          await state.restart();
          highWater = 0;
          continue;
        }
        if (outcome.fullLength !== null) {
          // The same whole file, ending cleanly at the same wrong length twice: that is the server's file.
          if (cleanFullLengths.has(outcome.fullLength)) throw new HashMismatchError(file.url, `${want.size} bytes`, `${outcome.fullLength} bytes`);
          cleanFullLengths.add(outcome.fullLength);
        }
        lastFailure = new AttemptFailure("network", `connection closed at byte ${state.partial.size} of ${want.size ?? "?"}`);
      } catch (error) {
        if (!(error instanceof AttemptFailure)) throw error;
        lastFailure = error;
      }
      // New bytes reset the count (a slow, flaky link still finishes); the same bytes again do not.
      const reached = state.partial.size;
      if (!useRange && reached > 0) await state.restart();
      if (reached > highWater) {
        highWater = reached;
        failures = 1;
      } else {
        failures++;
      }
      if (failures > maxRetries) throw finalError(file.url, lastFailure!, attempt);
    }
    const size = state.partial.size;
    if (want.size !== null && size < want.size) {
      throw finalError(file.url, lastFailure ?? new AttemptFailure("network", `stopped at byte ${size} of ${want.size}`), MAX_TOTAL_ATTEMPTS);
    }
    const gitOid = want.gitOid ? await gitBlobOid(state.partial.read(), size) : null;
    return { sha256: state.hasher.digestHex(), size, gitOid };
  } finally {
    await state.partial.close();
  }
}

/** The words for the last failure: the host's fault, its rate limit, or the connection. */
function finalError(url: string, failure: AttemptFailure, attempts: number): ModelDownloadError {
  if (failure.kind === "rate") return new RateLimitedError(url, failure.retryAfterMs);
  if (failure.kind === "server") return new ServerError(url, failure.status ?? 500, attempts);
  return new NetworkError(url, attempts, failure);
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
