import { describe, expect, it } from "vitest";
import { rasterizeShapes, shapesBounds, maskFromAlpha, maskBoundingBox, unionMasks } from "../../src/imaging/mask";
import type { MaskShape } from "../../src/imaging/shapes";
import { createGrayImage, createRgbaImage } from "../../src/imaging/image";
import { InvalidShapeError, PathSyntaxError } from "../../src/imaging/errors";
import { compareWithOracle, invertAffine, rotation, windingNumber } from "./helpers";

function localPoint(inv: number[], x: number, y: number): [number, number] {
  return [inv[0] * x + inv[2] * y + inv[4], inv[1] * x + inv[3] * y + inv[5]];
}

function sum(data: Uint8Array): number {
  let s = 0;
  for (const v of data) s += v;
  return s / 255;
}

describe("rasterizeShapes", () => {
  it("rotated ellipse matches a per-pixel-centre point-in-ellipse test outside a 1-pixel edge", () => {
    const transform = rotation(33, 1.3, 0.8, 120, 40);
    const shape: MaskShape = { shape: { kind: "ellipse", rx: 70, ry: 35 }, transform };
    const mask = rasterizeShapes([shape], 260, 200);
    const inv = invertAffine(transform);
    const inside = (x: number, y: number): boolean => {
      const [u, v] = localPoint(inv, x, y);
      return ((u - 70) / 70) ** 2 + ((v - 35) / 35) ** 2 <= 1;
    };
    const r = compareWithOracle(mask, inside);
    expect(r.wrong).toBe(0);
    expect(r.insideCount).toBeGreaterThan(5000);
    // Anti-aliased coverage integrates to the true area: π·rx·ry·|det|.
    const area = Math.PI * 70 * 35 * 1.3 * 0.8;
    expect(Math.abs(sum(mask.data) - area) / area).toBeLessThan(0.002);
  });

  it("path with arcs, curves and relative commands, evenodd and nonzero, rotated: matches an independent winding test", () => {
    // Outer: circle of radius 50 centred (60,60) from two arcs; inner: square 40×40 drawn clockwise,
    // then a relative cubic "leaf" overlapping the circle's edge.
    const d =
      "M10,60 A50,50 0 1,1 110,60 A50 50 0 1 1 10 60 Z " +
      "m30 -20 h40 v40 h-40 z " +
      "M90 90 c20-30 60-30 60 0 s-40 30-60 0 z";
    const transform = rotation(-21, 1.1, 1.1, 40, 70);
    const inv = invertAffine(transform);
    // The oracle's own geometry: dense polylines of the same curves, written independently here.
    // Circle: analytic, with the winding sign of a clockwise (y-down) loop like the arcs (sweep = 1).
    const circleWinding = (u: number, v: number): number => ((u - 60) ** 2 + (v - 60) ** 2 <= 2500 ? windingNumber([0, 0, 1, 0, 1, 1, 0, 1], 0.5, 0.5) : 0);
    const square = [40, 40, 80, 40, 80, 80, 40, 80];
    const bez = (p0: number[], p1: number[], p2: number[], p3: number[], out: number[]): void => {
      for (let i = 0; i <= 500; i++) {
        const t = i / 500, u = 1 - t;
        out.push(u ** 3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t ** 3 * p3[0], u ** 3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t ** 3 * p3[1]);
      }
    };
    const leaf: number[] = [];
    bez([90, 90], [110, 60], [150, 60], [150, 90], leaf);
    bez([150, 90], [150, 120], [110, 120], [90, 90], leaf); // S reflects (150,60) about (150,90)
    for (const fillRule of ["evenodd", "nonzero"] as const) {
      const mask = rasterizeShapes([{ shape: { kind: "path", d, fillRule }, transform }], 300, 260);
      const inside = (x: number, y: number): boolean => {
        const [u, v] = localPoint(inv, x, y);
        const inLeafBox = u >= 89 && u <= 151 && v >= 65 && v <= 115;
        const w = circleWinding(u, v) + windingNumber(square, u, v) + (inLeafBox ? windingNumber(leaf, u, v) : 0);
        return fillRule === "evenodd" ? (w & 1) !== 0 : w !== 0;
      };
      const r = compareWithOracle(mask, inside);
      expect(r.wrong, fillRule).toBe(0);
      expect(r.checked).toBeGreaterThan(60000);
      // The hole exists only under evenodd (both drawn clockwise in SVG's y-down frame).
      const [hx, hy] = [transform[0] * 60 + transform[2] * 60 + transform[4], transform[1] * 60 + transform[3] * 60 + transform[5]];
      expect(mask.data[Math.floor(hy) * 300 + Math.floor(hx)]).toBe(fillRule === "evenodd" ? 0 : 255);
    }
  });

  it("rounded rectangle and union of several shapes", () => {
    const rect: MaskShape = { shape: { kind: "rectangle", width: 60, height: 40, cornerRadius: 12 }, transform: rotation(45, 1, 1, 80, 10) };
    const ell: MaskShape = { shape: { kind: "ellipse", rx: 20, ry: 20 }, transform: [1, 0, 0, 1, 5, 80] };
    const both = rasterizeShapes([rect, ell], 160, 140);
    const a = rasterizeShapes([rect], 160, 140);
    const b = rasterizeShapes([ell], 160, 140);
    expect(both.data).toEqual(unionMasks([a, b]).data);
    const inv = invertAffine(rect.transform);
    const insideRect = (x: number, y: number): boolean => {
      const [u, v] = localPoint(inv, x, y);
      if (u < 0 || v < 0 || u > 60 || v > 40) return false;
      const cx = Math.min(Math.max(u, 12), 48), cy = Math.min(Math.max(v, 12), 28);
      return (u - cx) ** 2 + (v - cy) ** 2 <= 144;
    };
    const insideEll = (x: number, y: number): boolean => (x - 25) ** 2 + (y - 100) ** 2 <= 400;
    expect(compareWithOracle(both, (x, y) => insideRect(x, y) || insideEll(x, y)).wrong).toBe(0);
    const area = 60 * 40 - (4 - Math.PI) * 144 + Math.PI * 400;
    expect(Math.abs(sum(both.data) - area) / area).toBeLessThan(0.003);
  });

  it("a window gives the same pixels as the full mask, and bounds contain them", () => {
    const shapes: MaskShape[] = [{ shape: { kind: "ellipse", rx: 30, ry: 12 }, transform: rotation(70, 1, 1, 300, 200) }];
    const full = rasterizeShapes(shapes, 500, 400);
    const bounds = shapesBounds(shapes, 500, 400);
    const tight = maskBoundingBox(full);
    expect(bounds.x).toBeLessThanOrEqual(tight.x);
    expect(bounds.y).toBeLessThanOrEqual(tight.y);
    expect(bounds.x + bounds.width).toBeGreaterThanOrEqual(tight.x + tight.width);
    expect(bounds.y + bounds.height).toBeGreaterThanOrEqual(tight.y + tight.height);
    const win = { x: 250, y: 150, width: 120, height: 130 };
    const part = rasterizeShapes(shapes, 500, 400, win);
    for (let y = 0; y < win.height; y++) {
      for (let x = 0; x < win.width; x++) expect(part.data[y * win.width + x]).toBe(full.data[(win.y + y) * 500 + win.x + x]);
    }
  });

  it("clips shapes at the image border and rejects bad shapes", () => {
    const m = rasterizeShapes([{ shape: { kind: "rectangle", width: 100, height: 100 }, transform: [1, 0, 0, 1, -50.5, -50] }], 40, 40);
    expect(maskBoundingBox(m)).toEqual({ x: 0, y: 0, width: 40, height: 40 });
    expect(m.data[0]).toBe(255);
    expect(m.data[49 % 40]).toBe(255);
    expect(() => rasterizeShapes([{ shape: { kind: "ellipse", rx: NaN, ry: 3 }, transform: [1, 0, 0, 1, 0, 0] }], 10, 10)).toThrow(InvalidShapeError);
    expect(() => rasterizeShapes([{ shape: { kind: "path", d: "M0 0 Q", fillRule: "nonzero" }, transform: [1, 0, 0, 1, 0, 0] }], 10, 10)).toThrow(PathSyntaxError);
    expect(() => rasterizeShapes([{ shape: { kind: "rectangle", width: 3, height: 3 }, transform: [1, 0, 0, 1, 0] as never }], 10, 10)).toThrow(InvalidShapeError);
  });

  it("a half-pixel-wide rectangle gives half coverage", () => {
    const m = rasterizeShapes([{ shape: { kind: "rectangle", width: 0.5, height: 4 }, transform: [1, 0, 0, 1, 3, 2] }], 8, 8);
    expect(m.data[3 * 8 + 3]).toBe(128);
    expect(m.data[3 * 8 + 4]).toBe(0);
  });
});

describe("maskFromAlpha and maskBoundingBox", () => {
  it("maps alpha to repaint either way", () => {
    const img = createRgbaImage(3, 1);
    img.data.set([0, 0, 0, 0, 9, 9, 9, 128, 1, 1, 1, 255]);
    expect(Array.from(maskFromAlpha(img).data)).toEqual([255, 127, 0]);
    expect(Array.from(maskFromAlpha(img, { repaint: "opaque" }).data)).toEqual([0, 128, 255]);
  });

  it("finds the box at any alignment, and reports an empty mask", () => {
    const m = createGrayImage(1001, 777);
    expect(maskBoundingBox(m).width).toBe(0);
    for (const [x, y] of [[0, 0], [1000, 776], [3, 500], [517, 1]]) {
      m.data.fill(0);
      m.data[y * 1001 + x] = 1;
      expect(maskBoundingBox(m)).toEqual({ x, y, width: 1, height: 1 });
    }
    m.data[10 * 1001 + 20] = 5;
    m.data[600 * 1001 + 900] = 5;
    expect(maskBoundingBox(m)).toEqual({ x: 20, y: 1, width: 881, height: 600 });
    const view = { width: 7, height: 3, data: new Uint8Array(new ArrayBuffer(40), 3, 21) }; // unaligned view
    view.data[20] = 9;
    expect(maskBoundingBox(view)).toEqual({ x: 6, y: 2, width: 1, height: 1 });
  });
});
