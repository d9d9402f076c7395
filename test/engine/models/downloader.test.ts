/**
 * The downloader against a real HTTP server on 127.0.0.1 serving the tiny-sd fixture models, with
 * a Node directory store in a temp folder.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { catalogueUrls } from "../../../src/engine/models/catalogue";
import type { Catalogue, CatalogueModel, ModelVariant } from "../../../src/engine/models/catalogue-types";
import {
  DownloadAbortedError,
  HashMismatchError,
  ModelFileNotFoundError,
  ModelNotCachedError,
  NetworkError,
  QuotaExceededError,
  ServerError,
} from "../../../src/engine/models/errors";
import { ModelDownloader } from "../../../src/engine/models/model-downloader";
import { storeKey } from "../../../src/engine/models/model-store";
import { NodeDirectoryStore } from "../../../src/engine/models/node-directory-store";
import type { DownloadEvent } from "../../../src/engine/models/progress";
import { startModelServer, type ModelServer } from "./model-server";
import { fixtureFiles, testCatalogue } from "./test-catalogue";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const UNET = "/tiny-sd/unet/model.onnx";

let server: ModelServer;
let files: Map<string, Uint8Array>;
let dir: string;
let catalogue: Catalogue;
let model: CatalogueModel;
let variant: ModelVariant;
let requested: string[];

function downloader(store = new NodeDirectoryStore(dir), extra: Partial<ConstructorParameters<typeof ModelDownloader>[0]> = {}) {
  const recordingFetch: typeof fetch = (input, init) => {
    requested.push(String(input));
    return fetch(input, init);
  };
  return new ModelDownloader({ store, fetch: recordingFetch, allowedHosts: catalogue.allowedHosts, initialBackoffMs: 5, maxBackoffMs: 20, ...extra });
}

beforeEach(async () => {
  files = fixtureFiles();
  server = await startModelServer(files);
  dir = mkdtempSync(join(tmpdir(), "lgf-models-"));
  catalogue = testCatalogue(server.origin, files, { unpinned: ["vae_encoder/model.onnx"] });
  model = catalogue.models[0];
  variant = model.variants[0];
  requested = [];
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("ModelDownloader (Node directory store, real HTTP server)", () => {
  it("downloads a whole model, verifies every file and reads back identical bytes", async () => {
    const events: DownloadEvent[] = [];
    const cached = await downloader().downloadModel(model, variant, { onEvent: (e) => events.push(e) });
    for (const f of variant.files) {
      const bytes = await cached.file(f.role).read();
      const original = files.get(new URL(f.url).pathname)!;
      expect(bytes.length).toBe(original.length);
      expect(sha(bytes)).toBe(sha(original));
    }
    const done = events.filter((e) => e.type === "file-done");
    expect(done).toHaveLength(4);
    // The unpinned file is trusted on first use and says so; its recorded hash is the real one.
    const tofu = done.find((e) => e.type === "file-done" && e.path === "vae_encoder/model.onnx");
    expect(tofu).toMatchObject({ trustOnFirstUse: true, fromCache: false, sha256: sha(files.get("/tiny-sd/vae_encoder/model.onnx")!) });
    const last = events.filter((e) => e.type === "model-progress").at(-1)!;
    const total = [...files.values()].reduce((s, b) => s + b.length, 0);
    expect(last).toMatchObject({ loadedBytes: total, totalBytes: total, filesDone: 4, filesTotal: 4 });
  });

  it("makes no request other than the catalogue's URLs, and none at all once everything is cached", async () => {
    const d = downloader();
    await d.downloadModel(model, variant);
    const allowed = catalogueUrls(catalogue);
    expect(requested.length).toBeGreaterThan(0);
    for (const url of requested) expect(allowed.has(url)).toBe(true);
    for (const entry of server.log) expect(allowed.has(server.origin + entry.path)).toBe(true);

    // Offline start: a new downloader on the same folder opens the model without any request.
    requested = [];
    const logBefore = server.log.length;
    const again = downloader();
    const cached = await again.openCachedModel(model, variant);
    expect(cached.files).toHaveLength(4);
    await again.downloadModel(model, variant);
    expect(requested).toEqual([]);
    expect(server.log.length).toBe(logBefore);
  });

  it("refuses a URL whose host is not allowed, before any request", async () => {
    const d = new ModelDownloader({ store: new NodeDirectoryStore(dir), allowedHosts: ["huggingface.co"], fetch: () => Promise.reject(new Error("no fetch expected")) });
    await expect(d.downloadModel(model, variant)).rejects.toThrow(/not an allowed model host/);
  });

  it("resumes with a Range request after the server cuts the stream, without re-fetching earlier bytes", async () => {
    const unet = files.get(UNET)!;
    const cut = 1_000_000;
    server.behaviours.set(UNET, { cutAfterBytes: cut, times: 1 });
    const events: DownloadEvent[] = [];
    const d = downloader();
    const meta = await d.downloadFile(variant.files.find((f) => f.role === "unet")!, { onEvent: (e) => events.push(e) });
    expect(meta.sha256).toBe(sha(unet));

    const unetLog = server.log.filter((l) => l.path === UNET);
    expect(unetLog).toHaveLength(2);
    expect(unetLog[0]).toMatchObject({ range: null, status: 200, bytesSent: cut });
    // What the client had stored when the stream failed. A fetch body that errors drops chunks
    // still queued in the stream, so this can be a little below the cut: those few KB are the only
    // bytes fetched twice; everything stored is never fetched again.
    const retryAt = events.findIndex((e) => e.type === "file-retry");
    expect(retryAt).toBeGreaterThan(0);
    const stored = Math.max(...events.slice(0, retryAt).map((e) => (e.type === "file-progress" ? e.loadedBytes : 0)));
    expect(stored).toBeLessThanOrEqual(cut);
    expect(stored).toBeGreaterThan(cut - 256 * 1024);
    // The second request starts exactly where the stored bytes end, and the two add up to the file.
    expect(unetLog[1]).toMatchObject({ range: `bytes=${stored}-`, status: 206, start: stored, bytesSent: unet.length - stored });
    expect(events.some((e) => e.type === "file-progress" && e.resumedFrom === stored)).toBe(true);
  });

  it("resumes a partial file left by an earlier session (hash state rebuilt from disk)", async () => {
    const unetFile = variant.files.find((f) => f.role === "unet")!;
    const unet = files.get(UNET)!;
    server.behaviours.set(UNET, { cutAfterBytes: 2_000_000, times: 1 });
    // First session gives up immediately after the cut (no retries), leaving a partial file.
    const firstEvents: DownloadEvent[] = [];
    await expect(downloader(undefined, { maxRetries: 0 }).downloadFile(unetFile, { onEvent: (e) => firstEvents.push(e) })).rejects.toBeInstanceOf(NetworkError);
    // Bytes the first session stored (chunks still queued in a failed fetch body are dropped, so
    // this may be a little below the cut).
    const stored = Math.max(...firstEvents.map((e) => (e.type === "file-progress" ? e.loadedBytes : 0)));
    expect(stored).toBeGreaterThan(2_000_000 - 256 * 1024);
    expect(stored).toBeLessThanOrEqual(2_000_000);
    const meta = await downloader().downloadFile(unetFile);
    expect(meta.sha256).toBe(sha(unet));
    const unetLog = server.log.filter((l) => l.path === UNET);
    expect(unetLog.at(-1)).toMatchObject({ range: `bytes=${stored}-`, start: stored });
  });

  it("restarts from zero when a server ignores Range, and still verifies", async () => {
    const unetFile = variant.files.find((f) => f.role === "unet")!;
    server.behaviours.set(UNET, { cutAfterBytes: 500_000, times: 1, ignoreRange: true });
    const meta = await downloader().downloadFile(unetFile);
    expect(meta.sha256).toBe(sha(files.get(UNET)!));
    expect(server.log.filter((l) => l.path === UNET).map((l) => l.status)).toEqual([200, 200]);
  });

  it("rejects corrupt bytes: discards them, re-fetches once, then fails with nothing cached", async () => {
    const store = new NodeDirectoryStore(dir);
    const unetFile = variant.files.find((f) => f.role === "unet")!;
    server.behaviours.set(UNET, { corruptByteAt: 12345 });
    const events: DownloadEvent[] = [];
    const error = await downloader(store).downloadFile(unetFile, { onEvent: (e) => events.push(e) }).catch((e) => e);
    expect(error).toBeInstanceOf(HashMismatchError);
    expect(error.name).toBe("HashMismatchError");
    expect(events.filter((e) => e.type === "file-refetch")).toHaveLength(1);
    expect(server.log.filter((l) => l.path === UNET)).toHaveLength(2);
    expect(await store.getMeta(storeKey(unetFile.url, unetFile.sha256))).toBeNull();
    expect(await store.list()).toEqual([]);
  });

  it("recovers when only the first copy was corrupt", async () => {
    const unetFile = variant.files.find((f) => f.role === "unet")!;
    server.behaviours.set(UNET, { corruptByteAt: 7, times: 1 });
    const meta = await downloader().downloadFile(unetFile);
    expect(meta.sha256).toBe(sha(files.get(UNET)!));
  });

  it("reports 404 as ModelFileNotFoundError without retrying, and keeps already cached files", async () => {
    const store = new NodeDirectoryStore(dir);
    const te = variant.files.find((f) => f.role === "text-encoder")!;
    await downloader(store).downloadFile(te);
    server.behaviours.set(UNET, { notFound: true });
    const error = await downloader(store).downloadModel(model, variant, { concurrency: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(ModelFileNotFoundError);
    expect(error.message).toMatch(/HTTP 404/);
    expect(server.log.filter((l) => l.path === UNET)).toHaveLength(1);
    expect(await store.getMeta(storeKey(te.url, te.sha256))).not.toBeNull();
  });

  it("retries 503 with backoff and gives up with ServerError (not a connection problem) when the server stays down", async () => {
    const unetFile = variant.files.find((f) => f.role === "unet")!;
    server.behaviours.set(UNET, { unavailable: true, times: 2 });
    const events: DownloadEvent[] = [];
    await downloader().downloadFile(unetFile, { onEvent: (e) => events.push(e) });
    const delays = events.filter((e) => e.type === "file-retry").map((e) => (e.type === "file-retry" ? e.delayMs : 0));
    expect(delays).toEqual([5, 10]);

    server.behaviours.set("/tiny-sd/vae_decoder/model.onnx", { unavailable: true });
    const vae = variant.files.find((f) => f.role === "vae-decoder")!;
    const error = await downloader(undefined, { maxRetries: 2 }).downloadFile(vae).catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toMatch(/HTTP 503/);
    expect(error.message).not.toMatch(/internet connection/);
    expect(server.log.filter((l) => l.path === "/tiny-sd/vae_decoder/model.onnx")).toHaveLength(3);
  });

  it("reports a network that is down as NetworkError", async () => {
    const d = new ModelDownloader({
      store: new NodeDirectoryStore(dir),
      allowedHosts: catalogue.allowedHosts,
      initialBackoffMs: 1,
      maxRetries: 1,
      fetch: () => Promise.reject(new TypeError("fetch failed")),
    });
    const error = await d.downloadFile(variant.files[0]).catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(/internet connection/);
  });

  it("streams progress with rate and ETA from a slow server", async () => {
    const te = variant.files.find((f) => f.role === "text-encoder")!;
    server.behaviours.set("/tiny-sd/text_encoder/model.onnx", { chunkBytes: 32 * 1024, chunkDelayMs: 20 });
    const progress: Extract<DownloadEvent, { type: "file-progress" }>[] = [];
    await downloader().downloadFile(te, { onEvent: (e) => e.type === "file-progress" && progress.push(e) });
    expect(progress.length).toBeGreaterThanOrEqual(8);
    const loaded = progress.map((p) => p.loadedBytes);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(loaded.at(-1)).toBe(te.size);
    const mid = progress[Math.floor(progress.length / 2)];
    // 32 KiB per 20 ms is at most 1.6 MB/s; the meter must see a positive, bounded rate and an ETA.
    expect(mid.bytesPerSecond).toBeGreaterThan(10_000);
    expect(mid.bytesPerSecond).toBeLessThan(5_000_000);
    expect(mid.etaSeconds).not.toBeNull();
    expect(mid.etaSeconds!).toBeGreaterThan(0);
    expect(mid.totalBytes).toBe(te.size);
  });

  it("cancels through the AbortSignal, keeps the partial bytes, and resumes later", async () => {
    const store = new NodeDirectoryStore(dir);
    const unetFile = variant.files.find((f) => f.role === "unet")!;
    server.behaviours.set(UNET, { chunkBytes: 64 * 1024, chunkDelayMs: 10, times: 1 });
    const controller = new AbortController();
    const error = await downloader(store)
      .downloadFile(unetFile, { signal: controller.signal, onEvent: (e) => e.type === "file-progress" && e.loadedBytes > 1_000_000 && controller.abort() })
      .catch((e) => e);
    expect(error).toBeInstanceOf(DownloadAbortedError);
    expect(error.name).toBe("DownloadAbortedError");
    expect(await store.getMeta(storeKey(unetFile.url, unetFile.sha256))).toBeNull();
    const meta = await downloader(store).downloadFile(unetFile);
    expect(meta.sha256).toBe(sha(files.get(UNET)!));
    const second = server.log.filter((l) => l.path === UNET)[1];
    expect(second.range).toMatch(/^bytes=\d+-$/);
    expect(second.start).toBeGreaterThan(1_000_000);
  });

  it("shares one download between concurrent requests for the same file", async () => {
    const d = downloader();
    const unetFile = variant.files.find((f) => f.role === "unet")!;
    server.behaviours.set(UNET, { chunkBytes: 256 * 1024, chunkDelayMs: 2 });
    const [a, b, c] = await Promise.all([d.downloadFile(unetFile), d.downloadFile(unetFile), d.downloadModel(model, variant)]);
    expect(a.sha256).toBe(b.sha256);
    expect(c.file("unet").sha256).toBe(a.sha256);
    expect(server.log.filter((l) => l.path === UNET)).toHaveLength(1);
  });

  it("one caller cancelling does not cancel the download another caller still waits for", async () => {
    const d = downloader();
    const unetFile = variant.files.find((f) => f.role === "unet")!;
    server.behaviours.set(UNET, { chunkBytes: 128 * 1024, chunkDelayMs: 5 });
    const controller = new AbortController();
    const first = d.downloadFile(unetFile, { signal: controller.signal });
    const second = d.downloadFile(unetFile);
    controller.abort();
    await expect(first).rejects.toBeInstanceOf(DownloadAbortedError);
    expect((await second).sha256).toBe(sha(files.get(UNET)!));
  });

  it("refuses before downloading when the store's quota is too small, and when a write overflows it", async () => {
    const total = [...files.values()].reduce((s, b) => s + b.length, 0);
    const small = new NodeDirectoryStore(dir, { quotaBytes: total - 1 });
    const error = await downloader(small).downloadModel(model, variant).catch((e) => e);
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(server.log).toHaveLength(0);

    // A file larger than the catalogue said (size not exact) overflows during the write.
    const te = { ...variant.files[0], sizeExact: false, size: 10 };
    const tight = new NodeDirectoryStore(join(dir, "tight"), { quotaBytes: 100_000 });
    const overflow = await downloader(tight).downloadFile(te).catch((e) => e);
    expect(overflow).toBeInstanceOf(QuotaExceededError);
  });

  it("openCachedModel names the missing files when the model is not fully cached", async () => {
    const d = downloader();
    await d.downloadFile(variant.files[0]);
    const error = await d.openCachedModel(model, variant).catch((e) => e);
    expect(error).toBeInstanceOf(ModelNotCachedError);
    expect(error.missing).toEqual(["unet/model.onnx", "vae_decoder/model.onnx", "vae_encoder/model.onnx"]);
  });
});
