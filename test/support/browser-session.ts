/**
 * The one setup of every *.browser.test.ts: a build (the playground, a webpack fixture through the
 * add-on's own config, or an esbuild bundle), served by the test static server, open in headless
 * Chromium. Page errors and console errors are collected for the test to assert on.
 *
 *   const s = await openPlayground({ webgpu: false });      // s.page shows /playground/
 *   const s = await openWebpackFixture(entry, { mounts });   // s.dir holds the production bundle
 *   const s = await openEsbuildPage({ harness: file }, {...}); // served under /app/
 *   ...
 *   await s.close();
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./chromium";
import { startPlaygroundServer } from "./playground-dev-server";
import { serveStatic, type ServeOptions, type StaticServer } from "./static-server";
import { cachedWebpackBuild, type WebpackMode } from "./webpack-build";

export interface SessionOptions extends ServeOptions {
  /** Expose WebGPU (SwiftShader); default off: wasm is what the tests run, SwiftShader only slows it. */
  webgpu?: boolean;
  viewport?: { width: number; height: number };
  /** Runs in the page before any of its scripts (e.g. seeding localStorage). */
  initScript?: () => void;
  /** Path to open once the page exists; none leaves it blank. */
  open?: string;
}

export interface BrowserSession {
  server: StaticServer;
  browser: Browser;
  page: Page;
  /** The served build's folder. */
  dir: string;
  /** The address the page was opened at (the origin when none was). */
  url: string;
  /** Uncaught page errors and console.error lines, in order. */
  errors: string[];
  close(): Promise<void>;
}

/** Launches Chromium on an already running server and opens a page; on failure stops them both. */
async function openBrowser(server: StaticServer, dir: string, options: SessionOptions, cleanup: () => void): Promise<BrowserSession> {
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server.close();
    cleanup();
  };
  try {
    browser = await launchChromium({ webgpu: options.webgpu ?? false });
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    if (options.initScript) await page.addInitScript(options.initScript);
    const url = `${server.origin}${options.open ?? "/"}`;
    if (options.open !== undefined) await page.goto(url, { timeout: 120_000 });
    return { server, browser, page, dir, url, errors, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Serves `dir` at "/" (plus the options' mounts), launches Chromium and opens a page. */
async function openSession(dir: string, options: SessionOptions, cleanup: () => void = () => undefined): Promise<BrowserSession> {
  const server = await serveStatic({ ...options, mounts: { "/": dir, ...options.mounts } });
  return openBrowser(server, dir, options, cleanup);
}

export interface PlaygroundOptions extends SessionOptions {
  mode?: WebpackMode;
  /** Serve through `npm run playground` (webpack-dev-server, compiled anew) instead of the cached build. */
  devServer?: boolean;
}

/** The playground (the panel next to the simulated Express document), built once per source state. */
export async function openPlayground(options: PlaygroundOptions = {}): Promise<BrowserSession> {
  if (options.devServer) {
    const dev = await startPlaygroundServer();
    const url = new URL(dev.playgroundUrl);
    // The dev server keeps no request log; its output folder lives in memory.
    const server: StaticServer = { origin: url.origin, log: [], close: dev.stop };
    return openBrowser(server, "", { open: url.pathname, ...options }, () => undefined);
  }
  const dir = await cachedWebpackBuild({ only: "playground", mode: options.mode ?? "development" });
  return openSession(dir, { open: "/playground/", ...options });
}

/** A test entry built as the add-on's panel (production, the shipped config), served at "/". */
export async function openWebpackFixture(panelEntry: string, options: SessionOptions = {}): Promise<BrowserSession> {
  const dir = await cachedWebpackBuild({ only: "panel", mode: "production", panelEntry });
  return openSession(dir, options);
}

/** Entry points bundled by esbuild (ES modules, no type check), served at "/app/<name>.js". */
export async function openEsbuildPage(entryPoints: Record<string, string>, options: SessionOptions = {}): Promise<BrowserSession> {
  const outDir = mkdtempSync(join(tmpdir(), "lgf-esbuild-"));
  try {
    await build({ entryPoints, outdir: outDir, bundle: true, format: "esm", platform: "browser", target: "es2022", logLevel: "error" });
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
  return openSession(outDir, { ...options, mounts: { "/app/": outDir, ...options.mounts } }, () => rmSync(outDir, { recursive: true, force: true }));
}
