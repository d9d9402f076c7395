/**
 * The browser downloader in real Chromium: the page is served cross-origin-isolated (COOP/COEP
 * require-corp, as Express serves add-ons) and the models come from a second origin that sends
 * CORS headers, like huggingface.co. Shows that the OPFS cache survives a page reload and that a
 * second load makes no request to the model URLs (counted at the server).
 */
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../support/chromium";
import { startModelServer, type ModelServer } from "./model-server";
import { fixtureFiles, testCatalogue } from "./test-catalogue";

let browser: Browser;
let pageServer: Server;
let pageOrigin: string;
let models: ModelServer;
const files = fixtureFiles();

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL("./browser-entry.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
  });
  const js = bundle.outputFiles[0].text;
  const isolation = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };
  pageServer = createServer((req, res) => {
    if (req.url === "/bundle.js") res.writeHead(200, { "Content-Type": "text/javascript", ...isolation }).end(js);
    else res.writeHead(200, { "Content-Type": "text/html", ...isolation }).end(`<!doctype html><script type="module" src="/bundle.js"></script>`);
  });
  await new Promise<void>((r) => pageServer.listen(0, "127.0.0.1", r));
  pageOrigin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
  models = await startModelServer(files, { "Access-Control-Allow-Origin": "*" });
  browser = await launchChromium({ webgpu: false });
});

afterAll(async () => {
  await browser?.close();
  await models?.close();
  await new Promise((r) => pageServer?.close(r));
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
});
