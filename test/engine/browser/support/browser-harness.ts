/**
 * Builds the harness page and the engine worker with esbuild, serves them with the tiny models and
 * ORT's runtime files from 127.0.0.1 (a secure context: navigator.gpu exists there), and opens
 * the page in Chromium (test/support/browser-session.ts does all three).
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { openEsbuildPage } from "../../../support/browser-session";
import { repoRoot } from "../../../support/fixture-dirs";
import type { StaticServer } from "../../../support/static-server";
import type { Harness } from "./harness-page";
import { tinyModelsDir } from "./tiny-fixture";

export interface BrowserHarness {
  server: StaticServer;
  browser: Browser;
  page: Page;
  /** Calls `window.harness[method](...args)` in the page. */
  call<K extends keyof Harness>(method: K, ...args: Parameters<Harness[K]>): Promise<Awaited<ReturnType<Harness[K]>>>;
  close(): Promise<void>;
}

export async function openHarness(options: { webgpu: boolean }): Promise<BrowserHarness> {
  const session = await openEsbuildPage(
    {
      "engine.worker": join(repoRoot, "src/engine/worker/engine.worker.ts"),
      harness: join(repoRoot, "test/engine/browser/support/harness-page.ts"),
    },
    {
      webgpu: options.webgpu,
      mounts: { "/models/": tinyModelsDir, "/ort/": join(repoRoot, "node_modules/onnxruntime-web/dist") },
      pages: { "/": `<!doctype html><meta charset="utf-8"><title>engine harness</title><script type="module" src="/app/harness.js"></script>` },
    },
  );
  const { page, server, browser } = session;
  page.on("console", (message) => {
    if (message.type() === "error") console.log(`[page] ${message.text()}`);
  });
  try {
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => "harness" in window);
  } catch (error) {
    await session.close();
    throw error;
  }
  return {
    server,
    browser,
    page,
    call: (method, ...args) =>
      page.evaluate(
        ([m, a]) => ((window as unknown as { harness: Record<string, (...x: unknown[]) => unknown> }).harness[m as string](...(a as unknown[])) as Promise<never>),
        [method, args] as const,
      ),
    close: session.close,
  };
}
