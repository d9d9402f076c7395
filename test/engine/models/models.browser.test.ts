/**
 * The browser downloader in real Chromium: the page is served cross-origin-isolated (COOP/COEP
 * require-corp, as Express serves add-ons) and the models come from a second origin that sends
 * CORS headers, like huggingface.co. Shows that the OPFS cache survives a page reload and that a
 * second load makes no request to the model URLs (counted at the server).
 */
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEsbuildPage, type BrowserSession } from "../../support/browser-session";
import { startModelServer, type ModelServer } from "./model-server";
import { externalWeightGraph, fixtureFiles, fixtureProvenance, testCatalogue, tinyFp32Variant } from "./test-catalogue";
import { parseCatalogue } from "../../../src/engine/models/catalogue";
import { localMigan, twinBytes } from "../removal/migan-local";

let session: BrowserSession;
let browser: Browser;
let pageOrigin: string;
let models: ModelServer;
const files = fixtureFiles();

beforeAll(async () => {
  // Cross-origin isolated page: the models come from another origin, so COEP governs every fetch.
  session = await openEsbuildPage(
    { bundle: fileURLToPath(new URL("./browser-entry.ts", import.meta.url)) },
    {
      mounts: { "/ort/": fileURLToPath(new URL("../../../node_modules/onnxruntime-web/dist/", import.meta.url)) },
      pages: { "/index.html": `<!doctype html><script type="module" src="/app/bundle.js"></script>` },
      headers: { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" },
    },
  );
  ({ browser, server: { origin: pageOrigin } } = session);
  models = await startModelServer(files, { "Access-Control-Allow-Origin": "*" });
});

afterAll(async () => {
  await session?.close();
  await models?.close();
});

describe("browser model cache (OPFS, Chromium)", () => {
  it("downloads cross-origin under COEP, survives a reload, and loads again with no network request", async () => {
    const catalogue = testCatalogue(models.origin, files);
    const expected: Record<string, string> = {};
    for (const f of catalogue.models[0].variants[0].files) {
      expected[f.path] = createHash("sha256").update(files.get(new URL(f.url).pathname)!).digest("hex");
    }
    // The first UNet response is cut mid-file: the browser path must resume with Range too.
    models.behaviours.set("/tiny-sd/unet/model.onnx", { cutAfterBytes: 3_000_000, times: 1 });

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${pageOrigin}/index.html`);
    await page.waitForFunction(() => "modelTest" in globalThis);
    expect(await page.evaluate(() => (globalThis as any).modelTest.crossOriginIsolated())).toBe(true);

    const first = await page.evaluate((c) => (globalThis as any).modelTest.download(c), catalogue);
    expect(first.hashes).toEqual(expected);
    expect(first.retries).toBeGreaterThanOrEqual(1);
    const unetLog = models.log.filter((l) => l.path === "/tiny-sd/unet/model.onnx");
    expect(unetLog).toHaveLength(2);
    expect(unetLog[0].range).toBeNull();
    // The resume starts at the bytes the page had stored (Chromium may not hand over the last
    // buffered bytes of a dropped connection), never from zero, and fetches only the rest.
    const resumeAt = Number(unetLog[1].range?.match(/^bytes=(\d+)-$/)?.[1]);
    expect(resumeAt).toBeGreaterThan(0);
    expect(resumeAt).toBeLessThanOrEqual(3_000_000);
    expect(unetLog[1]).toMatchObject({ status: 206, start: resumeAt, bytesSent: files.get("/tiny-sd/unet/model.onnx")!.length - resumeAt });

    const requestsAfterFirstLoad = models.log.length;
    expect(requestsAfterFirstLoad).toBe(5);

    await page.reload();
    await page.waitForFunction(() => "modelTest" in globalThis);
    const second = await page.evaluate((c) => (globalThis as any).modelTest.openOffline(c), catalogue);
    expect(second.hashes).toEqual(expected);
    expect(second.listed).toEqual([expect.objectContaining({ modelId: "tiny-sd", complete: true, filesCached: 4, filesTotal: 4 })]);
    expect(models.log.length).toBe(requestsAfterFirstLoad);
    await context.close();
  });

  it("external data reaches onnxruntime-web as an object URL of the OPFS file (no buffer made by the add-on)", async () => {
    const offset = 1 << 20;
    const graph = externalWeightGraph(offset);
    const data = new Uint8Array(offset + 16);
    data.set(new Uint8Array(new Float32Array([1, 2, 3, 4]).buffer), offset);
    files.set("/ext/unet/model.onnx", graph);
    files.set("/ext/unet/model.onnx_data", data);
    const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
    const entry = (role: "unet" | "unet-data", path: string, bytes: Uint8Array) => ({ role, path, url: `${models.origin}/ext/${path}`, size: bytes.length, sizeExact: true, sha256: sha(bytes), hashPinned: true, ...(role === "unet-data" ? { externalDataPath: "model.onnx_data" } : {}) });
    const catalogue = parseCatalogue({
      version: 1,
      allowedHosts: [models.host],
      models: [{ id: "ext", displayName: "ext", use: "test", family: "test", capabilities: ["text2img"], nativeResolution: { width: 8, height: 8 }, ...fixtureProvenance("ext", models.origin), variants: [tinyFp32Variant({ gpuBytes: 1, wasmHeapBytes: 1 }, [entry("unet", "unet/model.onnx", graph), entry("unet-data", "unet/model.onnx_data", data)])] }],
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${pageOrigin}/index.html`);
    await page.waitForFunction(() => "modelTest" in globalThis);
    const result = await page.evaluate(([c, base]) => (globalThis as any).modelTest.externalData(c, base), [catalogue, `${pageOrigin}/ort/`] as const);
    expect(result).toEqual({ dataRef: "blob:", bytesGiven: graph.length, y: [11, 22, 33, 44] });
    await context.close();
  });

  it("MI-GAN's twin downloads into OPFS from its catalogue entry and removes on wasm in Chromium", async () => {
    files.set("/migan/migan_pipeline_v2.onnx", twinBytes);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${pageOrigin}/index.html`);
    await page.waitForFunction(() => "modelTest" in globalThis);
    const result = await page.evaluate(([c, base]) => (globalThis as any).modelTest.migan(c, base), [localMigan(models.origin), `${pageOrigin}/ort/`] as const);
    // The crop is the export's rule (512 square around the hole's centre, clamped); the twin fills
    // the hole with the mean kept colour (100) + 3; the 1-px ring of the hole is half-way; nothing
    // outside the mask changes although the twin lifted every kept pixel.
    expect(result).toEqual({ crop: { x: 64, y: 0, width: 512, height: 400 }, centre: [103, 103, 103, 100], edge: [179, 179, 179, 100], changedOutside: 0 }); // alpha: the input's (100)
    await context.close();
  });
});
