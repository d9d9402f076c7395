/**
 * Unkept variations of a kept layer (issue 19 item 3), with real parts: the sandbox code on the fake
 * Express document behind the fake bridge, PNG encode/decode, the store over a Map (IndexedDB's
 * stand-in in Node; the browser test uses IndexedDB itself). Keep → variations stored under the
 * layer's id + record → listed when the layer is selected again → swap (one edit: the variation at
 * the layer's place, the layer gone, its pixels now a variation) or add; the cap evicts oldest first.
 */
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import type { GenerationRecord, InsertedLayer } from "../../src/contract";
import { exposeSandboxApi } from "../../src/sandbox/expose";
import { createFakeBridge, FAKE_CONSTANTS, FakeDocument, type NodeModel } from "../../src/playground/fake-express";
import type { RgbaImage } from "../../src/imaging";
import { generationRecord, keepResult } from "../../src/ui/flow/keep-result";
import { putVariation } from "../../src/ui/flow/put-variation";
import type { PanelHost } from "../../src/ui/host/panel-host";
import { memoryKeyValueStore } from "../../src/ui/storage/key-value-store";
import { createKeptPixelsStore } from "../../src/ui/storage/kept-pixels-store";
import { VARIATIONS_MAX_BYTES, VARIATIONS_MAX_LAYERS, VariationsStore } from "../../src/ui/storage/variations-store";

function solid(width: number, height: number, rgba: [number, number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set(rgba, i);
  return { width, height, data };
}

function pngBytes(width: number, height: number): ArrayBuffer {
  const png = new PNG({ width, height });
  png.data.fill(200);
  const buf = PNG.sync.write(png);
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

let doc: FakeDocument;
let image: NodeModel;
let host: PanelHost;
const pageId = () => doc.currentPage.id;

beforeAll(async () => {
  doc = new FakeDocument();
  const page = doc.build.page({ width: 400, height: 300, name: "Test" });
  image = doc.build.image(page.artboard, { x: 40, y: 30, width: 80, height: 60, name: "Photo", bitmap: { width: 80, height: 60, png: pngBytes(80, 60) } });
  doc.select(image);
  const bridge = createFakeBridge({ onSandboxCall: () => doc.beginOperation() });
  exposeSandboxApi(bridge.sandboxRuntime, { editor: doc.editor, constants: FAKE_CONSTANTS });
  const { connectPanel } = await import("../../src/ui/host/connect-panel");
  host = await connectPanel(bridge.panelRuntime, () => Promise.reject(new Error("no renditions in Node")));
});

const fields = { model: "tiny-sd-test", prompt: "a red balloon", negativePrompt: "", steps: 2, strength: 0.6, guidanceScale: 1, mode: "variations" as const };

describe("kept variations", () => {
  let kept: InsertedLayer;
  let record: GenerationRecord;
  const store = new VariationsStore(memoryKeyValueStore());
  const keptPixels = createKeptPixelsStore(memoryKeyValueStore());

  it("stores the unkept variations under the kept layer's id and record, and lists them back", async () => {
    record = generationRecord({ ...fields, seed: 100 });
    kept = await keepResult(host, { pageId: pageId(), target: { type: "image", imageNodeId: image.id, maskShapeIds: [] }, layer: solid(80, 60, [255, 0, 0, 255]), record });
    await keptPixels.put(kept.nodeId, solid(80, 60, [255, 0, 0, 255]));
    await store.save(kept.nodeId, record, [
      { seed: 101, layer: solid(80, 60, [0, 255, 0, 255]) },
      { seed: 102, layer: solid(80, 60, [0, 0, 255, 255]) },
    ]);
    const listed = await store.list(kept.nodeId, record);
    expect(listed.map((v) => [v.seed, v.image.width, v.image.height, [...v.image.data.slice(0, 4)]])).toEqual([
      [101, 80, 60, [0, 255, 0, 255]],
      [102, 80, 60, [0, 0, 255, 255]],
    ]);
    // A panel already showing the layer hears of a save (Keep stores after inserting), not of a list.
    let heard = 0;
    const stop = store.subscribe(() => heard++);
    await store.list(kept.nodeId, record);
    expect(heard).toBe(0);
    await store.save(kept.nodeId, record, [{ seed: 101, layer: solid(80, 60, [0, 255, 0, 255]) }, { seed: 102, layer: solid(80, 60, [0, 0, 255, 255]) }]);
    expect(heard).toBe(1);
    stop();
    // Another record on the same id (the layer was re-kept) sees nothing: the key includes the record.
    expect(await store.list(kept.nodeId, { ...record, createdAt: "2030-01-01T00:00:00.000Z" })).toEqual([]);
  });

  it("swaps one in: same place, the old layer removed, its pixels kept as a variation", async () => {
    const before = doc.currentPage.artboard.children.map((n) => n.id);
    const [green] = await store.list(kept.nodeId, record);
    const swapped = await putVariation({ host, variations: store, keptPixels }, { how: "swap", pageId: pageId(), layerId: kept.nodeId, record, variation: green });
    const after = doc.currentPage.artboard.children.map((n) => n.id);
    expect(after).toHaveLength(before.length); // one in, one out
    expect(after).not.toContain(kept.nodeId);
    expect(after[after.indexOf(swapped.nodeId) - 1]).toBe(image.id); // where the kept layer was
    expect(swapped.transform).toEqual(kept.transform);
    const newRecord = await host.sandbox.getGenerationRecord(swapped.nodeId);
    expect(newRecord).toMatchObject({ seed: 101, prompt: "a red balloon" });
    const now = await store.list(swapped.nodeId, newRecord!);
    expect(now.map((v) => v.seed).sort()).toEqual([100, 102]); // the replaced red one (seed 100) + the blue one
    expect(await store.list(kept.nodeId, record)).toEqual([]);
    kept = swapped;
    record = newRecord!;
  });

  it("adds one above instead, and it leaves the list", async () => {
    const [first] = await store.list(kept.nodeId, record);
    const added = await putVariation({ host, variations: store, keptPixels }, { how: "add", pageId: pageId(), layerId: kept.nodeId, record, variation: first });
    const ids = doc.currentPage.artboard.children.map((n) => n.id);
    expect(ids.indexOf(added.nodeId)).toBe(ids.indexOf(kept.nodeId) + 1);
    expect((await store.list(kept.nodeId, record)).map((v) => v.seed)).toEqual(
      [100, 102].filter((s) => s !== first.seed),
    );
  });

  it(`caps the store (${VARIATIONS_MAX_BYTES / 1024 ** 2} MB, ${VARIATIONS_MAX_LAYERS} layers), evicting the layers used longest ago`, async () => {
    expect(new VariationsStore(memoryKeyValueStore()).limits).toEqual({ maxBytes: VARIATIONS_MAX_BYTES, maxLayers: VARIATIONS_MAX_LAYERS });
    // Noise compresses badly: a known PNG size per variation; a cap of 3.5 variations' bytes.
    const data = new Uint8ClampedArray(128 * 128 * 4);
    let x = 12345;
    for (let i = 0; i < data.length; i++) data[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    const one = { width: 128, height: 128, data };
    const sample = new VariationsStore(memoryKeyValueStore());
    await sample.save("probe", record, [{ seed: 1, layer: one }]);
    const perLayer = await sample.bytes();
    const capped = new VariationsStore(memoryKeyValueStore(), { maxBytes: Math.floor(3.5 * perLayer), maxLayers: 100 });
    for (let i = 0; i < 6; i++) await capped.save(`layer-${i}`, record, [{ seed: i, layer: one }], 1000 + i);
    expect(await capped.bytes()).toBe(3 * perLayer);
    expect(await capped.list("layer-2", record)).toEqual([]); // the oldest went first
    await capped.list("layer-3", record, 5000); // reading counts as use: layer-3 is now the newest
    await capped.save("layer-6", record, [{ seed: 6, layer: one }], 6000);
    expect((await capped.list("layer-3", record, 7000)).length).toBe(1);
    expect(await capped.list("layer-4", record)).toEqual([]);
    // And the layer count cap.
    const few = new VariationsStore(memoryKeyValueStore(), { maxBytes: VARIATIONS_MAX_BYTES, maxLayers: 2 });
    for (let i = 0; i < 3; i++) await few.save(`l${i}`, record, [{ seed: i, layer: one }], i);
    expect(await few.list("l0", record)).toEqual([]);
  });
});
