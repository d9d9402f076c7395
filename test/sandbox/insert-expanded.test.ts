/**
 * Generative Expand on the fake Express document: the new layer covers the grown box, along the
 * image's own axes, directly above the source, in one undo step; the source is untouched. The box
 * comes from the panel's own planning (expandSourceGeometry) for each anchor, and for a rotated
 * image inside a scaled, rotated group.
 */
import { describe, expect, it } from "vitest";
import type { InsertLayerResult, InsertedLayer } from "../../src/contract/sandbox-api";
import type { ImageSelection } from "../../src/contract/selection";
import { FakeDocument, type NodeModel } from "../../src/playground/fake-express";
import { EXPAND_ANCHOR_CODES, type ExpandAnchorCode, type ExpandTargetCode } from "../../src/ui/flow/expand-settings";
import { expandSourceGeometry } from "../../src/ui/flow/expand-source";
import { applyA, connect, expectClose, pngOfSize, sampleRecord, truthOnPage } from "./harness";

function inserted(result: InsertLayerResult): InsertedLayer {
  if (result.type !== "inserted") throw new Error(`${result.error.name}: ${result.error.message}`);
  return result;
}

async function expandAndKeep(build: (doc: FakeDocument) => NodeModel, target: ExpandTargetCode, anchor: ExpandAnchorCode) {
  const doc = new FakeDocument();
  const page = doc.build.page({ width: 2000, height: 1600 });
  void page;
  const img = build(doc);
  doc.select(img);
  const h = await connect(doc);
  const s = (await h.sandbox.getSelection()) as ImageSelection;
  const g = expandSourceGeometry(s, 512, { expandTarget: target, expandAnchor: anchor });
  const before = doc.snapshot(img);
  const undo = doc.undoStepCount;
  const r = inserted(
    await h.sandbox.insertLayer({ pageId: s.page.pageId, target: g.target, png: pngOfSize(g.expand.canvas.width, g.expand.canvas.height), record: { ...sampleRecord, mode: "expand", expand: { target, anchor } } }),
  );
  const layer = doc.find(r.nodeId)!;
  return { doc, s, g, r, layer, img, sameSource: doc.snapshot(img) === before, undoSteps: doc.undoStepCount - undo };
}

describe("Expand: the kept layer's geometry", () => {
  it.each(EXPAND_ANCHOR_CODES)("anchor %s: covers the grown box, the image sits where the anchor says", async (anchor) => {
    const { s, g, layer, img, sameSource, undoSteps } = await expandAndKeep((doc) => doc.build.image(doc.currentPage.artboard, { width: 400, height: 300, x: 700, y: 600 }), "scale-2", anchor);
    const box = g.expand.canvas.box;
    expect([layer.width, layer.height]).toEqual([box.width, box.height]);
    expect([box.width, box.height]).toEqual([800, 600]);
    // Where the original's top-left corner lands inside the grown box, per anchor.
    const [ax, ay] = anchor.split("-");
    expect(-box.x).toBe({ left: 0, centre: 200, right: 400 }[ax]);
    expect(-box.y).toBe({ top: 0, middle: 150, bottom: 300 }[ay]);
    for (const [u, v] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
      expectClose(truthOnPage(layer, u * layer.width, v * layer.height), applyA(s.image.transform, box.x + u * box.width, box.y + v * box.height), 6);
    }
    // The layer's point (−box.x, −box.y) is the image's corner: the original lines up exactly.
    expectClose(truthOnPage(layer, -box.x, -box.y), truthOnPage(img, 0, 0), 6);
    expect(layer.parent?.children.map((c) => c.id)).toEqual([img.id, layer.id]);
    expect(sameSource).toBe(true);
    expect(undoSteps).toBe(1);
  });

  it("a rotated image in a rotated, scaled group grows along its own axes, same rotation, same group", async () => {
    const { s, g, layer, img, sameSource, undoSteps, doc, r } = await expandAndKeep((doc) => {
      const group = doc.build.group(doc.currentPage.artboard, { x: 800, y: 500, rotation: -20, scale: 0.5 });
      return doc.build.image(group, { width: 600, height: 400, x: 50, y: 60, rotation: 35 });
    }, "16:9", "left-middle");
    const box = g.expand.canvas.box;
    expect(box.x).toBe(-0);
    expect(box.width / box.height).toBeCloseTo(16 / 9, 2);
    expect(layer.parent).toBe(img.parent);
    for (const [u, v] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
      expectClose(truthOnPage(layer, u * layer.width, v * layer.height), applyA(s.image.transform, box.x + u * box.width, box.y + v * box.height), 6);
    }
    // Same rotation as the source: the layer's x axis is parallel to the image's on the page.
    const ix = applyA(s.image.transform, 1, 0), i0 = applyA(s.image.transform, 0, 0);
    const lx = truthOnPage(layer, 1, 0), l0 = truthOnPage(layer, 0, 0);
    expect(Math.atan2(lx.y - l0.y, lx.x - l0.x)).toBeCloseTo(Math.atan2(ix.y - i0.y, ix.x - i0.x), 9);
    expect(r.transform.every(Number.isFinite)).toBe(true);
    expect(sameSource).toBe(true);
    expect(undoSteps).toBe(1);
    expect(doc.find(r.nodeId)?.addOnData.get("localGenerativeFill.generation")).toContain('"expand":{"target":"16:9","anchor":"left-middle"}');
  });

  it("refuses a box that no longer holds the image (the image was resized since)", async () => {
    const doc = new FakeDocument();
    doc.build.page({ width: 2000, height: 1600 });
    const img = doc.build.image(doc.currentPage.artboard, { width: 400, height: 300, x: 100, y: 100 });
    doc.select(img);
    const h = await connect(doc);
    const s = (await h.sandbox.getSelection()) as ImageSelection;
    const r = await h.sandbox.insertLayer({ pageId: s.page.pageId, target: { type: "image", imageNodeId: img.id, maskShapeIds: [], expandedBox: { x: 10, y: 0, width: 500, height: 300 } }, png: pngOfSize(500, 300), record: { ...sampleRecord, mode: "expand" } });
    expect(r).toMatchObject({ type: "failed", error: { message: expect.stringMatching(/resized since the expansion/) } });
    expect(doc.currentPage.artboard.children).toHaveLength(1);
  });
});
