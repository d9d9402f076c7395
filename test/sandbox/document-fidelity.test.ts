/**
 * Issue 15 points 1 and 3 on the fake document: what overlaps the source (above/below, mask
 * shapes never), every SDK shape kind as a mask (exact outline or its box), strokes, several
 * artboards per page, crops with an offset mask shape, and the page backdrop.
 */
import { describe, expect, it } from "vitest";
import type { ImageSelection, ImageWithMaskSelection, PageRegionSelection } from "../../src/contract/selection";
import { FakeDocument } from "../../src/playground/fake-express";
import { applyA, connect, expectClose, sampleRecord, truthOnPage } from "./harness";

const STAR = "M 50 0 L 61 35 L 98 35 L 68 57 L 79 91 L 50 70 L 21 91 L 32 57 L 2 35 L 39 35 Z";

function setup(options: { fill?: string } = {}) {
  const doc = new FakeDocument();
  doc.largeDocumentMode = true;
  const page = doc.build.page({ width: 1000, height: 800, ...options });
  return { doc, page, ab: page.artboard };
}

describe("overlaps: what a rendition of the source's box bakes in", () => {
  it("lists kinds and bounds above and below; mask shapes, hidden and distant layers never count", async () => {
    const { doc, ab } = setup();
    const under = doc.build.rectangle(ab, { x: 50, y: 50, width: 100, height: 100 });
    doc.build.rectangle(ab, { x: 900, y: 700, width: 50, height: 50 }); // far away
    const img = doc.build.image(ab, { x: 100, y: 100, width: 400, height: 300, rotation: 10 });
    const text = doc.build.text(ab, { x: 200, y: 200, text: "SALE", width: 80, height: 20 });
    const group = doc.build.group(ab, { x: 300, y: 250 });
    const sticker = doc.build.prepackaged(group, { kind: "complexShape", d: STAR });
    doc.build.ellipse(ab, { x: 250, y: 300, rx: 10, ry: 10, opacity: 0 }); // invisible: not baked in
    const mask = doc.build.ellipse(ab, { x: 300, y: 200, rx: 40, ry: 30 });
    doc.select(img, mask);
    const h = await connect(doc);
    const s = (await h.sandbox.getSelection()) as ImageWithMaskSelection;
    expect(s.type).toBe("image-with-mask");
    const o = s.image.overlaps!;
    expect(o.below.map((i) => [i.nodeId, i.kind])).toEqual([[under.id, "shape"]]);
    expect(o.above.map((i) => [i.nodeId, i.kind])).toEqual([
      [text.id, "text"],
      [sticker.id, "shape"],
    ]);
    expect(o.above.some((i) => i.nodeId === mask.id)).toBe(false);
    expect(o.below[0].boundsOnPage).toEqual({ x: 50, y: 50, width: 100, height: 100 });
    expect(o.above[0].boundsOnPage).toEqual({ x: 200, y: 200, width: 80, height: 20 });
  });

  it("a layer whose page bounds touch the rotated image's bounds but not the image itself is not listed", async () => {
    const { doc, ab } = setup();
    const img = doc.build.image(ab, { x: 300, y: 100, width: 200, height: 200, rotation: 45 });
    // Inside the image's axis-aligned page bounds, outside the rotated image.
    const corner = doc.build.rectangle(ab, { x: 160, y: 100, width: 20, height: 20 });
    doc.select(img);
    const h = await connect(doc);
    const s = (await h.sandbox.getSelection()) as ImageSelection;
    expect(s.image.boundsOnPage.x).toBeLessThan(160);
    expect(s.image.overlaps!.above.map((i) => i.nodeId)).not.toContain(corner.id);
  });

  it("page region: everything in the region but the mask shapes is listed (above: it is all rendered)", async () => {
    const { doc, ab } = setup();
    const photo = doc.build.image(ab, { width: 1000, height: 800 });
    const shape = doc.build.rectangle(ab, { x: 100, y: 100, width: 100, height: 100 });
    doc.select(shape);
    const h = await connect(doc);
    const s = (await h.sandbox.getSelection()) as PageRegionSelection;
    expect(s.overlaps).toEqual({ above: [{ nodeId: photo.id, kind: "image", boundsOnPage: { x: 0, y: 0, width: 1000, height: 800 } }], below: [] });
  });
});

describe("every SDK shape kind is a mask", () => {
  it("Shapes-panel kinds, polygons and lines: their transformed bounds, marked as a box; rectangles/ellipses/paths: exact", async () => {
    const { doc, ab } = setup();
    const img = doc.build.image(ab, { x: 0, y: 0, width: 1000, height: 800 });
    const complex = doc.build.prepackaged(ab, { kind: "complexShape", d: STAR, x: 100, y: 100, rotation: 30 });
    const solid = doc.build.prepackaged(ab, { kind: "solidColorShape", d: STAR, x: 300, y: 100 });
    const stroke = doc.build.prepackaged(ab, { kind: "strokeShape", d: STAR, x: 500, y: 100, strokeWidth: 6 });
    const polygon = doc.build.prepackaged(ab, { kind: "polygon", d: "M 0 0 L 80 0 L 40 60 Z", x: 700, y: 100 });
    const line = doc.build.line(ab, { x: 100, y: 400, width: 300, strokeWidth: 8 });
    const rect = doc.build.rectangle(ab, { x: 500, y: 400, width: 100, height: 60, strokeWidth: 10 });
    doc.select(img, complex, solid, stroke, polygon, line, rect);
    const h = await connect(doc);
    const s = (await h.sandbox.getSelection()) as ImageWithMaskSelection;
    expect(s.type).toBe("image-with-mask");
    const byId = new Map(s.maskShapes.map((m) => [m.nodeId, m]));
    for (const [model, label] of [
      [complex, "shape"],
      [solid, "shape"],
      [stroke, "stroke shape"],
      [polygon, "polygon"],
      [line, "line"],
    ] as const) {
      const m = byId.get(model.id)!;
      expect(m).toMatchObject({ outline: "box", label, shape: { kind: "rectangle" } });
      // The box's corners are the node's boundsLocal corners on the page (image space = page here).
      const b = doc.editor.context.selection.find((n) => n.id === model.id)!.boundsLocal;
      if (m.shape.kind !== "rectangle") throw new Error("box expected");
      expectClose(applyA(m.transform, 0, 0), truthOnPage(model, b.x, b.y));
      expectClose(applyA(m.transform, m.shape.width, m.shape.height), truthOnPage(model, b.x + b.width, b.y + b.height));
    }
    // The line's box has the stroke's thickness (8), not zero.
    const lineShape = byId.get(line.id)!.shape;
    expect(lineShape).toMatchObject({ kind: "rectangle", width: 308, height: 8 });
    // A stroked rectangle stays exact: its geometry, not its stroke-widened bounds.
    expect(byId.get(rect.id)).toMatchObject({ shape: { kind: "rectangle", width: 100, height: 60 } });
    expect(byId.get(rect.id)!.outline).toBeUndefined();
    expectClose(applyA(byId.get(rect.id)!.transform, 0, 0), { x: 500, y: 400 });
  });

  it("Keep accepts every shape kind as a mask and removes them", async () => {
    const { doc, ab } = setup();
    const img = doc.build.image(ab, { x: 0, y: 0, width: 400, height: 300 });
    const star = doc.build.prepackaged(ab, { kind: "solidColorShape", d: STAR, x: 10, y: 10 });
    const line = doc.build.line(ab, { x: 50, y: 200, width: 100 });
    doc.select(img, star, line);
    const h = await connect(doc);
    const s = (await h.sandbox.getSelection()) as ImageWithMaskSelection;
    const { pngOfSize } = await import("./harness");
    const r = await h.sandbox.insertLayer({
      pageId: s.page.pageId,
      target: { type: "image", imageNodeId: img.id, maskShapeIds: [star.id, line.id] },
      png: pngOfSize(400, 300),
      record: sampleRecord,
    });
    expect(r.type).toBe("inserted");
    expect(doc.find(star.id)).toBeUndefined();
    expect(doc.find(line.id)).toBeUndefined();
  });
});

describe("pages, scenes, crops and backdrops", () => {
  it("several artboards per page: the summary names the scene; overlaps come from that scene only", async () => {
    const { doc, page } = setup();
    doc.build.rectangle(page.artboard, { x: 0, y: 0, width: 1000, height: 800 }); // covers everything on scene 1
    const scene2 = doc.build.scene(page, { fill: "transparent" });
    const img = doc.build.image(scene2, { x: 10, y: 10, width: 200, height: 100 });
    doc.select(img);
    const h = await connect(doc);
    const s = (await h.sandbox.getSelection()) as ImageSelection;
    expect(s.page).toMatchObject({ artboardId: scene2.id, sceneIndex: 1, sceneCount: 2, backdrop: { type: "color", alpha: 0 } });
    expect(s.image.overlaps).toEqual({ above: [], below: [] });
  });

  it("a crop whose mask shape sits at an offset in the container: the visible box is the image, marked cropped", async () => {
    const { doc, ab } = setup();
    const img = doc.build.image(ab, {
      x: 100,
      y: 50,
      rotation: 20,
      width: 600,
      height: 400,
      crop: { x: 150, y: 100, width: 200, height: 120 },
      maskOffset: { x: 30, y: 40 },
    });
    doc.select(img);
    const h = await connect(doc);
    const s = (await h.sandbox.getSelection()) as ImageSelection;
    expect([s.image.width, s.image.height]).toEqual([200, 120]);
    expect(s.image.uncropped).toBe(false);
    // Image (0,0) is the mask's corner: container-local (30, 40).
    expectClose(applyA(s.image.transform, 0, 0), truthOnPage(img, 30, 40));
    expectClose(applyA(s.image.transform, 200, 120), truthOnPage(img, 230, 160));
    // …where the media's pixel (150, 100) is.
    expectClose(applyA(s.image.transform, 0, 0), truthOnPage(img.media!, 150, 100));
  });

  it("backdrop: a colour fill is reported with its alpha", async () => {
    for (const [fill, expected] of [
      ["#ff8000", { red: 1, green: 128 / 255, blue: 0, alpha: 1 }],
      ["transparent", { red: 0, green: 0, blue: 0, alpha: 0 }],
    ] as const) {
      const { doc, ab } = setup({ fill });
      doc.select(doc.build.image(ab, { width: 10, height: 10 }));
      const h = await connect(doc);
      const s = (await h.sandbox.getSelection()) as ImageSelection;
      expect(s.page.backdrop).toEqual({ type: "color", ...expected });
      expect(s.image.uncropped).toBe(true);
    }
  });
});
