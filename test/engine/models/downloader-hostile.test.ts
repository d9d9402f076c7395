/**
 * The downloader against a misbehaving server (issue 13 item 6): each gap a hostile or broken host
 * exposed, with the behaviour that closes it. Real HTTP on 127.0.0.1, Node directory store.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Catalogue, ModelFile } from "../../../src/engine/models/catalogue-types";
import { CatalogueError, HashMismatchError, NetworkError, RateLimitedError, RedirectError, ServerError } from "../../../src/engine/models/errors";
import { checkRequestUrl } from "../../../src/engine/models/host-policy";
import { downloadModel, openCachedModel } from "../../../src/engine/models/index";
import { ModelDownloader } from "../../../src/engine/models/model-downloader";
import { storeKey } from "../../../src/engine/models/model-store";
import { NodeDirectoryStore } from "../../../src/engine/models/node-directory-store";
import type { DownloadEvent } from "../../../src/engine/models/progress";
import { startModelServer, type ModelServer } from "./model-server";
import { fixtureFiles, testCatalogue } from "./test-catalogue";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const UNET = "/tiny-sd/unet/model.onnx";

let server: ModelServer;
let other: ModelServer;
let files: Map<string, Uint8Array>;
let dir: string;
let catalogue: Catalogue;
let unetFile: ModelFile;

function downloader(extra: Partial<ConstructorParameters<typeof ModelDownloader>[0]> = {}) {
  return new ModelDownloader({ store: new NodeDirectoryStore(dir), allowedHosts: catalogue.allowedHosts, redirectHosts: catalogue.redirectHosts, initialBackoffMs: 5, maxBackoffMs: 20, ...extra });
}

const unetLog = () => server.log.filter((l) => l.path === UNET);

beforeEach(async () => {
  files = fixtureFiles();
  server = await startModelServer(files);
  other = await startModelServer(files);
  dir = mkdtempSync(join(tmpdir(), "lgf-hostile-"));
  catalogue = testCatalogue(server.origin, files);
  unetFile = catalogue.models[0].variants[0].files.find((f) => f.role === "unet")!;
});

afterEach(async () => {
  await server.close();
  await other.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("redirects", () => {
  it("refuses a redirect to a host that is not allowed before requesting it, and keeps nothing", async () => {
    server.behaviours.set(UNET, { redirectTo: `${other.origin}${UNET}` });
    const error = await downloader().downloadFile(unetFile).catch((e) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error.message).toMatch(/not a model host this add-on trusts/);
    expect(other.log).toHaveLength(0);
    expect(await new NodeDirectoryStore(dir).list()).toEqual([]);
  });

  it("follows a redirect to a listed redirect host (the Hub's CDN) and verifies the bytes", async () => {
    catalogue = testCatalogue(server.origin, files, { redirectHosts: [other.host] });
    server.behaviours.set(UNET, { redirectTo: `${other.origin}${UNET}` });
    const meta = await downloader().downloadFile(unetFile);
    expect(meta.sha256).toBe(sha(files.get(UNET)!));
    expect(other.log.map((l) => l.path)).toEqual([UNET]);
  });

  it("where redirects are opaque (browsers), checks response.url before reading a byte", async () => {
    server.behaviours.set(UNET, { redirectTo: `${other.origin}${UNET}` });
    // A browser hides a manual redirect's target; the downloader then lets it follow and checks where it ended.
    const browserLike: typeof fetch = async (input, init) => {
      if (init?.redirect === "manual") return { type: "opaqueredirect", status: 0, ok: false, headers: new Headers(), body: null, url: "" } as unknown as Response;
      return fetch(input, init);
    };
    const error = await downloader({ fetch: browserLike }).downloadFile(unetFile).catch((e) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(await new NodeDirectoryStore(dir).list()).toEqual([]);
  });

  it("refuses plain http outside loopback, for catalogue URLs and redirect targets", async () => {
    expect(() => checkRequestUrl("http://huggingface.co/x", { allowedHosts: ["huggingface.co"], redirectHosts: [] })).toThrow(CatalogueError);
    catalogue = testCatalogue(server.origin, files, { redirectHosts: ["example.com"] });
    server.behaviours.set(UNET, { redirectTo: "http://example.com/unet.onnx" });
    const error = await downloader().downloadFile(unetFile).catch((e) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error.message).toMatch(/not a secure \(https\) address/);
  });

  it("names a redirect loop as a loop, not as a connection problem", async () => {
    server.behaviours.set(UNET, { redirectTo: "/loop-b" });
    files.set("/loop-b", new Uint8Array(1));
    server.behaviours.set("/loop-b", { redirectTo: UNET });
    const error = await downloader().downloadFile(unetFile).catch((e) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error.message).toMatch(/in a loop/);
    expect(error.message).not.toMatch(/internet connection/);
  });
});

describe("truncated and mixed files", () => {
  it("a close-delimited body cut short is resumed, not stored as complete", async () => {
    server.behaviours.set(UNET, { closeDelimited: true, cutAfterBytes: 1_000_000, times: 1 });
    const meta = await downloader().downloadFile(unetFile);
    expect(meta).toMatchObject({ sha256: sha(files.get(UNET)!), size: files.get(UNET)!.length });
    expect(unetLog()[1].range).toBe("bytes=1000000-");
  });

  it("a chunked (gzip) body cut short is resumed (undici waits on a half-closed chunked body: the stall timeout ends the wait)", async () => {
    server.behaviours.set(UNET, { gzip: true, cutAfterBytes: 200_000, times: 1 });
    const events: DownloadEvent[] = [];
    const meta = await downloader({ stallTimeoutMs: 3000 }).downloadFile(unetFile, { onEvent: (e) => events.push(e) });
    expect(events.filter((e) => e.type === "file-retry").length).toBeGreaterThanOrEqual(1);
    expect(meta.sha256).toBe(sha(files.get(UNET)!));
  });

  it("a Content-Length shorter than the file is not the end of the file", async () => {
    server.behaviours.set(UNET, { contentLength: 3_000_000, times: 1 });
    const meta = await downloader().downloadFile(unetFile);
    expect(meta.sha256).toBe(sha(files.get(UNET)!));
    expect(unetLog().map((l) => l.range)).toEqual([null, "bytes=3000000-"]);
  });

  it("a file that changed between the cut and the resume is fetched whole (If-Range), never spliced", async () => {
    const changed = new Uint8Array(files.get(UNET)!.length + 100).fill(7);
    server.behaviours.set(UNET, { cutAfterBytes: 1_000_000, times: 1, replaceWith: changed });
    const unpinned: ModelFile = { ...unetFile, sha256: null, hashPinned: false, sizeExact: false };
    const meta = await downloader().downloadFile(unpinned);
    const [first, second] = unetLog();
    expect(second.ifRange).toBe(`"${sha(files.get(UNET)!).slice(0, 16)}"`);
    expect(second.status).toBe(200); // the server saw the ETag no longer matched
    expect(first.status).toBe(200);
    expect(meta).toMatchObject({ sha256: sha(changed), size: changed.length });
  });

  it("a 206 without Content-Range is not spliced into a file no sha256 will check: it is fetched again from the start", async () => {
    server.behaviours.set(UNET, { cutAfterBytes: 1_000_000, times: 1, noContentRange: true });
    const unpinned: ModelFile = { ...unetFile, sha256: null, hashPinned: false };
    const meta = await downloader().downloadFile(unpinned);
    expect(meta.sha256).toBe(sha(files.get(UNET)!));
    const log = unetLog();
    expect(log[1].status).toBe(206);
    expect(log.at(-1)).toMatchObject({ range: null, status: 200 });
    expect(log).toHaveLength(3);
  });

  it("a 206 without Content-Range (hidden cross-origin) continues a hashed file only when its length is exactly the rest", async () => {
    server.behaviours.set(UNET, { cutAfterBytes: 1_000_000, times: 1, noContentRange: true });
    const meta = await downloader().downloadFile(unetFile);
    expect(meta.sha256).toBe(sha(files.get(UNET)!));
    expect(unetLog().map((l) => l.status)).toEqual([200, 206]);
  });

  it("a short body on a pinned file fails after a few requests, not 64 full downloads", async () => {
    const short = files.get(UNET)!.subarray(0, 2_000_000);
    server.behaviours.set(UNET, { replaceWith: short, times: 0, ignoreRange: true });
    const error = await downloader({ maxRetries: 4 }).downloadFile(unetFile).catch((e) => e);
    expect(error).toBeInstanceOf(HashMismatchError);
    expect(error.message).toMatch(/2000000 bytes/);
    expect(unetLog().length).toBeLessThanOrEqual(3);
    expect(await new NodeDirectoryStore(dir).getMeta(storeKey(unetFile.url, unetFile.sha256))).toBeNull();
  });
});

describe("retries and their words", () => {
  it("after a failed download, Download makes requests again and completes", async () => {
    server.behaviours.set(UNET, { unavailable: true });
    const model = catalogue.models[0];
    const variant = model.variants[0];
    const store = new NodeDirectoryStore(dir);
    const first = await downloadModel(model, variant, { store, catalogue }).catch((e) => e);
    expect(first).toBeInstanceOf(ServerError);
    const before = unetLog().length;
    server.behaviours.delete(UNET);
    const cached = await downloadModel(model, variant, { store, catalogue });
    expect(unetLog().length).toBeGreaterThan(before);
    expect(cached.file("unet").sha256).toBe(sha(files.get(UNET)!));
  }, 30_000);

  it("honours Retry-After, and a wait longer than it will hold says when to come back", async () => {
    server.behaviours.set(UNET, { status: 503, retryAfter: "1", times: 1 });
    const events: DownloadEvent[] = [];
    await downloader().downloadFile(unetFile, { onEvent: (e) => events.push(e) });
    const retry = events.find((e) => e.type === "file-retry");
    expect(retry).toMatchObject({ delayMs: 1000 });

    server.behaviours.set(UNET, { status: 429, retryAfter: "600" });
    const key = storeKey(unetFile.url, unetFile.sha256);
    await new NodeDirectoryStore(dir).delete(key);
    const before = unetLog().length;
    const error = await downloader({ maxRetryAfterMs: 5000 }).downloadFile(unetFile).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.message).toMatch(/HTTP 429.*about 10 min/);
    expect(unetLog().length - before).toBe(1);
  });

  it("429 and 500 have their own words, not 'check the internet connection'", async () => {
    server.behaviours.set(UNET, { status: 429 });
    const limited = await downloader({ maxRetries: 1 }).downloadFile(unetFile).catch((e) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    server.behaviours.set(UNET, { status: 500 });
    const failing = await downloader({ maxRetries: 1 }).downloadFile(unetFile).catch((e) => e);
    expect(failing).toBeInstanceOf(ServerError);
    for (const e of [limited, failing]) expect(e.message).not.toMatch(/internet connection/);
    const down = await new ModelDownloader({ store: new NodeDirectoryStore(dir), allowedHosts: catalogue.allowedHosts, maxRetries: 0, fetch: () => Promise.reject(new TypeError("fetch failed")) })
      .downloadFile(unetFile)
      .catch((e) => e);
    expect(down).toBeInstanceOf(NetworkError);
    expect(down.message).toMatch(/internet connection/);
  });

  it("a connection that stalls is dropped after the stall timeout and resumed", async () => {
    server.behaviours.set(UNET, { hangAfterBytes: 500_000, times: 1 });
    const events: DownloadEvent[] = [];
    const meta = await downloader({ stallTimeoutMs: 400 }).downloadFile(unetFile, { onEvent: (e) => events.push(e) });
    expect(meta.sha256).toBe(sha(files.get(UNET)!));
    expect(events.find((e) => e.type === "file-retry")).toMatchObject({ reason: expect.stringMatching(/no data received/) });
    expect(unetLog()[1].range).toMatch(/^bytes=\d+-$/);
  });
});

describe("one downloader per store, hosts per catalogue (playground)", () => {
  it("a second catalogue on another host downloads through the same store", async () => {
    const store = new NodeDirectoryStore(dir);
    const first = testCatalogue(server.origin, files);
    const second = testCatalogue(other.origin, files);
    await downloadModel(first.models[0], first.models[0].variants[0], { store, catalogue: first });
    const cached = await downloadModel(second.models[0], second.models[0].variants[0], { store, catalogue: second });
    expect(cached.files).toHaveLength(4);
    expect(other.log.filter((l) => l.path === UNET)).toHaveLength(1);
    await expect(openCachedModel(second.models[0], second.models[0].variants[0], store, second)).resolves.toBeTruthy();
  });
});
