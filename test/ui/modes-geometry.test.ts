import { describe, expect, it } from "vitest";
import type { ImageSelection, ImageWithMaskSelection, PageRegionSelection, SelectionSummary } from "../../src/contract";
import { availableModes, effectiveMode, strengthFor } from "../../src/ui/flow/modes";
import { choosePxPerUnit, MAX_RENDITION_SIDE_PX, sourceGeometry } from "../../src/ui/flow/source-geometry";

const page = { pageId: "p1", pageIndex: 0, width: 1200, height: 800, artboardId: "a1" };
const apply = (m: readonly number[], x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

// A 400×300 image rotated 90° clockwise about its top-left corner, placed at (700, 100) on the page.
const rotated: ImageSelection = {
  type: "image",
  revision: 1,
  page,
  image: { nodeId: "img", width: 400, height: 300, transform: [0, 1, -1, 0, 700, 100], boundsOnPage: { x: 400, y: 100, width: 300, height: 400 } },
};
const withMask: ImageWithMaskSelection = {
  ...rotated,
  type: "image-with-mask",
  maskShapes: [{ nodeId: "r", shape: { kind: "rectangle", width: 100, height: 50 }, transform: [1, 0, 0, 1, 20, 30] }],
  maskBoundsInImage: { x: 20, y: 30, width: 100, height: 50 },
};
const region: PageRegionSelection = {
  type: "page-region",
  revision: 1,
  page,
  maskShapes: [{ nodeId: "e", shape: { kind: "ellipse", rx: 50, ry: 25 }, transform: [1, 0, 0, 1, 100, 200] }],
  region: { x: 100, y: 200, width: 100, height: 50 },
};

describe("modes", () => {
  it("follows the selection, with overrides only among the allowed modes", () => {
    const unsupported: SelectionSummary = { type: "unsupported", revision: 1, reason: "text", message: "Select an image" };
    expect(availableModes(undefined)).toEqual([]);
    expect(availableModes(unsupported)).toEqual([]);
    expect(availableModes(rotated)).toEqual(["restyle", "variations", "expand"]);
    expect(availableModes(withMask)).toEqual(["fill", "remove", "restyle", "variations"]);
    expect(effectiveMode(withMask, null)).toBe("fill");
    expect(effectiveMode(withMask, "variations")).toBe("variations");
    expect(effectiveMode(rotated, "fill")).toBe("restyle"); // fill needs shapes
    expect(effectiveMode(withMask, "remove")).toBe("remove");
    expect(effectiveMode(rotated, "remove")).toBe("restyle"); // remove needs shapes (or a painted mask)
    expect(effectiveMode(unsupported, "fill")).toBeNull();
    expect(strengthFor("fill", 0.3)).toBe(1);
    expect(strengthFor("restyle", 0.3)).toBe(0.3);
  });
});

describe("source geometry", () => {
  it("maps rendition pixels to the rotated image's own upright pixel grid", () => {
    const g = sourceGeometry(rotated, 512);
    // 400-unit long side, model 512 → 1.28 px per unit
    expect(g.pxPerUnit).toBeCloseTo(1.28, 10);
    expect([g.width, g.height]).toEqual([512, 384]);
    expect(g.rendition).toEqual({ width: 1536, height: 1024 });
    // The image's corner (0,0) is page (700,100) → rendition px (896, 128) → source (0,0).
    const [x0, y0] = apply(g.renditionToSource, 700 * 1.28, 100 * 1.28);
    expect(x0).toBeCloseTo(0, 9);
    expect(y0).toBeCloseTo(0, 9);
    // Image point (400, 0) is page (700, 500) → source (512, 0).
    const [x1, y1] = apply(g.renditionToSource, 700 * 1.28, 500 * 1.28);
    expect(x1).toBeCloseTo(512, 9);
    expect(y1).toBeCloseTo(0, 9);
    expect(g.target).toEqual({ type: "image", imageNodeId: "img", maskShapeIds: [] });
  });

  it("puts mask shapes in source pixels and names them in the insert target", () => {
    const g = sourceGeometry(withMask, 512);
    expect(g.maskShapes).toHaveLength(1);
    expect(apply(g.maskShapes[0].transform, 0, 0)).toEqual([20 * 1.28, 30 * 1.28]);
    expect(apply(g.maskShapes[0].transform, 100, 50)[0]).toBeCloseTo(120 * 1.28, 9);
    expect(g.target).toEqual({ type: "image", imageNodeId: "img", maskShapeIds: ["r"] });
  });

  it("crops a page region and moves its shapes to the region's origin", () => {
    const g = sourceGeometry(region, 64);
    expect(g.pxPerUnit).toBe(1); // never below document resolution
    expect([g.width, g.height]).toEqual([100, 50]);
    expect(apply(g.renditionToSource, 100, 200)).toEqual([0, 0]);
    expect(apply(g.maskShapes[0].transform, 0, 0)).toEqual([0, 0]);
    expect(g.target).toEqual({ type: "page-region", maskShapeIds: ["e"] });
  });

  it("keeps renditions within the size Express can render", () => {
    const k = choosePxPerUnit({ width: 50, height: 50 }, { width: 4000, height: 3000 }, 512);
    expect(4000 * k).toBeLessThanOrEqual(MAX_RENDITION_SIDE_PX);
    expect(choosePxPerUnit({ width: 10, height: 10 }, page, 512)).toBe(4); // at most 4× upsampling
  });
});
