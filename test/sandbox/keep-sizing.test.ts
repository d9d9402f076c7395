/**
 * Issue 15 point 2: Keep lands on the source for any box, thin ones included. The panel sizes the
 * result exactly as it does for a real run (sourceGeometry), the real sandbox code inserts it
 * through the fake bridge, and the fake Express applies createImageContainer's aspect-ratio rule
 * exactly (contract/aspect-ratio.ts). Every corner of every kept layer must land within 0.5 px of
 * the source's corner.
 */
import { describe, expect, it } from "vitest";
import type { ImageSelection } from "../../src/contract/selection";
import { FakeDocument } from "../../src/playground/fake-express";
import { sourceGeometry } from "../../src/ui/flow/source-geometry";
import { applyA, connect, sampleRecord, truthOnPage } from "./harness";
import { rng } from "../support/seeded-random";

/**
 * Signature + IHDR of a PNG of the given size. The fake's loadBitmapImage reads only the size, and
 * encoding a real 4000×4000 PNG 200 times would only slow the test down.
 */
function pngHeader(width: number, height: number): ArrayBuffer {
  const bytes = new Uint8Array(33);
  bytes.set([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  return bytes.buffer;
}

interface Box {
  width: number;
  height: number;
  rotation: number;
}

function boxes(): Box[] {
  const rand = rng(20261201); // deterministic, so a failure names a box that can be replayed
  const logUniform = (lo: number, hi: number) => Math.exp(Math.log(lo) + rand() * (Math.log(hi) - Math.log(lo)));
  const fixed: Box[] = [
    { width: 640, height: 17.5, rotation: 0 },
    { width: 1, height: 400, rotation: 0 },
    { width: 3999, height: 1, rotation: 0 },
  ];
  const out = [...fixed];
  while (out.length < 200) {
    // Sizes from 1 to 4000 units, to 1/8 unit; a third of them rotated.
    const width = Math.round(logUniform(1, 4000) * 8) / 8;
    const height = Math.round(logUniform(1, 4000) * 8) / 8;
    out.push({ width, height, rotation: rand() < 0.33 ? Math.round(rand() * 3600) / 10 : 0 });
  }
  return out;
}

describe("Keep sizing: 200 boxes, including 640×17.5, 1×400 and 3999×1", () => {
  it("every kept layer lands within 0.5 px of its source, in large-document mode", async () => {
    const doc = new FakeDocument();
    doc.largeDocumentMode = true;
    const page = doc.build.page({ width: 4200, height: 4200 });
    const h = await connect(doc);
    let worst = { distance: 0, box: "" };
    const failures: string[] = [];
    for (const box of boxes()) {
      const img = doc.build.image(page.artboard, { width: box.width, height: box.height, x: 2100, y: 2100, rotation: box.rotation });
      doc.select(img);
      const s = (await h.sandbox.getSelection()) as ImageSelection;
      const geometry = sourceGeometry(s, 512);
      const result = await h.sandbox.insertLayer({
        pageId: s.page.pageId,
        target: geometry.target,
        png: pngHeader(geometry.width, geometry.height),
        record: sampleRecord,
      });
      const label = `${box.width}×${box.height} @${box.rotation}° (PNG ${geometry.width}×${geometry.height})`;
      if (result.type !== "inserted") {
        failures.push(`${label}: ${result.error.message}`);
        continue;
      }
      const layer = doc.find(result.nodeId)!;
      for (const [u, v] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
        const kept = truthOnPage(layer, u * layer.width, v * layer.height);
        const source = applyA(s.image.transform, u * box.width, v * box.height);
        const distance = Math.hypot(kept.x - source.x, kept.y - source.y);
        if (distance > worst.distance) worst = { distance, box: label };
        if (distance > 0.5) failures.push(`${label}: corner (${u},${v}) is ${distance.toFixed(3)} px off`);
      }
    }
    console.log(`Keep sizing: 200 boxes, worst corner error ${worst.distance.toFixed(4)} px (${worst.box})`);
    expect(failures).toEqual([]);
  }, 60_000);
});
