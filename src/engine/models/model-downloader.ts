/**
 * The model downloader: whole models (all files of a variant), one shared download per file no
 * matter how many callers ask for it, a quota check and a persistence request before the first
 * byte, aggregated progress, and an offline path that opens a fully cached model without any
 * network request.
 */
import { describeDownload } from "./catalogue";
import type { CatalogueModel, ModelFile, ModelVariant } from "./catalogue-types";
import { fetchFileToStore } from "./download-file";
import { openStoredModel, type CachedModel } from "./cached-model";
import { DownloadAbortedError, QuotaExceededError } from "./errors";
import { checkRequestUrl, type HostPolicy } from "./host-policy";
import type { ExpectedFile } from "./hub-listing";
import { listingFor } from "./listing-store";
import { storeKey, type ModelStore, type StoredFileMeta } from "./model-store";
import { RateMeter, type DownloadEvent, type DownloadListener } from "./progress";
import { checkedMeta, verifyVariant } from "./stored-check";

export type { CachedModel, CachedModelFile } from "./cached-model";

export interface ModelDownloaderOptions {
  store: ModelStore;
  /** Defaults to globalThis.fetch; tests pass a recording wrapper. */
  fetch?: typeof fetch;
  /** Hosts files may come from (the catalogue's allowedHosts); anything else is refused unfetched. */
  allowedHosts: readonly string[];
  /** Where those hosts may redirect (the catalogue's redirectHosts). */
  redirectHosts?: readonly string[];
  maxRetries?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  stallTimeoutMs?: number;
  maxRetryAfterMs?: number;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onEvent?: DownloadListener;
  /** Files fetched at the same time (default 2: enough to hide latency, gentle on the host). */
  concurrency?: number;
  /** Hosts for this call (the catalogue the model comes from); the downloader's own by default. */
  policy?: HostPolicy;
}

export interface FileDownloadOptions extends Omit<DownloadOptions, "concurrency"> {
  /** The Hub listing's entry for this file. */
  expected?: ExpectedFile;
}

interface SharedDownload {
  promise: Promise<StoredFileMeta>;
  controller: AbortController;
  listeners: Set<DownloadListener>;
  subscribers: number;
}

export class ModelDownloader {
  private readonly inFlight = new Map<string, SharedDownload>();

  constructor(private readonly options: ModelDownloaderOptions) {}

  get store(): ModelStore {
    return this.options.store;
  }

  /**
   * Downloads (or finds in the store) one file. Concurrent calls for the same file share one
   * download; each caller's signal only detaches that caller, and the download stops when the
   * last caller has gone.
   */
  downloadFile(file: ModelFile, options: FileDownloadOptions = {}): Promise<StoredFileMeta> {
    const policy = options.policy ?? this.policy;
    checkRequestUrl(file.url, policy);
    const key = storeKey(file.url, file.sha256);
    // A caller that has already gone starts nothing (a download with no one to stop it would run on).
    if (options.signal?.aborted) return Promise.reject(new DownloadAbortedError(file.url));
    let shared = this.inFlight.get(key);
    if (shared?.controller.signal.aborted) {
      // Everyone left that download and it is winding down (closing its partial file): start again
      // once it has, instead of sharing its "aborted" ending. This is Cancel then Download at once.
      const ending = shared.promise;
      return ending.then(
        () => this.downloadFile(file, options),
        () => this.downloadFile(file, options),
      );
    }
    if (!shared) {
      const controller = new AbortController();
      const listeners = new Set<DownloadListener>();
      const promise = fetchFileToStore(file, {
        store: this.options.store,
        fetch: this.options.fetch ?? globalThis.fetch.bind(globalThis),
        policy,
        expected: options.expected,
        signal: controller.signal,
        onEvent: (e) => listeners.forEach((l) => l(e)),
        maxRetries: this.options.maxRetries,
        initialBackoffMs: this.options.initialBackoffMs,
        maxBackoffMs: this.options.maxBackoffMs,
        stallTimeoutMs: this.options.stallTimeoutMs,
        maxRetryAfterMs: this.options.maxRetryAfterMs,
      }).finally(() => this.inFlight.delete(key));
      shared = { promise, controller, listeners, subscribers: 0 };
      this.inFlight.set(key, shared);
    }
    return this.subscribe(shared, file.url, options);
  }

  private get policy(): HostPolicy {
    return { allowedHosts: this.options.allowedHosts, redirectHosts: this.options.redirectHosts ?? [] };
  }

  private get fetchImpl(): typeof fetch {
    return this.options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  private subscribe(shared: SharedDownload, url: string, options: FileDownloadOptions): Promise<StoredFileMeta> {
    const { signal, onEvent } = options;
    if (signal?.aborted) return Promise.reject(new DownloadAbortedError(url));
    shared.subscribers++;
    if (onEvent) shared.listeners.add(onEvent);
    return new Promise<StoredFileMeta>((resolve, reject) => {
      let settled = false;
      const leave = () => {
        if (onEvent) shared.listeners.delete(onEvent);
        signal?.removeEventListener("abort", onAbort);
      };
      const onAbort = () => {
        if (settled) return;
        settled = true;
        leave();
        if (--shared.subscribers === 0) shared.controller.abort();
        reject(new DownloadAbortedError(url));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      shared.promise.then(
        (meta) => {
          if (settled) return;
          settled = true;
          shared.subscribers--;
          leave();
          resolve(meta);
        },
        (error) => {
          if (settled) return;
          settled = true;
          shared.subscribers--;
          leave();
          reject(error);
        },
      );
    });
  }

  /** Downloads every file of a variant (skipping verified cached ones) and returns it ready to load. */
  async downloadModel(model: CatalogueModel, variant: ModelVariant, options: DownloadOptions = {}): Promise<CachedModel> {
    const policy = options.policy ?? this.policy;
    variant.files.forEach((f) => checkRequestUrl(f.url, policy));
    const store = this.options.store;
    const metas = await Promise.all(variant.files.map((f) => checkedMeta(store, storeKey(f.url, f.sha256))));
    const missing = variant.files.filter((_, i) => !metas[i]);
    let expected = new Map<string, ExpectedFile>();
    if (missing.length > 0) {
      // The Hub's listing first: exact sizes and hashes for every byte, and a layout refused before any download.
      expected = await listingFor(model, variant, { store, fetch: this.fetchImpl, policy, signal: options.signal });
      await this.checkQuota(missing, expected);
      await store.persist().catch(() => false);
    }

    const description = describeDownload(model, variant);
    const loaded = new Map<string, number>();
    const totals = new Map<string, number>(variant.files.map((f) => [f.url, f.size ?? 0]));
    const meter = new RateMeter();
    let filesDone = 0;
    const emitModel = () => {
      let loadedBytes = 0;
      let totalBytes = 0;
      for (const f of variant.files) {
        loadedBytes += loaded.get(f.url) ?? 0;
        totalBytes += totals.get(f.url) ?? 0;
      }
      meter.record(loadedBytes);
      options.onEvent?.({
        type: "model-progress",
        modelId: model.id,
        variantId: variant.id,
        loadedBytes,
        totalBytes: Math.max(totalBytes, loadedBytes),
        bytesPerSecond: meter.bytesPerSecond,
        etaSeconds: meter.eta(loadedBytes, totalBytes),
        filesDone,
        filesTotal: description.files.length,
      });
    };
    const onFileEvent = (e: DownloadEvent) => {
      options.onEvent?.(e);
      if (e.type === "file-progress") {
        loaded.set(e.url, e.loadedBytes);
        if (e.totalBytes !== null) totals.set(e.url, e.totalBytes);
        emitModel();
      } else if (e.type === "file-done") {
        loaded.set(e.url, e.size);
        totals.set(e.url, e.size);
        filesDone++;
        emitModel();
      }
    };

    // A failure in one file stops the others (their partial bytes stay for a resume).
    const group = new AbortController();
    const onOuterAbort = () => group.abort();
    options.signal?.addEventListener("abort", onOuterAbort, { once: true });
    if (options.signal?.aborted) group.abort();
    try {
      const queue = [...variant.files];
      const worker = async () => {
        for (let file = queue.shift(); file; file = queue.shift()) {
          await this.downloadFile(file, { signal: group.signal, onEvent: onFileEvent, policy, expected: expected.get(file.url) });
        }
      };
      const workers = Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker);
      await Promise.all(workers.map((w) => w.catch((error) => { group.abort(); throw error; })));
    } catch (error) {
      if (options.signal?.aborted) throw new DownloadAbortedError();
      throw error;
    } finally {
      options.signal?.removeEventListener("abort", onOuterAbort);
    }
    return this.openCachedModel(model, variant);
  }

  /** Opens a fully cached, verified model without touching the network; throws ModelNotCachedError otherwise. */
  openCachedModel(model: CatalogueModel, variant: ModelVariant): Promise<CachedModel> {
    return openStoredModel(this.options.store, model, variant);
  }

  /**
   * Hashes every stored file of a variant again (the user's "Verify"): files whose bytes no longer
   * match are deleted, so the next Download fetches exactly those. Returns the paths that failed.
   */
  verifyModel(variant: ModelVariant): Promise<{ checked: number; failed: string[] }> {
    return verifyVariant(this.options.store, variant);
  }

  private async checkQuota(missing: ModelFile[], expected: Map<string, ExpectedFile>): Promise<void> {
    const estimate = await this.options.store.estimate().catch(() => null);
    if (!estimate) return;
    const needed = missing.reduce((sum, f) => sum + (expected.get(f.url)?.size ?? f.size ?? 0), 0);
    const available = estimate.quota - estimate.usage;
    if (needed > available) throw new QuotaExceededError(needed, available);
  }
}
