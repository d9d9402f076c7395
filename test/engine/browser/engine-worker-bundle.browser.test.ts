/**
 * The engine worker as the product ships it: the panel bundle built by the project's webpack
 * config from an entry that calls createEngineWorker(). The worker chunk finds ORT's CPU runtime
 * through __ORT_WASM_BASE__, the panel bundle stays free of onnxruntime-web, and a tiny
 * text-to-image runs end to end with previews.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWebpackFixture, type BrowserSession } from "../../support/browser-session";
import { repoRoot } from "../../support/fixture-dirs";
import { tinyModelsDir } from "./support/tiny-fixture";

let session: BrowserSession;

beforeAll(async () => {
  const entry = join(repoRoot, "test/engine/browser/fixtures/engine-worker-entry.ts");
  session = await openWebpackFixture(entry, { mounts: { "/models/": tinyModelsDir } });
});

afterAll(async () => {
  await session?.close();
});

describe("engine worker in the webpack bundle", () => {
  it("keeps onnxruntime-web out of the panel bundle and in the worker chunk", () => {
    const outDir = session.dir;
    const panel = readFileSync(join(outDir, "index.js"), "utf8");
    expect(panel.length).toBeLessThan(50_000);
    expect(panel).not.toMatch(/InferenceSession/);
    expect(readdirSync(join(outDir, "chunks")).some((f) => /^generative-fill-engine\..*\.js$/.test(f))).toBe(true);
    expect(readdirSync(join(outDir, "ort")).sort()).toEqual(expect.arrayContaining(["ort-wasm-simd-threaded.wasm", "ort-wasm-simd-threaded.jsep.wasm"]));
  });

  it("runs a tiny text-to-image through the worker with ORT's files from the bundle's ort/ folder", async () => {
    const { page, server } = session;
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${server.origin}/index.html?models=${encodeURIComponent(`${server.origin}/models/`)}`);
    const result = await page.evaluate(() => (window as unknown as { engineRun: Promise<unknown> }).engineRun);
    expect(result).toEqual({ backend: "wasm", loadedBackend: "wasm", previews: [1, 2], size: [64, 64], resultBackend: "wasm" });
    expect(requests).toContain(`${server.origin}/ort/ort-wasm-simd-threaded.wasm`);
    expect(requests.filter((u) => !u.startsWith(server.origin))).toEqual([]);
  });
});
