/**
 * A catalogue model through the engine worker protocol: files downloaded once into a model store
 * by src/engine/models, then loaded by the engine from that store alone (no network), with the
 * catalogue's memory figures in the estimate. In-thread, Node, wasm; my own test catalogue built on
 * the models engineer's test catalogue, plus the scheduler config the engine needs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalogue } from "../../../src/engine/models/catalogue-types";
import { downloadModel } from "../../../src/engine/models";
import { NodeDirectoryStore } from "../../../src/engine/models/node-directory-store";
import { createInThreadEngineClient } from "../../../src/engine/worker/in-thread-engine-client";
import type { EngineClient } from "../../../src/engine/worker";
import { fixtureFiles, testCatalogue } from "../models/test-catalogue";
import { serveStatic, type StaticServer } from "../../support/static-server";
import { caseRequest, maxAbsDiff, readCase, tinyModelsDir } from "./support/tiny-fixture";

let server: StaticServer;
let storeDir: string;
let catalogue: Catalogue;
let engine: EngineClient;

beforeAll(async () => {
  server = await serveStatic({ mounts: { "/tiny-sd/": tinyModelsDir } });
  storeDir = mkdtempSync(join(tmpdir(), "lgf-engine-store-"));
  const tiny = readCase();
  const base = testCatalogue(server.origin, fixtureFiles());
  catalogue = {
    ...base,
    models: base.models.map((m) => ({
      ...m,
      recommended: { numInferenceSteps: 10, guidanceScale: 7.5, strength: 0.75, scheduler: "DDIMScheduler", schedulerConfig: { ...tiny.json.scheduler.config, _class_name: tiny.json.scheduler.class_name } },
    })),
  };
  engine = createInThreadEngineClient({ gpu: null, catalogue, modelStore: new NodeDirectoryStore(storeDir) });
});

afterAll(async () => {
  engine?.dispose();
  await server?.close();
  if (storeDir) rmSync(storeDir, { recursive: true, force: true });
});

describe("catalogue models in the engine", () => {
  it("estimates from the catalogue's figures, and refuses to load what is not downloaded", async () => {
    const estimate = await engine.estimate({ kind: "catalogue", modelId: "tiny-sd" });
    expect(estimate).toMatchObject({ modelId: "tiny-sd", variantId: "fp32", backend: "wasm", estimatedBytes: 1e8, fits: true });
    await expect(engine.load({ kind: "catalogue", modelId: "tiny-sd" })).rejects.toMatchObject({ name: "ModelNotCachedError" });
    await expect(engine.estimate({ kind: "catalogue", modelId: "no-such-model" })).rejects.toMatchObject({ name: "CatalogueError" });
  });

  it("loads a downloaded model from the store alone and runs it like diffusers", async () => {
    const store = new NodeDirectoryStore(storeDir);
    const model = catalogue.models[0];
    await downloadModel(model, model.variants[0], { store, catalogue });
    const fetchesBefore = server.log.length;
    const loaded = await engine.load({ kind: "catalogue", modelId: "tiny-sd" });
    expect(loaded).toMatchObject({ modelId: "tiny-sd", variantId: "fp32", backend: "wasm" });
    expect(server.log.length).toBe(fetchesBefore); // offline: everything came from the store
    const tiny = readCase();
    const result = await engine.generate(caseRequest(tiny, { preview: { enabled: false } }));
    expect(maxAbsDiff(result.pixels!, tiny.output)).toBeLessThan(1e-4);
  });
});
