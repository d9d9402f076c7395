import { describe, expect, it } from "vitest";
import { FakeDocument, type NodeModel } from "../../src/playground/fake-express";
import type { InsertLayerRequest, InsertLayerResult, InsertedLayer } from "../../src/contract/sandbox-api";
import type { ImageSelection, ImageWithMaskSelection, PageRegionSelection } from "../../src/contract/selection";
import { applyA, connect, expectClose, pngOfSize, sampleRecord, truthOnPage, type Harness } from "./harness";

const RECORD_KEY = "localGenerativeFill.generation";

function setup(large = false) {
  const doc = new FakeDocument();
  doc.largeDocumentMode = large;
  const page = doc.build.page({ width: 1000, height: 800 });
  return { doc, page, ab: page.artboard };
}

function inserted(result: InsertLayerResult): InsertedLayer {
  if (result.type !== "inserted") throw new Error(`${result.error.name}: ${result.error.message}`);
  return result;
}

/** Every corner of the new layer lands on the matching corner of the region it replaces. */
function expectSamePlacement(layer: NodeModel, boxToPage: readonly number[], width: number, height: number): void {
  for (const [u, v] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
    expectClose(truthOnPage(layer, u * layer.width, v * layer.height), applyA(boxToPage, u * width, v * height), 6);
  }
}

async function keep(h: Harness, request: Omit<InsertLayerRequest, "record"> & { record?: InsertLayerRequest["record"] }): Promise<InsertLayerResult> {
  return h.sandbox.insertLayer({ record: sampleRecord, ...request });
}

describe.each([false, true])("insertLayer (large-document mode: %s)", (large) => {
  it("restyle: new layer above the image, same size/position/rotation, record stored, one undo step, source untouched", async () => {
    const { doc, ab } = setup(large);
    const below = doc.build.rectangle(ab, { width: 10, height: 10 });
    const img = doc.build.image(ab, { width: 300, height: 200, x: 120, y: 80, rotation: 33 });
    const above = doc.build.text(ab, { text: "on top" });
    doc.select(img);
    const h = await connect(doc);
    const s = (await h.sandbox.getSelection()) as ImageSelection;
    const before = doc.snapshot(img);
    const undo = doc.undoStepCount;

    const r = inserted(await keep(h, { pageId: s.page.pageId, target: { type: "image", imageNodeId: img.id, maskShapeIds: [] }, png: pngOfSize(600, 400) }));

    const layer = doc.find(r.nodeId)!;
    expect(ab.children.map((c) => c.id)).toEqual([below.id, img.id, layer.id, above.id]);
    expect(layer.kind).toBe("mediaContainer");
    expect([layer.width, layer.height]).toEqual([300, 200]);
    expect(layer.media?.bitmap).toMatchObject({ width: 600, height: 400 });
    expectSamePlacement(layer, s.image.transform, 300, 200);
    expect(r.transform.map((v, i) => v - s.image.transform[i]).every((d) => Math.abs(d) < 1e-9)).toBe(true);
    expect(JSON.parse(layer.addOnData.get(RECORD_KEY)!)).toEqual(sampleRecord);
    expect(doc.snapshot(img)).toBe(before);
    expect(doc.undoStepCount - undo).toBe(1);
    expect(r.removedMaskShapeIds).toEqual([]);
  });

  it("rotated, scaled (via group) image: the layer goes in the same group, above, at the same page placement", async () => {
    const { doc, ab } = setup(large);
    const g = doc.build.group(ab, { x: 300, y: 100, rotation: -20, scale: 0.5 });
    const img = doc.build.image(g, { width: 400, height: 400, x: 50, y: 60, rotation: 70 });
    const sibling = doc.build.ellipse(g, { rx: 5, ry: 5 });
    doc.select(img);
    const h = await connect(doc);
    const s = (await h.sandbox.getSelection()) as ImageSelection;
    const before = doc.snapshot(img);
    const r = inserted(await keep(h, { pageId: s.page.pageId, target: { type: "image", imageNodeId: img.id, maskShapeIds: [] }, png: pngOfSize(512, 512) }));
    const layer = doc.find(r.nodeId)!;
    expect(layer.parent).toBe(g);
    expect(g.children.map((c) => c.id)).toEqual([img.id, layer.id, sibling.id]);
    expectSamePlacement(layer, s.image.transform, s.image.width, s.image.height);
    expect(doc.snapshot(img)).toBe(before);
  });

  it("inpaint: mask shapes removed in the same undo step (undo brings them back with the insert); keepMaskShapes leaves them", async () => {
    const { doc, ab } = setup(large);
    const img = doc.build.image(ab, { width: 400, height: 300, x: 100, y: 100 });
    const rect = doc.build.rectangle(ab, { width: 80, height: 80, x: 380, y: 150 }); // partly outside the image
    const ell = doc.build.ellipse(ab, { rx: 30, ry: 20, x: 200, y: 200 });
    doc.select(img, rect, ell);
    const h = await connect(doc);
    const s = (await h.sandbox.getSelection()) as ImageWithMaskSelection;
    const ids = s.maskShapes.map((m) => m.nodeId);
    const before = doc.snapshot(img);
    const kept = inserted(
      await keep(h, { pageId: s.page.pageId, target: { type: "image", imageNodeId: img.id, maskShapeIds: ids }, png: pngOfSize(400, 300), keepMaskShapes: true }),
    );
    expect(kept.removedMaskShapeIds).toEqual([]);
    expect(ab.children.map((c) => c.id)).toEqual([img.id, kept.nodeId, rect.id, ell.id]);
    expect([rect.opacity, ell.opacity]).toEqual([1, 1]);

    const undo = doc.undoStepCount;
    const r = inserted(await keep(h, { pageId: s.page.pageId, target: { type: "image", imageNodeId: img.id, maskShapeIds: ids }, png: pngOfSize(400, 300) }));
    expect(r.removedMaskShapeIds).toEqual(ids);
    expect(doc.find(rect.id)).toBeUndefined();
    expect(doc.find(ell.id)).toBeUndefined();
    expect(doc.undoStepCount - undo).toBe(1);
    expect(doc.snapshot(img)).toBe(before);
    expect(ab.children.map((c) => c.id)).toEqual([img.id, r.nodeId, kept.nodeId]);
  });

  it("shapes alone: layer covers the page region, where the topmost shape was; shapes removed", async () => {
    const { doc, ab } = setup(large);
    const bg = doc.build.image(ab, { width: 1000, height: 800 });
    const a = doc.build.rectangle(ab, { width: 100, height: 100, x: 100, y: 100, rotation: 10 });
    const mid = doc.build.text(ab, { text: "between" });
    const b = doc.build.path(ab, { d: "M 0 0 L 50 0 L 50 50 Z", x: 400, y: 300 });
    doc.select(b, a); // selection order is not z-order
    const h = await connect(doc);
    const s = (await h.sandbox.getSelection()) as PageRegionSelection;
    expect(s.type).toBe("page-region");
    const bgBefore = doc.snapshot(bg);
    const r = inserted(
      await keep(h, { pageId: s.page.pageId, target: { type: "page-region", maskShapeIds: s.maskShapes.map((m) => m.nodeId) }, png: pngOfSize(s.region.width, s.region.height) }),
    );
    const layer = doc.find(r.nodeId)!;
    expect(ab.children.map((c) => c.id)).toEqual([bg.id, mid.id, layer.id]);
    expectSamePlacement(layer, [1, 0, 0, 1, s.region.x, s.region.y], s.region.width, s.region.height);
    expect(r.removedMaskShapeIds.sort()).toEqual([a.id, b.id].sort());
    expect(doc.snapshot(bg)).toBe(bgBefore);
  });

  it("shapes alone inside a rotated group: the layer joins the group yet stays axis-aligned on the page", async () => {
    const { doc, ab } = setup(large);
    const g = doc.build.group(ab, { x: 500, y: 400, rotation: 30 });
    const rect = doc.build.rectangle(g, { width: 60, height: 40, x: 10, y: 10 });
    doc.select(rect);
    const h = await connect(doc);
    const s = (await h.sandbox.getSelection()) as PageRegionSelection;
    const r = inserted(await keep(h, { pageId: s.page.pageId, target: { type: "page-region", maskShapeIds: [rect.id] }, png: pngOfSize(s.region.width, s.region.height) }));
    const layer = doc.find(r.nodeId)!;
    expect(layer.parent).toBe(g);
    expectSamePlacement(layer, [1, 0, 0, 1, s.region.x, s.region.y], s.region.width, s.region.height);
  });

  it("the kept layer, selected later, gives its settings back (regenerate from a layer)", async () => {
    const { doc, ab } = setup(large);
    const img = doc.build.image(ab, { width: 64, height: 64 });
    doc.select(img);
    const h = await connect(doc);
    const s = (await h.sandbox.getSelection()) as ImageSelection;
    const r = inserted(await keep(h, { pageId: s.page.pageId, target: { type: "image", imageNodeId: img.id, maskShapeIds: [] }, png: pngOfSize(64, 64) }));
    expect(await h.sandbox.getGenerationRecord(r.nodeId)).toEqual(sampleRecord);
    expect(await h.sandbox.getGenerationRecord(img.id)).toBeNull();
    expect(await h.sandbox.getGenerationRecord("no-such-node")).toBeNull();
    doc.select(doc.find(r.nodeId)!);
    const again = (await h.sandbox.getSelection()) as ImageSelection;
    expect(again.image.generation).toEqual(sampleRecord);
  });
});

describe("insertLayer on another page", () => {
  it("inserts on the page the selection is on (second page), nothing on the first", async () => {
    const doc = new FakeDocument();
    doc.largeDocumentMode = true;
    const p1 = doc.build.page({ width: 300, height: 300 });
    const p2 = doc.build.page({ width: 600, height: 400 });
    const img = doc.build.image(p2.artboard, { width: 200, height: 100, x: 50, y: 60, rotation: 90 });
    doc.showPage(1);
    doc.select(img);
    const h = await connect(doc);
    const s = (await h.sandbox.getSelection()) as ImageSelection;
    expect(s.page.pageIndex).toBe(1);
    const r = inserted(await keep(h, { pageId: p2.id, target: { type: "image", imageNodeId: img.id, maskShapeIds: [] }, png: pngOfSize(200, 100) }));
    expect(p2.artboard.children.map((c) => c.id)).toEqual([img.id, r.nodeId]);
    expect(p1.artboard.children).toHaveLength(0);
    expectSamePlacement(doc.find(r.nodeId)!, s.image.transform, 200, 100);
  });
});

describe("insertLayer failures: a named message for the panel and no change", () => {
  async function scenario() {
    const { doc, page, ab } = setup(true);
    doc.build.page({ width: 200, height: 200 });
    const img = doc.build.image(ab, { width: 300, height: 200, x: 10, y: 10 });
    const rect = doc.build.rectangle(ab, { width: 50, height: 50, x: 20, y: 20 });
    doc.select(img, rect);
    const h = await connect(doc);
    const s = (await h.sandbox.getSelection()) as ImageWithMaskSelection;
    const good: InsertLayerRequest = {
      pageId: s.page.pageId,
      target: { type: "image", imageNodeId: img.id, maskShapeIds: [rect.id] },
      png: pngOfSize(300, 200),
      record: sampleRecord,
    };
    const state = () => JSON.stringify([doc.snapshot(page.artboard), doc.undoStepCount]);
    return { doc, h, img, rect, good, state, before: state() };
  }

  async function expectFailure(result: InsertLayerResult, name: string, message: RegExp) {
    expect(result.type).toBe("failed");
    if (result.type === "failed") {
      expect(result.error.name).toBe(name);
      expect(result.error.message).toMatch(message);
    }
  }

  it("user moved to another page", async () => {
    const t = await scenario();
    t.doc.showPage(1);
    await expectFailure(await t.h.sandbox.insertLayer(t.good), "PageChangedError", /Go back to that page/);
    expect(t.state()).toBe(t.before);
  });

  it("source image deleted meanwhile", async () => {
    const t = await scenario();
    t.img.parent!.children.splice(t.img.parent!.children.indexOf(t.img), 1);
    const before = t.state();
    await expectFailure(await t.h.sandbox.insertLayer(t.good), "SourceNotFoundError", /deleted or moved/);
    expect(t.state()).toBe(before);
  });

  it("not a PNG", async () => {
    const t = await scenario();
    await expectFailure(await t.h.sandbox.insertLayer({ ...t.good, png: new ArrayBuffer(100) }), "InvalidInsertRequestError", /not a PNG/);
    expect(t.state()).toBe(t.before);
  });

  it("result with the wrong aspect ratio", async () => {
    const t = await scenario();
    await expectFailure(await t.h.sandbox.insertLayer({ ...t.good, png: pngOfSize(300, 300) }), "InvalidInsertRequestError", /Generate again/);
    expect(t.state()).toBe(t.before);
  });

  it("settings too large for add-on data", async () => {
    const t = await scenario();
    const record = { ...sampleRecord, prompt: "fox ".repeat(1000) };
    await expectFailure(await t.h.sandbox.insertLayer({ ...t.good, record }), "GenerationRecordTooLargeError", /Shorten the prompt/);
    expect(t.state()).toBe(t.before);
  });

  it("malformed settings", async () => {
    const t = await scenario();
    const record = { ...sampleRecord, mode: "paint" as never, seed: Number.NaN };
    await expectFailure(await t.h.sandbox.insertLayer({ ...t.good, record }), "InvalidInsertRequestError", /settings are incomplete/);
    expect(t.state()).toBe(t.before);
  });

  it("a mask id that is not a shape", async () => {
    const t = await scenario();
    const target = { type: "image" as const, imageNodeId: t.img.id, maskShapeIds: [t.img.id] };
    await expectFailure(await t.h.sandbox.insertLayer({ ...t.good, target }), "InvalidInsertRequestError", /not a rectangle, ellipse or path/);
    expect(t.state()).toBe(t.before);
  });

  it("the PNG may also arrive as a Blob", async () => {
    const t = await scenario();
    const result = await t.h.sandbox.insertLayer({ ...t.good, png: new Blob([pngOfSize(300, 200)], { type: "image/png" }) });
    expect(result.type).toBe("inserted");
  });
});
