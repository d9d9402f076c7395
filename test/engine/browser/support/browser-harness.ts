/**
 * Builds the harness page and the engine worker with esbuild, serves them with the tiny models and
 * ORT's runtime files from 127.0.0.1 (a secure context: navigator.gpu exists there), and opens
 * the page in Chromium.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../../support/chromium";
import { repoRoot } from "../../../support/fixture-dirs";
import type { Harness } from "./harness-page";
import { startTestServer, type TestServer } from "./test-server";
import { tinyModelsDir } from "./tiny-fixture";

export interface BrowserHarness {
  server: TestServer;
  browser: Browser;
  page: Page;
  /** Calls `window.harness[method](...args)` in the page. */
  call<K extends keyof Harness>(method: K, ...args: Parameters<Harness[K]>): Promise<Awaited<ReturnType<Harness[K]>>>;
  close(): Promise<void>;
}

export async function openHarness(options: { webgpu: boolean }): Promise<BrowserHarness> {
  const outDir = mkdtempSync(join(tmpdir(), "lgf-engine-browser-"));
  await build({
    entryPoints: {
      "engine.worker": join(repoRoot, "src/engine/worker/engine.worker.ts"),
      harness: join(repoRoot, "test/engine/browser/support/harness-page.ts"),
    },
    outdir: outDir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    logLevel: "error",
  });
  const server = await startTestServer(
    { "/app/": outDir, "/models/": tinyModelsDir, "/ort/": join(repoRoot, "node_modules/onnxruntime-web/dist") },
    { "/": `<!doctype html><meta charset="utf-8"><title>engine harness</title><script type="module" src="/app/harness.js"></script>` },
  );
  const browser = await launchChromium({ webgpu: options.webgpu });
  const page = await browser.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") console.log(`[page] ${message.text()}`);
  });
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => "harness" in window);
  return {
    server,
    browser,
    page,
    call: (method, ...args) =>
      page.evaluate(
        ([m, a]) => ((window as unknown as { harness: Record<string, (...x: unknown[]) => unknown> }).harness[m as string](...(a as unknown[])) as Promise<never>),
        [method, args] as const,
      ),
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
