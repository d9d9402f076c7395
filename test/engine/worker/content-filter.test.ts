/**
 * The content filter inside the engine (in-thread client, Node, real onnxruntime-web wasm, tiny-sd
 * over a real 127.0.0.1 server, model store on disk). The filter is a hand-written tiny classifier
 * that flags images whose mean red is at or above a cut; the cut is placed between the red means of
 * an unscreened reference batch, so the expected verdicts are known independently of the engine.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isWithheld, type GenerateRequest, type GenerateResult, type LoadedModelReport, type RgbaImage } from "../../../src/contract/worker-protocol";
import type { Catalogue } from "../../../src/engine/models/catalogue-types";
import { downloadModel, findModel } from "../../../src/engine/models";
import { NodeDirectoryStore } from "../../../src/engine/models/node-directory-store";
import type { EngineClient } from "../../../src/engine/worker";
import { createInThreadEngineClient } from "../../../src/engine/worker/in-thread-engine-client";
import { SCREENED_PREVIEW_MAX_SIZE } from "../../../src/engine/worker/run-generation";
import { startModelServer, type ModelServer } from "../models/model-server";
import { fixtureFiles, testCatalogue } from "../models/test-catalogue";
import { readCase, type TinyCase } from "../browser/support/tiny-fixture";
import { encode, FILTER_CONFIG, filterModel, filterPreprocessor, redFilterOnnx, redMean, screenedCatalogue } from "./screened-catalogue";

let server: ModelServer;
let files: Map<string, Uint8Array>;
let storeDir: string;
let tiny: TinyCase;
let catalogue: Catalogue;
let engine: EngineClient;
let reference: GenerateResult;
let referenceLoad: LoadedModelReport;
let means: number[];
let cut: number;

const SEEDS = [1, 2, 3, 4];
const store = () => new NodeDirectoryStore(storeDir);

function request(): GenerateRequest {
  return {
    mode: "text-to-image",
    prompt: { inputIds: Int32Array.from(tiny.json.token_ids.prompt) },
    numInferenceSteps: 2,
    guidanceScale: 1,
    width: 64,
    height: 64,
    seeds: SEEDS,
    preview: { enabled: false },
    includeFloatPixels: true,
  };
}

async function download(modelId: string): Promise<void> {
  const model = findModel(catalogue, modelId);
  await downloadModel(model, model.variants[0], { store: store(), catalogue });
}

beforeAll(async () => {
  files = fixtureFiles();
  server = await startModelServer(files);
  storeDir = mkdtempSync(join(tmpdir(), "lgf-content-filter-"));
  tiny = readCase();
  const schedulerConfig = { ...tiny.json.scheduler.config, _class_name: tiny.json.scheduler.class_name };
  const base = testCatalogue(server.origin, files);

  // Reference: the test model (no filter), unscreened.
  const plain = screenedCatalogue(base, schedulerConfig, [], []);
  const plainModel = plain.models[0];
  await downloadModel(plainModel, plainModel.variants[0], { store: store(), catalogue: plain });
  const refEngine = createInThreadEngineClient({ gpu: null, catalogue: plain, modelStore: store() });
  try {
    referenceLoad = await refEngine.load({ kind: "catalogue", modelId: "tiny-sd" });
    reference = await refEngine.generate(request());
  } finally {
    refEngine.dispose();
  }
  means = (reference.images as RgbaImage[]).map(redMean);
  const sorted = [...means].sort((a, b) => a - b);
  if (!(sorted[2] - sorted[1] > 1e-4)) throw new Error(`the reference batch's red means are too close to split: ${sorted.join(", ")}`);
  cut = (sorted[1] + sorted[2]) / 2; // two images above, two below

  files.set("/filter/model.onnx", redFilterOnnx(cut, 1000)); // a steep step at the cut
  files.set("/filter/config.json", encode(FILTER_CONFIG));
  files.set("/filter/preprocessor_config.json", encode(filterPreprocessor(64, 64)));
  files.set("/broken/model.onnx", new TextEncoder().encode("this is not an ONNX model"));
  files.set("/broken/config.json", encode(FILTER_CONFIG));
  files.set("/broken/preprocessor_config.json", encode(filterPreprocessor(64, 64)));
  catalogue = screenedCatalogue(
    base,
    schedulerConfig,
    [
      ["tiny-screened", "tiny-filter"],
      ["tiny-broken-filter", "broken-filter"],
      ["tiny-wrong-label", "wrong-label-filter"],
    ],
    [
      filterModel(server.origin, files, "tiny-filter", "/filter"),
      filterModel(server.origin, files, "broken-filter", "/broken"),
      filterModel(server.origin, files, "wrong-label-filter", "/filter", { porn: 0.5 }),
    ],
  );
  engine = createInThreadEngineClient({ gpu: null, catalogue, modelStore: store() });
}, 120_000);

afterAll(async () => {
  engine?.dispose();
  await server?.close();
  if (storeDir) rmSync(storeDir, { recursive: true, force: true });
});

describe("content filter in the engine (wasm, in-thread)", () => {
  it("a test model without a classifier says its results were not screened, and sends every image", () => {
    expect(referenceLoad.screened).toBe(false);
    expect(reference.screened).toBe(false);
    expect(reference.images).toHaveLength(4);
    for (const image of reference.images) expect(isWithheld(image)).toBe(false);
    expect(reference.pixels).toHaveLength(4 * 64 * 64 * 3);
  });

  it("refuses a product model whose content filter is not downloaded, before loading the model", async () => {
    const before = server.log.length;
    await expect(engine.load({ kind: "catalogue", modelId: "tiny-screened" })).rejects.toMatchObject({
      name: "ContentFilterUnavailableError",
      message: expect.stringMatching(/content filter \(Test content filter \(tiny-filter\)\).*not downloaded.*cannot run/),
    });
    // Nothing was fetched, and nothing can run: there is no unscreened fallback.
    expect(server.log.length).toBe(before);
    await expect(engine.generate(request())).rejects.toMatchObject({ name: "InvalidInputError", message: expect.stringMatching(/No model is loaded/) });
  });

  it("refuses a product model whose content filter does not load, or lacks the thresholded label", async () => {
    await download("broken-filter");
    await expect(engine.load({ kind: "catalogue", modelId: "tiny-broken-filter" })).rejects.toMatchObject({
      name: "ContentFilterUnavailableError",
      message: expect.stringMatching(/could not be loaded/),
    });
    await download("wrong-label-filter");
    await expect(engine.load({ kind: "catalogue", modelId: "tiny-wrong-label" })).rejects.toMatchObject({
      name: "ContentFilterUnavailableError",
      message: expect.stringMatching(/has no label "porn" \(its labels: sfw, nsfw\)/),
    });
  });

  it("screens every result in the engine: flagged images arrive withheld with the reason and no pixels, the others unchanged", async () => {
    await download("tiny-filter");
    const progress: string[] = [];
    const loaded = await engine.load({ kind: "catalogue", modelId: "tiny-screened" }, { onEvent: (e) => e.type === "load-progress" && progress.push(e.component) });
    expect(loaded.screened).toBe(true);
    expect(progress[0]).toBe("safety-classifier");
    const stages: string[] = [];
    const result = await engine.generate(request(), { onEvent: (e) => e.type === "stage" && stages.push(e.stage) });
    expect(stages.at(-1)).toBe("content-filter");
    expect(result.screened).toBe(true);
    expect(result.images).toHaveLength(4);
    const flagged = means.map((m) => m >= cut);
    expect(flagged.filter(Boolean)).toHaveLength(2);
    result.images.forEach((image, k) => {
      if (flagged[k]) {
        expect(image).toEqual({ withheld: true, reason: expect.stringMatching(/withheld because the content filter rated it as "nsfw" \(\d+%\)\. Try a different prompt or seed\./), width: 64, height: 64 });
      } else {
        expect(isWithheld(image)).toBe(false);
        expect((image as RgbaImage).data).toEqual((reference.images[k] as RgbaImage).data); // bit for bit
      }
    });
    // The float pixels hold the whole batch, flagged images included: they are not sent.
    expect(result.pixels).toBeUndefined();
    expect(result.timings.contentFilter).toBeGreaterThan(0);
    expect(result.seeds).toEqual(SEEDS);
  }, 60_000);

  it("a ModelSpec with a safetyClassifier is screened the same way", async () => {
    const bytes = (path: string) => ({ bytes: files.get(path)!.slice() }); // transferred: copies
    const loaded = await engine.load({
      kind: "spec",
      spec: {
        id: "tiny-spec-screened",
        schedulerConfig: catalogue.models[0].recommended!.schedulerConfig,
        variants: [{ id: "fp32", precision: "fp32", files: { textEncoder: bytes("/tiny-sd/text_encoder/model.onnx"), unet: bytes("/tiny-sd/unet/model.onnx"), vaeDecoder: bytes("/tiny-sd/vae_decoder/model.onnx") } }],
        safetyClassifier: { model: bytes("/filter/model.onnx"), config: bytes("/filter/config.json"), preprocessorConfig: bytes("/filter/preprocessor_config.json"), thresholds: { nsfw: 0.5 } },
      },
    });
    expect(loaded.screened).toBe(true);
    const result = await engine.generate(request());
    expect(result.images.map(isWithheld)).toEqual(means.map((m) => m >= cut));
  }, 60_000);

  it("keeps live previews of a screened model too coarse to show detail (they are posted before the filter runs)", async () => {
    const longSides = async (client: typeof engine, modelId: string) => {
      await client.load({ kind: "catalogue", modelId });
      const sides: number[] = [];
      await client.generate({ ...request(), preview: { enabled: true, maxSize: 128 } }, { onEvent: (e) => e.type === "preview" && e.images.forEach((img) => sides.push(Math.max(img.width, img.height))) });
      return sides;
    };
    const screened = await longSides(engine, "tiny-screened");
    expect(screened.length).toBeGreaterThan(0);
    expect(Math.max(...screened)).toBe(SCREENED_PREVIEW_MAX_SIZE);
    // The unscreened test model previews at the requested size (64 px: the image itself).
    const plainEngine = createInThreadEngineClient({ gpu: null, catalogue, modelStore: store() });
    try {
      const plain = await longSides(plainEngine, "tiny-sd");
      expect(Math.min(...plain)).toBe(64);
    } finally {
      plainEngine.dispose();
    }
  }, 60_000);
});
