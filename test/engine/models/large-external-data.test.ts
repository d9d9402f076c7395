/**
 * Files over 2 GiB (issue 13 item 4). Node's readFile stops at 2 GiB and Chrome caps an
 * ArrayBuffer near it, so a cached model's external data must reach ONNX Runtime by path (Node) or
 * object URL (browser), never as one buffer made by us. Here a graph whose weight sits past the
 * 2 GiB mark of a sparse `model.onnx_data` (2 GiB + 8 KiB on disk, 8 KiB allocated) goes through the
 * real loading path: Node directory store → openCachedModel → the worker's model source →
 * onnxruntime-node, which reads it itself. onnxruntime-web's limit (it reads each external-data file
 * whole, with 32-bit offsets) is named before loading.
 */
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCatalogue } from "../../../src/engine/models/catalogue";
import type { Catalogue, ModelFile } from "../../../src/engine/models/catalogue-types";
import { storeKey } from "../../../src/engine/models/model-store";
import { NodeDirectoryStore } from "../../../src/engine/models/node-directory-store";
import { sha256Hex } from "../../../src/engine/models/sha256";
import { tryCreateOrtNodeBackend } from "../../../src/engine/runtime/ort-node-backend";
import { createOrtWebBackend } from "../../../src/engine/runtime/ort-web-backend";
import { readModelFile, resolveModelSource } from "../../../src/engine/worker/model-source";
import { SD15_SCHEDULER_CONFIG } from "../../../src/engine/model-layout";
import { externalWeightGraph, fixtureProvenance, tinyFp32Variant } from "./test-catalogue";

const GiB = 1024 ** 3;
let dir: string;

/** A catalogue model whose UNet keeps its one weight `w` at `offset` of a sparse data file of `dataSize` bytes. */
async function cachedLargeModel(id: string, offset: number, dataSize: number): Promise<{ catalogue: Catalogue; store: NodeDirectoryStore }> {
  const origin = "http://127.0.0.1:9";
  const graph = externalWeightGraph(offset);
  const file = (role: ModelFile["role"], path: string, size: number): ModelFile => ({ role, path, url: `${origin}/${id}/${path}`, size, sizeExact: true, sha256: null, hashPinned: false, ...(role === "unet-data" ? { externalDataPath: "model.onnx_data" } : {}) });
  const files = [file("unet", "unet/model.onnx", graph.length), file("unet-data", "unet/model.onnx_data", dataSize)];
  const catalogue = parseCatalogue({
    version: 1,
    allowedHosts: ["127.0.0.1:9"],
    models: [{ id, displayName: id, use: "test", family: "test", capabilities: ["text2img"], nativeResolution: { width: 8, height: 8 }, recommended: { numInferenceSteps: 1, guidanceScale: 1, scheduler: "DDIMScheduler", schedulerConfig: SD15_SCHEDULER_CONFIG }, ...fixtureProvenance(id, origin), variants: [tinyFp32Variant({ gpuBytes: 1, wasmHeapBytes: 1 }, files)] }],
  });
  const store = new NodeDirectoryStore(join(dir, id));
  // The graph goes in through the store's own partial/commit path.
  const graphKey = storeKey(files[0].url, null);
  const partial = await store.openPartial(graphKey);
  await partial.append(graph);
  await partial.close();
  await store.commit(graphKey, { key: graphKey, url: files[0].url, sha256: sha256Hex(graph), size: graph.length, hashPinned: false, storedAt: "", verifiedBy: "first-use" });
  // The data file is made sparse where the store keeps partial bytes, then committed like a download.
  const dataKey = storeKey(files[1].url, null);
  await store.openPartial(dataKey).then((p) => p.close());
  const fd = openSync(join(store.dir, `${sha256Hex(dataKey).slice(0, 32)}.part`), "r+");
  ftruncateSync(fd, dataSize);
  writeSync(fd, new Uint8Array(new Float32Array([1, 2, 3, 4]).buffer), 0, 16, offset);
  closeSync(fd);
  // Hashing 2 GiB of zeros would only slow the test: it is about loading, the downloader tests are about hashes.
  await store.commit(dataKey, { key: dataKey, url: files[1].url, sha256: "not-hashed-in-this-test", size: dataSize, hashPinned: false, storedAt: "", verifiedBy: "first-use" });
  return { catalogue, store };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lgf-large-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("external data over 2 GiB", () => {
  it("loads in Node through the store, the worker's model source and onnxruntime-node, by path", async () => {
    const backend = await tryCreateOrtNodeBackend();
    expect(backend, "onnxruntime-node is an optional dependency; it is installed for this test").not.toBeNull();
    const offset = 2 * GiB + 4096;
    const { catalogue, store } = await cachedLargeModel("large", offset, offset + 4096);
    const resolved = await resolveModelSource({ kind: "catalogue", modelId: "large" }, { store, catalogue });
    const source = await readModelFile(resolved.variants[0].files.unet!);
    // Nothing was read into memory: the runtime gets paths.
    expect(source.bytes?.length).toBeLessThan(1000);
    expect(source.externalData).toEqual([{ path: "model.onnx_data", data: expect.stringMatching(/\.bin$/), size: offset + 4096 }]);
    const before = process.memoryUsage().rss;
    const session = await backend!.createSession(source);
    const out = await session.run({ x: backend!.createTensor("float32", new Float32Array([10, 20, 30, 40]), [4]) });
    expect(Array.from(out.y.data as Float32Array)).toEqual([11, 22, 33, 44]);
    // The 2 GiB file was never resident: far below its size.
    expect(process.memoryUsage().rss - before).toBeLessThan(512 * 1024 * 1024);
    await session.release();
  }, 60_000);

  it("onnxruntime-web refuses an external-data file of 4 GiB or more with a message naming the limit", async () => {
    const offset = 4 * GiB + 4096;
    const { catalogue, store } = await cachedLargeModel("huge", offset, offset + 4096);
    const resolved = await resolveModelSource({ kind: "catalogue", modelId: "huge" }, { store, catalogue });
    const source = await readModelFile(resolved.variants[0].files.unet!);
    const error = await createOrtWebBackend().createSession(source).catch((e) => e);
    expect(error.name).toBe("ModelLoadError");
    expect(error.message).toMatch(/4\.00 GiB; onnxruntime-web addresses external data with 32-bit offsets, so each file must be under 4 GiB/);
  });
});
