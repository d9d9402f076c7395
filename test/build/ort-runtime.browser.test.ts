/**
 * The built add-on runs onnxruntime-web from its own files: a fixture entry, built with the
 * add-on's webpack config, runs the tiny text encoder in Chromium with ORT's runtime found through
 * __ORT_WASM_BASE__, and every request the page makes stays on the local server.
 */
import { join } from "node:path";
import * as ort from "onnxruntime-web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWebpackFixture, type BrowserSession } from "../support/browser-session";
import { fixturePath, repoRoot } from "../support/fixture-dirs";

const modelsDir = fixturePath("TINY_SD_MODELS_DIR", "test/fixtures/tiny-sd/models");
const inputIds = [0, 5, 17, 999, 2];

let served: BrowserSession;

beforeAll(async () => {
  served = await openWebpackFixture(join(repoRoot, "test/build/fixtures/ort-smoke-entry.ts"), { mounts: { "/models/": modelsDir } });
});

afterAll(async () => {
  await served?.close();
});

type Smoke = { wasmBase: string; dims: number[]; values: number[] };

describe("onnxruntime-web in the built bundle", () => {
  it("loads its wasm runtime from the add-on's own ort/ folder, on the page and in a module worker, and matches ORT in Node", async () => {
    const { page, server } = served;
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    page.on("worker", (worker) => requests.push(worker.url()));
    const query = new URLSearchParams({ model: `${server.origin}/models/text_encoder/model.onnx`, ids: JSON.stringify(inputIds) });
    await page.goto(`${server.origin}/index.html?${query}`);
    const onPage = await page.evaluate(() => (window as unknown as { ortSmoke: Promise<Smoke> }).ortSmoke);
    const inWorker = await page.evaluate(() => (window as unknown as { ortSmokeWorker: Promise<Smoke> }).ortSmokeWorker);

    const session = await ort.InferenceSession.create(join(modelsDir, "text_encoder/model.onnx"));
    const reference = await session.run({ input_ids: new ort.Tensor("int32", Int32Array.from(inputIds), [1, inputIds.length]) });
    const expected = reference.last_hidden_state.data as Float32Array;

    for (const [where, result] of [["page", onPage], ["worker", inWorker]] as const) {
      expect(result.wasmBase, where).toBe(`${server.origin}/ort/`);
      expect(result.dims, where).toEqual([1, inputIds.length, 32]);
      expect(result.values, where).toHaveLength(expected.length);
      const maxDiff = Math.max(...result.values.map((value, i) => Math.abs(value - expected[i])));
      expect(maxDiff, where).toBeLessThan(1e-4);
    }
    expect(requests).toContain(`${server.origin}/ort/ort-wasm-simd-threaded.jsep.wasm`);
    expect(requests.some((url) => /\/chunks\/.+\.js$/.test(url)), "the worker chunk was loaded").toBe(true);
    expect(requests.filter((url) => !url.startsWith(`${server.origin}/`))).toEqual([]);
  });
});
