/**
 * Support for browser tests that need the playground as users get it: a production build (no Lit or
 * Spectrum dev-mode code; test/support's cached build) served by the test static server, console
 * lines from the page and its workers, screenshots of a part of the panel, and model files placed
 * in the browser's model cache (OPFS) as a finished download leaves them, so a multi-GB model can
 * be "on this device" without the network. The files are sparse (right size, no bytes): listing and deleting never read them.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { findModel, getCatalogue, sha256Hex, storeKey, type StoredFileMeta } from "../../src/engine/models";
import { repoRoot } from "../support/fixture-dirs";
import { serveStatic, type StaticServer } from "../support/static-server";
import { cachedWebpackBuild } from "../support/webpack-build";

export interface ProductionPlayground {
  url: string;
  close(): Promise<void>;
}

/** `webpack --mode production --env only=playground` (cached under a hash of its inputs), served on 127.0.0.1. */
export async function buildProductionPlayground(): Promise<ProductionPlayground> {
  const dir = await cachedWebpackBuild({ only: "playground", mode: "production" });
  const server: StaticServer = await serveStatic({ mounts: { "/": dir } });
  return { url: `${server.origin}/playground/index.html`, close: () => server.close() };
}

/** Every console line of the page and of its workers (Playwright reports worker lines on the page too). */
export function collectConsole(page: Page): { type: string; text: string; where: string }[] {
  const lines: { type: string; text: string; where: string }[] = [];
  page.on("console", (m) => lines.push({ type: m.type(), text: m.text(), where: m.worker()?.url() ?? "page" }));
  page.on("pageerror", (e) => lines.push({ type: "pageerror", text: e.message, where: "page" }));
  return lines;
}

const screenshotDir = join(repoRoot, "test-results/screenshots");

/** Screenshot of the panel from the top of one element to the bottom of another (test ids), 320 px wide. */
export async function shootPanelPart(page: Page, name: string, fromTestId: string, toTestId = fromTestId, pad = 8): Promise<Buffer> {
  mkdirSync(screenshotDir, { recursive: true });
  // A part below the fold (the Models list grew) is scrolled to first: a clip must lie in the viewport.
  await page.getByTestId(fromTestId).first().scrollIntoViewIfNeeded();
  const column = await page.locator("#panel-column").boundingBox();
  const top = await page.getByTestId(fromTestId).first().boundingBox();
  const bottom = await page.getByTestId(toTestId).first().boundingBox();
  if (!column || !top || !bottom) throw new Error(`shootPanelPart(${name}): ${fromTestId} or ${toTestId} is not visible`);
  const y = Math.max(column.y, top.y - pad);
  const clip = { x: column.x, y, width: column.width, height: bottom.y + bottom.height + pad - y };
  return page.screenshot({ path: join(screenshotDir, `${name}.png`), clip });
}

/** The OPFS entries (name → meta) a completed download of these catalogue variants leaves. */
export function cacheEntriesFor(parts: { modelId: string; variantId: string }[]): { name: string; size: number; meta: StoredFileMeta }[] {
  const catalogue = getCatalogue();
  return parts.flatMap(({ modelId, variantId }) => {
    const variant = findModel(catalogue, modelId).variants.find((v) => v.id === variantId)!;
    return variant.files.map((file) => {
      if (file.size === null) throw new Error(`${modelId}/${file.path}: the catalogue gives no size to place`);
      const key = storeKey(file.url, file.sha256);
      const meta: StoredFileMeta = { key, url: file.url, sha256: file.sha256 ?? "0".repeat(64), size: file.size, hashPinned: file.sha256 !== null, storedAt: new Date().toISOString(), verifiedBy: "listing" };
      return { name: sha256Hex(key).slice(0, 32), size: file.size, meta };
    });
  });
}

/** Writes the entries into the page origin's model cache (OpfsModelStore's folder and file names). */
export async function seedModelCache(page: Page, entries: ReturnType<typeof cacheEntriesFor>): Promise<void> {
  await page.evaluate(async (files) => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle("local-generative-fill-models", { create: true });
    for (const f of files) {
      const bin = await (await dir.getFileHandle(`${f.name}.bin`, { create: true })).createWritable();
      await bin.truncate(f.size); // sparse: the size a download leaves, without writing gigabytes
      await bin.close();
      const json = await (await dir.getFileHandle(`${f.name}.json`, { create: true })).createWritable();
      await json.write(JSON.stringify(f.meta));
      await json.close();
    }
  }, entries);
}

/** Names of the files in the page origin's model cache. */
export function cachedFileNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle("local-generative-fill-models", { create: true });
    const names: string[] = [];
    for await (const [name] of (dir as unknown as { entries(): AsyncIterable<[string, unknown]> }).entries()) names.push(name);
    return names;
  });
}
