/**
 * The content filter as part of a model in the panel's Models section: its size is in the size
 * shown before the download, Download fetches it with the model, the model is "present" only when
 * both are stored, and the engine then loads the model screened. Real 127.0.0.1 server, Node
 * model store, in-thread engine on onnxruntime-web wasm.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeDownload, downloadModel, findModel, getCatalogue, listCachedModels, parseCatalogue, type Catalogue } from "../../src/engine/models";
import { NodeDirectoryStore } from "../../src/engine/models/node-directory-store";
import { createInThreadEngineClient } from "../../src/engine/worker/in-thread-engine-client";
import { ModelLibrary } from "../../src/ui/models/model-library";
import { panelModelsFrom } from "../../src/ui/models/panel-models";
import { startModelServer, type ModelServer } from "../engine/models/model-server";
import { fixtureFiles, testCatalogue } from "../engine/models/test-catalogue";
import { encode, FILTER_CONFIG, filterModel, filterPreprocessor, redFilterOnnx, screenedCatalogue } from "../engine/worker/screened-catalogue";
import { readCase } from "../engine/browser/support/tiny-fixture";

let server: ModelServer;
let dir: string;
/** The screened tiny model and its filter only (the unscreened tiny-sd would share, and so keep, its files on delete). */
let catalogue: Catalogue;
let withTestModel: Catalogue;
const NO_GPU = { hasWebGPU: false, shaderF16: false, maxBufferSize: 0, maxStorageBufferBindingSize: 0 };
const ID = "tiny-screened";

const bytesOf = (modelId: string) => {
  const model = findModel(catalogue, modelId);
  return describeDownload(model, model.variants[0]).totalBytes;
};

beforeAll(async () => {
  const files = fixtureFiles();
  files.set("/filter/model.onnx", redFilterOnnx(0.5));
  files.set("/filter/config.json", encode(FILTER_CONFIG));
  files.set("/filter/preprocessor_config.json", encode(filterPreprocessor(64, 64)));
  server = await startModelServer(files);
  dir = mkdtempSync(join(tmpdir(), "panel-filter-"));
  const tiny = readCase();
  withTestModel = screenedCatalogue(testCatalogue(server.origin, files), { ...tiny.json.scheduler.config, _class_name: tiny.json.scheduler.class_name }, [[ID, "tiny-filter"]], [filterModel(server.origin, files, "tiny-filter", "/filter")]);
  catalogue = parseCatalogue({ ...withTestModel, models: withTestModel.models.filter((m) => m.id !== "tiny-sd") });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("ModelLibrary with the content filter", () => {
  it("counts the product catalogue's classifier in the size shown before downloading a generation model", () => {
    const product = getCatalogue();
    const gpu = { hasWebGPU: true, shaderF16: true, maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 31 };
    const library = new ModelLibrary(panelModelsFrom(product), new NodeDirectoryStore(join(dir, "p")), gpu);
    const filter = findModel(product, "nsfw-vit-base");
    const filterBytes = describeDownload(filter, filter.variants[0]).totalBytes;
    expect(filterBytes).toBeGreaterThan(88e6);
    const turbo = library.entry("sd-turbo")!;
    expect(turbo.status).toEqual({ state: "absent", downloadBytes: describeDownload(turbo.model.model, turbo.variant!).totalBytes + filterBytes });
    // The classifier is a companion, not a model to pick.
    expect(library.entry("nsfw-vit-base")).toBeUndefined();
    // A test model without a filter shows its own size.
    const test = new ModelLibrary(panelModelsFrom(withTestModel), new NodeDirectoryStore(join(dir, "t")), NO_GPU);
    const tinySd = findModel(withTestModel, "tiny-sd");
    expect(test.entry("tiny-sd")!.status).toEqual({ state: "absent", downloadBytes: describeDownload(tinySd, tinySd.variants[0]).totalBytes });
  });

  it("downloads the filter with the model, loads screened, and keeps the filter when the model is deleted", async () => {
    const store = new NodeDirectoryStore(join(dir, "a"));
    const library = new ModelLibrary(panelModelsFrom(catalogue), store, NO_GPU);
    await library.refresh();
    const total = bytesOf(ID) + bytesOf("tiny-filter");
    expect(library.entry(ID)!.status).toEqual({ state: "absent", downloadBytes: total });

    const seen: number[] = [];
    const stop = library.subscribe(() => {
      const s = library.entry(ID)!.status;
      if (s.state === "downloading") seen.push(s.loadedBytes / s.totalBytes);
    });
    await library.download(ID);
    stop();
    expect(library.entry(ID)!.status).toEqual({ state: "present", bytesOnDisk: total });
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true); // one bar across both parts
    const fetched = server.log.filter((l) => l.status === 200 || l.status === 206).map((l) => l.path);
    expect(fetched.indexOf("/filter/model.onnx")).toBeLessThan(fetched.indexOf("/tiny-sd/unet/model.onnx")); // the filter first

    const source = await library.engineSource(ID);
    expect(source).toEqual({ kind: "catalogue", modelId: ID });
    const engine = createInThreadEngineClient({ gpu: null, catalogue, modelStore: store });
    try {
      expect((await engine.load(source)).screened).toBe(true);
    } finally {
      engine.dispose();
    }

    await library.delete(ID);
    const cached = await listCachedModels(catalogue, store);
    expect(cached.find((c) => c.modelId === "tiny-filter")?.complete).toBe(true);
    // The model's files went; the filter (shared by every generation model) stayed, so a new download is the model alone.
    expect(library.entry(ID)!.status).toEqual({ state: "absent", downloadBytes: bytesOf(ID) });
  }, 60_000);

  it("a model stored without its filter is only partly downloaded, and resuming fetches just the filter", async () => {
    const store = new NodeDirectoryStore(join(dir, "b"));
    const model = findModel(catalogue, ID);
    await downloadModel(model, model.variants[0], { store, catalogue });
    const library = new ModelLibrary(panelModelsFrom(catalogue), store, NO_GPU);
    await library.refresh();
    expect(library.entry(ID)!.status).toEqual({ state: "partial", bytesOnDisk: bytesOf(ID), downloadBytes: bytesOf(ID) + bytesOf("tiny-filter") });
    const before = server.log.length;
    await library.download(ID);
    expect(library.entry(ID)!.status).toMatchObject({ state: "present" });
    expect([...new Set(server.log.slice(before).map((l) => l.path))].sort()).toEqual(["/filter/config.json", "/filter/model.onnx", "/filter/preprocessor_config.json"]);
  }, 30_000);
});
