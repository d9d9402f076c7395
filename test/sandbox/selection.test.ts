import { describe, expect, it } from "vitest";
import { FakeDocument } from "../../src/playground/fake-express";
import type { ImageWithMaskSelection, PageRegionSelection, SelectionSummary, UnsupportedReason } from "../../src/contract/selection";
import { applyA, connect, expectClose, sampleRecord, settle, truthOnPage } from "./harness";

function setup() {
  const doc = new FakeDocument();
  const page = doc.build.page({ width: 1000, height: 800 });
  return { doc, page, ab: page.artboard };
}

async function summaryFor(doc: FakeDocument): Promise<SelectionSummary> {
  const h = await connect(doc);
  return h.sandbox.getSelection();
}

describe("selection summary", () => {
  it("nothing selected: asks the user what to select", async () => {
    const { doc } = setup();
    const s = await summaryFor(doc);
    expect(s.type).toBe("unsupported");
    if (s.type !== "unsupported") return;
    expect(s.reason).toBe("empty");
    expect(s.message).toMatch(/Select one image/);
  });

  it("one image, rotated inside a scaled group: size and image→page transform match the document", async () => {
    const { doc, ab } = setup();
    const group = doc.build.group(ab, { x: 100, y: 50, rotation: 10, scale: 1.5 });
    const img = doc.build.image(group, { width: 300, height: 200, x: 40, y: 30, rotation: 25 });
    doc.select(img);
    const s = await summaryFor(doc);
    expect(s.type).toBe("image");
    if (s.type !== "image") return;
    expect(s.image.nodeId).toBe(img.id);
    expect([s.image.width, s.image.height]).toEqual([300, 200]);
    for (const [x, y] of [[0, 0], [300, 0], [0, 200], [300, 200], [123, 45]]) {
      expectClose(applyA(s.image.transform, x, y), truthOnPage(img, x, y));
    }
    // 35° on screen, scale 1.5 from the group.
    expect((Math.atan2(s.image.transform[1], s.image.transform[0]) * 180) / Math.PI).toBeCloseTo(35, 9);
    expect(Math.hypot(s.image.transform[0], s.image.transform[1])).toBeCloseTo(1.5, 9);
    expect(s.page).toMatchObject({ pageIndex: 0, width: 1000, height: 800, artboardId: ab.id });
    expect(s.image.generation).toBeUndefined();
  });

  it("a cropped image: image space is the visible part", async () => {
    const { doc, ab } = setup();
    const img = doc.build.image(ab, { width: 400, height: 300, x: 10, y: 20, crop: { x: 50, y: 40, width: 200, height: 100 } });
    doc.select(img);
    const s = await summaryFor(doc);
    if (s.type !== "image") throw new Error(s.type);
    expect([s.image.width, s.image.height]).toEqual([200, 100]);
    expectClose(applyA(s.image.transform, 0, 0), { x: 10, y: 20 });
    expect(s.image.boundsOnPage).toEqual({ x: 10, y: 20, width: 200, height: 100 });
  });

  it("image + rectangle + ellipse + path: shapes placed in IMAGE space, partly outside the image", async () => {
    const { doc, ab } = setup();
    const img = doc.build.image(ab, { width: 400, height: 300, x: 200, y: 100, rotation: 30 });
    const rect = doc.build.rectangle(ab, { width: 100, height: 60, x: 250, y: 150, rotation: -15, cornerRadius: 8 });
    const ell = doc.build.ellipse(ab, { rx: 40, ry: 25, x: 180, y: 110 }); // centred near the image's corner: partly outside
    const path = doc.build.path(ab, { d: "M 0 0 L 80 0 L 40 70 Z", fillRule: "evenodd", x: 300, y: 250, rotation: 5 });
    doc.select(img, rect, ell, path);
    const s = (await summaryFor(doc)) as ImageWithMaskSelection;
    expect(s.type).toBe("image-with-mask");
    expect(s.maskShapes.map((m) => m.nodeId)).toEqual([rect.id, ell.id, path.id]);
    expect(s.maskShapes.map((m) => m.shape)).toEqual([
      { kind: "rectangle", width: 100, height: 60, cornerRadius: 8 },
      { kind: "ellipse", rx: 40, ry: 25 },
      { kind: "path", d: "M 0 0 L 80 0 L 40 70 Z", fillRule: "evenodd" },
    ]);
    // shape coords → image space → page must land where the document draws the shape.
    const viaSummary = (i: number, x: number, y: number) => {
      const p = applyA(s.maskShapes[i].transform, x, y);
      return applyA(s.image.transform, p.x, p.y);
    };
    expectClose(viaSummary(0, 100, 60), truthOnPage(rect, 100, 60));
    // The fake's ellipse origin is its centre: canonical (rx, ry) is local (0, 0).
    expectClose(viaSummary(1, 40, 25), truthOnPage(ell, 0, 0));
    expectClose(viaSummary(1, 80, 25), truthOnPage(ell, 40, 0));
    expectClose(viaSummary(2, 40, 70), truthOnPage(path, 40, 70));
    // The ellipse pokes out of the image: bounds are clipped to the image box.
    const b = s.maskBoundsInImage;
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.y).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(400 + 1e-9);
    expect(b.y + b.height).toBeLessThanOrEqual(300 + 1e-9);
    expect(b.x).toBe(0); // the ellipse reaches past the image's left edge
  });

  it("shapes nested in a rotated group over an image: group transforms are folded in", async () => {
    const { doc, ab } = setup();
    const img = doc.build.image(ab, { width: 500, height: 400, x: 50, y: 50 });
    const g = doc.build.group(ab, { x: 200, y: 150, rotation: 45, scale: 2 });
    const rect = doc.build.rectangle(g, { width: 20, height: 10, x: 5, y: 5 });
    doc.select(img, rect);
    const s = (await summaryFor(doc)) as ImageWithMaskSelection;
    expect(s.type).toBe("image-with-mask");
    const p = applyA(s.maskShapes[0].transform, 20, 10);
    expectClose(applyA(s.image.transform, p.x, p.y), truthOnPage(rect, 20, 10));
    // 2× group scale is part of the shape transform.
    expect(Math.hypot(s.maskShapes[0].transform[0], s.maskShapes[0].transform[1])).toBeCloseTo(2, 9);
  });

  it("mixed corner radii become a path with the same outline box", async () => {
    const { doc, ab } = setup();
    const img = doc.build.image(ab, { width: 500, height: 400 });
    const rect = doc.build.rectangle(ab, { width: 100, height: 50, x: 10, y: 10, radii: [10, 0, 20, 0] });
    doc.select(img, rect);
    const s = (await summaryFor(doc)) as ImageWithMaskSelection;
    const shape = s.maskShapes[0].shape;
    expect(shape.kind).toBe("path");
    if (shape.kind === "path") {
      expect(shape.d.startsWith("M 10 0 L 100 0 L 100 30 A 20 20 0 0 1 80 50")).toBe(true);
      expect(shape.fillRule).toBe("nonzero");
    }
  });

  it("shapes that miss the image: says to move a shape over the image", async () => {
    const { doc, ab } = setup();
    const img = doc.build.image(ab, { width: 100, height: 100 });
    const rect = doc.build.rectangle(ab, { width: 50, height: 50, x: 300, y: 300 });
    doc.select(img, rect);
    const s = await summaryFor(doc);
    expect(s).toMatchObject({ type: "unsupported", reason: "mask-outside-image" });
  });

  it("shape alone: integer page region under the shapes, clipped to the page", async () => {
    const { doc, ab } = setup();
    const rect = doc.build.rectangle(ab, { width: 100.4, height: 50, x: 10.3, y: 20.7, rotation: 0 });
    const ell = doc.build.ellipse(ab, { rx: 30, ry: 30, x: 990, y: 400 }); // half off the right edge
    doc.select(rect, ell);
    const s = (await summaryFor(doc)) as PageRegionSelection;
    expect(s.type).toBe("page-region");
    expect(s.region).toEqual({ x: 10, y: 20, width: 990, height: 410 });
    expectClose(applyA(s.maskShapes[1].transform, 30, 30), truthOnPage(ell, 0, 0));
    expectClose(applyA(s.maskShapes[0].transform, 100.4, 50), truthOnPage(rect, 100.4, 50));
  });

  it("shape entirely off the page", async () => {
    const { doc, ab } = setup();
    const rect = doc.build.rectangle(ab, { width: 10, height: 10, x: -50, y: -50 });
    doc.select(rect);
    expect(await summaryFor(doc)).toMatchObject({ type: "unsupported", reason: "outside-page" });
  });

  it.each([
    ["text", (d: FakeDocument, ab: Parameters<FakeDocument["build"]["text"]>[0]) => [d.build.text(ab, { text: "Hello" })]],
    ["group", (d: FakeDocument, ab: Parameters<FakeDocument["build"]["text"]>[0]) => [d.build.group(ab)]],
    ["video", (d: FakeDocument, ab: Parameters<FakeDocument["build"]["text"]>[0]) => [d.build.video(ab, { width: 100, height: 50 })]],
    ["unsupported-node", (d: FakeDocument, ab: Parameters<FakeDocument["build"]["text"]>[0]) => [d.build.grid(ab, { width: 100, height: 100 })]],
    ["several-images", (d: FakeDocument, ab: Parameters<FakeDocument["build"]["text"]>[0]) => [d.build.image(ab, { width: 10, height: 10 }), d.build.image(ab, { width: 10, height: 10 })]],
    ["locked", (d: FakeDocument, ab: Parameters<FakeDocument["build"]["text"]>[0]) => [d.build.image(ab, { width: 10, height: 10, locked: true })]],
    ["text", (d: FakeDocument, ab: Parameters<FakeDocument["build"]["text"]>[0]) => [d.build.image(ab, { width: 10, height: 10 }), d.build.text(ab, { text: "x" })]],
  ])("%s selected: a message saying what to select", async (reason, make) => {
    const { doc, ab } = setup();
    const nodes = make(doc, ab);
    doc.select(...nodes);
    const s = await summaryFor(doc);
    expect(s).toMatchObject({ type: "unsupported", reason });
    if (s.type === "unsupported") expect(s.message).toMatch(/^[^.]+ selected: (select|unlock|double-click) [^.]+\.$/);
    // Image + text names both ("Text is selected" read as if only text were).
    const withImage = reason === "text" && nodes.length > 1;
    if (withImage) expect(s.type === "unsupported" && s.message).toBe("Text and an image are selected: select them without the text (Shift+click the text).");
  });

  it("every unsupported message is one short sentence (the panel is 320 px wide)", async () => {
    const cases: [UnsupportedReason, (d: FakeDocument, ab: Parameters<FakeDocument["build"]["text"]>[0]) => unknown[]][] = [
      ["text", (d, ab) => [d.build.text(ab, { text: "Hello" })]],
      ["group", (d, ab) => [d.build.group(ab)]],
      ["video", (d, ab) => [d.build.video(ab, { width: 100, height: 50 })]],
      ["unsupported-node", (d, ab) => [d.build.grid(ab, { width: 100, height: 100 })]],
      ["several-images", (d, ab) => [d.build.image(ab, { width: 10, height: 10 }), d.build.image(ab, { width: 10, height: 10 })]],
      ["locked", (d, ab) => [d.build.image(ab, { width: 10, height: 10, locked: true })]],
      ["mask-outside-image", (d, ab) => [d.build.image(ab, { width: 10, height: 10 }), d.build.rectangle(ab, { width: 5, height: 5, x: 50, y: 50 })]],
      ["outside-page", (d, ab) => [d.build.rectangle(ab, { width: 10, height: 10, x: -50, y: -50 })]],
    ];
    for (const [reason, make] of cases) {
      const { doc, ab } = setup();
      doc.select(...(make(doc, ab) as Parameters<FakeDocument["select"]>));
      const s = await summaryFor(doc);
      expect(s).toMatchObject({ type: "unsupported", reason });
      if (s.type !== "unsupported") continue;
      if (reason === "text") expect(s.message).toBe("Text is selected: select an image or shapes instead.");
      expect({ reason, length: s.message.length <= 100, sentences: s.message.split(/[.!?](\s|$)/).filter((p) => p.trim()).length }).toEqual({ reason, length: true, sentences: 1 });
    }
  });

  it("a generated layer carries its recorded settings (regenerate from a layer)", async () => {
    const { doc, ab } = setup();
    const img = doc.build.image(ab, { width: 64, height: 64 });
    img.addOnData.set("localGenerativeFill.generation", JSON.stringify(sampleRecord));
    doc.select(img);
    const s = await summaryFor(doc);
    if (s.type !== "image") throw new Error(s.type);
    expect(s.image.generation).toEqual(sampleRecord);
  });

  it("corrupted add-on data is ignored, not trusted", async () => {
    const { doc, ab } = setup();
    const img = doc.build.image(ab, { width: 64, height: 64 });
    img.addOnData.set("localGenerativeFill.generation", JSON.stringify({ ...sampleRecord, seed: "x" }));
    doc.select(img);
    const s = await summaryFor(doc);
    if (s.type !== "image") throw new Error(s.type);
    expect(s.image.generation).toBeUndefined();
  });

  it("multiple pages: the summary names the page the selection is on", async () => {
    const doc = new FakeDocument();
    doc.build.page({ width: 500, height: 500 });
    const p2 = doc.build.page({ width: 1080, height: 1920 });
    const img = doc.build.image(p2.artboard, { width: 100, height: 100, x: 5, y: 5 });
    doc.showPage(1);
    doc.select(img);
    const s = await summaryFor(doc);
    if (s.type !== "image") throw new Error(s.type);
    expect(s.page).toEqual({
      pageId: p2.id,
      pageIndex: 1,
      width: 1080,
      height: 1920,
      artboardId: p2.artboard.id,
      sceneIndex: 0,
      sceneCount: 1,
      backdrop: { type: "color", red: 1, green: 1, blue: 1, alpha: 1 },
    });
  });

  it("pushes a summary to the panel on connect and on every selection change, with rising revisions", async () => {
    const { doc, ab } = setup();
    const img = doc.build.image(ab, { width: 64, height: 64 });
    const rect = doc.build.rectangle(ab, { width: 10, height: 10 });
    const h = await connect(doc);
    expect(h.pushes.map((p) => p.type)).toEqual(["unsupported"]);
    doc.select(img);
    doc.select(img, rect);
    doc.select(rect);
    await settle();
    expect(h.pushes.map((p) => p.type)).toEqual(["unsupported", "image", "image-with-mask", "page-region"]);
    const revisions = h.pushes.map((p) => p.revision);
    expect([...revisions].sort((a, b) => a - b)).toEqual(revisions);
    expect(new Set(revisions).size).toBe(revisions.length);
    h.exposed.stop();
    doc.select(img);
    await settle();
    expect(h.pushes).toHaveLength(4);
  });

  it("works in large-document mode (no reference kept between frames)", async () => {
    const { doc, ab } = setup();
    doc.largeDocumentMode = true;
    const img = doc.build.image(ab, { width: 64, height: 64, rotation: 12 });
    const rect = doc.build.rectangle(ab, { width: 10, height: 10 });
    const h = await connect(doc);
    doc.select(img, rect);
    await settle();
    expect(h.pushes.at(-1)?.type).toBe("image-with-mask");
    expect((await h.sandbox.getSelection()).type).toBe("image-with-mask");
  });
});

describe("selection summary robustness", () => {
  it("a selection that cannot be measured (image flattened by a 0-scale group) gives a message instead of throwing", async () => {
    const doc = new FakeDocument();
    const page = doc.build.page({ width: 100, height: 100 });
    const flat = doc.build.group(page.artboard, { scale: { x: 1, y: 0 } });
    const img = doc.build.image(flat, { width: 50, height: 50 });
    const rect = doc.build.rectangle(page.artboard, { width: 10, height: 10 });
    doc.select(img, rect);
    const h = await connect(doc);
    const s = await h.sandbox.getSelection();
    expect(s).toMatchObject({ type: "unsupported", reason: "unsupported-node" });
    if (s.type === "unsupported") expect(s.message).toMatch(/degenerate/);
  });
});
