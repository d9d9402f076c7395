import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteCachedModel, listCachedModels } from "../../../src/engine/models/cache-admin";
import type { Catalogue } from "../../../src/engine/models/catalogue-types";
import { ModelNotCachedError } from "../../../src/engine/models/errors";
import { ModelDownloader } from "../../../src/engine/models/model-downloader";
import { NodeDirectoryStore } from "../../../src/engine/models/node-directory-store";
import { startModelServer, type ModelServer } from "./model-server";
import { fixtureFiles, testCatalogue } from "./test-catalogue";

let server: ModelServer;
let dir: string;
let catalogue: Catalogue;
const files = fixtureFiles();

beforeAll(async () => {
  server = await startModelServer(files);
  dir = mkdtempSync(join(tmpdir(), "lgf-cache-admin-"));
  catalogue = testCatalogue(server.origin, files, { unpinned: ["vae_decoder/model.onnx"] });
  // A second model sharing the text encoder, to check deletion keeps shared files.
  const base = catalogue.models[0];
  catalogue.models.push({ ...base, id: "tiny-sd-te-only", displayName: "TE only", variants: [{ ...base.variants[0], files: [base.variants[0].files[0]] }] });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("listing and deleting cached models", () => {
  it("lists complete and partial models with sizes and trust-on-first-use status, then deletes one", async () => {
    const store = new NodeDirectoryStore(dir);
    const d = new ModelDownloader({ store, allowedHosts: catalogue.allowedHosts });
    const [tiny, teOnly] = catalogue.models;
    await d.downloadModel(tiny, tiny.variants[0]);

    const total = [...files.values()].reduce((s, b) => s + b.length, 0);
    const listed = await listCachedModels(catalogue, store);
    expect(listed).toEqual([
      { modelId: "tiny-sd", variantId: "fp32", displayName: "Tiny SD (test)", complete: true, filesCached: 4, filesTotal: 4, bytesOnDisk: total, trustOnFirstUse: true },
      expect.objectContaining({ modelId: "tiny-sd-te-only", complete: true, filesCached: 1, trustOnFirstUse: false }),
    ]);

    // The text encoder is also used by the other model, so it stays.
    expect(await deleteCachedModel(catalogue, store, tiny, tiny.variants[0])).toBe(3);
    await expect(d.openCachedModel(tiny, tiny.variants[0])).rejects.toBeInstanceOf(ModelNotCachedError);
    expect((await d.openCachedModel(teOnly, teOnly.variants[0])).files).toHaveLength(1);
    expect((await listCachedModels(catalogue, store)).map((m) => [m.modelId, m.complete, m.filesCached])).toEqual([
      ["tiny-sd", false, 1],
      ["tiny-sd-te-only", true, 1],
    ]);
    expect(await deleteCachedModel(catalogue, store, tiny, tiny.variants[0], { force: true })).toBe(4);
    expect(await listCachedModels(catalogue, store)).toEqual([]);
  });
});
