import { describe, expect, it } from "vitest";
import { finishFill, finishFillPatch, finishRegion, prepareFill } from "../../src/imaging/fill";
import { blendInto, compositeRegion } from "../../src/imaging/composite";
import { maskFromAlpha } from "../../src/imaging/mask";
import { createGrayImage, createRgbaImage, type RgbaImage } from "../../src/imaging/image";
import { EmptyMaskError, ImageSizeError, SourceTooLargeError } from "../../src/imaging/errors";
import type { MaskShape } from "../../src/imaging/shapes";
import { randomImage, rotation } from "./helpers";

function fullBlendMask(source: RgbaImage, prepared: ReturnType<typeof prepareFill>) {
  const { context: c } = prepared.plan;
  const m = createGrayImage(source.width, source.height);
  for (let y = 0; y < c.height; y++) m.data.set(prepared.blendMask.data.subarray(y * c.width, (y + 1) * c.width), (c.y + y) * source.width + c.x);
  return m;
}

describe("prepareFill → finishFill", () => {
  const source = randomImage(640, 480, 11, false); // alpha varies too
  const shapes: MaskShape[] = [{ shape: { kind: "ellipse", rx: 60, ry: 25 }, transform: rotation(40, 1, 1, 300, 150) }];

  it("every pixel outside the grown + feathered mask is bit-identical (whole image)", () => {
    const prepared = prepareFill(source, { shapes }, { maxModelSide: 512, prefill: "blur" });
    const { plan } = prepared;
    expect([prepared.modelImage.width, prepared.modelImage.height]).toEqual([plan.modelWidth, plan.modelHeight]);
    expect([prepared.modelMask.width, prepared.modelMask.height]).toEqual([plan.modelWidth, plan.modelHeight]);
    const generated = randomImage(plan.modelWidth, plan.modelHeight, 12);
    const out = finishFill(source, prepared, generated);
    const blend = fullBlendMask(source, prepared);
    let identical = 0, changedInside = 0;
    for (let i = 0; i < blend.data.length; i++) {
      if (blend.data[i] === 0) {
        for (let c = 0; c < 4; c++) if (out.data[4 * i + c] !== source.data[4 * i + c]) throw new Error(`pixel ${i} changed outside the mask`);
        identical++;
      } else if (blend.data[i] === 255 && out.data[4 * i] !== source.data[4 * i]) changedInside++;
    }
    expect(identical).toBeGreaterThan(640 * 480 * 0.9);
    expect(changedInside).toBeGreaterThan(3000);
    // Geometric check, independent of the blend mask: the ellipse's circumscribed circle (r = 60)
    // grown by grow + feather (+2 for rounding) bounds every pixel that may change.
    const reach = 60 + 8 + 8 + 2;
    for (let y = 0; y < 480; y++) {
      for (let x = 0; x < 640; x++) {
        const cx = 300 + 60 * Math.cos((40 * Math.PI) / 180) - 25 * Math.sin((40 * Math.PI) / 180);
        const cy = 150 + 60 * Math.sin((40 * Math.PI) / 180) + 25 * Math.cos((40 * Math.PI) / 180);
        if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= reach) continue;
        const i = 4 * (y * 640 + x);
        if (out.data[i] !== source.data[i] || out.data[i + 3] !== source.data[i + 3]) throw new Error(`pixel ${x},${y} changed`);
      }
    }
  });

  it("fully masked pixels take the (resized, colour-matched) generated region; the patch equals the full composite", () => {
    const prepared = prepareFill(source, { shapes }, { maxModelSide: 384, growPx: 4, featherPx: 3 });
    const generated = randomImage(prepared.plan.modelWidth, prepared.plan.modelHeight, 13);
    const { region } = finishRegion(source, prepared, generated);
    const full = finishFill(source, prepared, generated);
    const { image: patch, rect } = finishFillPatch(source, prepared, generated);
    expect(rect).toEqual(prepared.plan.context);
    for (let y = 0; y < rect.height; y++) {
      for (let x = 0; x < rect.width; x++) {
        const p = 4 * (y * rect.width + x), f = 4 * ((rect.y + y) * 640 + rect.x + x);
        for (let c = 0; c < 4; c++) if (patch.data[p + c] !== full.data[f + c]) throw new Error("patch differs from full composite");
        if (prepared.blendMask.data[y * rect.width + x] === 255) for (let c = 0; c < 4; c++) if (full.data[f + c] !== region.data[p + c]) throw new Error("fully masked pixel is not generated");
      }
    }
  });

  it("works from an alpha mask and at the image border", () => {
    const src = randomImage(300, 200, 3);
    const holed = createRgbaImage(300, 200);
    holed.data.fill(255);
    for (let y = 150; y < 200; y++) for (let x = 0; x < 40; x++) holed.data[4 * (y * 300 + x) + 3] = 0; // transparent corner
    const prepared = prepareFill(src, { mask: maskFromAlpha(holed) }, { maxModelSide: 512 });
    expect(prepared.plan.context.x).toBe(0);
    expect(prepared.plan.context.y + prepared.plan.context.height).toBe(200);
    const out = finishFill(src, prepared, randomImage(prepared.plan.modelWidth, prepared.plan.modelHeight, 4), { colorMatch: false });
    expect(out.data[4 * (199 * 300)]).not.toBe(src.data[4 * (199 * 300)]);
    expect(out.data[4 * (0 * 300 + 299)]).toBe(src.data[4 * (0 * 300 + 299)]);
  });

  it("full mask repaints the whole image", () => {
    const src = randomImage(200, 120, 5);
    const prepared = prepareFill(src, { shapes: [{ shape: { kind: "rectangle", width: 200, height: 120 }, transform: [1, 0, 0, 1, 0, 0] }] }, { maxModelSide: 512 });
    expect(prepared.plan.context).toEqual({ x: 0, y: 0, width: 200, height: 120 });
    expect(prepared.blendMask.data.every((v) => v === 255)).toBe(true);
    const gen = createRgbaImage(prepared.plan.modelWidth, prepared.plan.modelHeight);
    gen.data.fill(90);
    const out = finishFill(src, prepared, gen);
    expect(out.data.every((v) => v === 90)).toBe(true); // no ring → colour match skipped
  });

  it("clear errors: empty mask, shapes off the image, no shapes, huge source, wrong generated size", () => {
    const src = randomImage(50, 50, 6);
    expect(() => prepareFill(src, { mask: createGrayImage(50, 50) }, { maxModelSide: 512 })).toThrow(EmptyMaskError);
    expect(() => prepareFill(src, { shapes: [] }, { maxModelSide: 512 })).toThrow(EmptyMaskError);
    const off: MaskShape = { shape: { kind: "ellipse", rx: 5, ry: 5 }, transform: [1, 0, 0, 1, 500, 500] };
    expect(() => prepareFill(src, { shapes: [off] }, { maxModelSide: 512 })).toThrow(EmptyMaskError);
    const zeroArea: MaskShape = { shape: { kind: "rectangle", width: 10, height: 0 }, transform: [1, 0, 0, 1, 5, 5] };
    expect(() => prepareFill(src, { shapes: [zeroArea] }, { maxModelSide: 512 })).toThrow(/selects no pixels/);
    const huge = { width: 10000, height: 10000, data: new Uint8ClampedArray(4) };
    expect(() => prepareFill(huge, { shapes: [off] }, { maxModelSide: 512 })).toThrow(SourceTooLargeError);
    const prepared = prepareFill(src, { shapes: [{ shape: { kind: "ellipse", rx: 5, ry: 5 }, transform: [1, 0, 0, 1, 20, 20] }] }, { maxModelSide: 512 });
    expect(() => finishFill(src, prepared, randomImage(64, 64, 1))).toThrow(ImageSizeError);
  });
});

describe("blendInto", () => {
  it("blends premultiplied: a transparent source pixel takes the generated colour, not a dark fringe", () => {
    const target = createRgbaImage(2, 1);
    target.data.set([0, 0, 0, 0, 10, 20, 30, 255]);
    const patch = createRgbaImage(2, 1);
    patch.data.set([200, 100, 50, 255, 200, 100, 50, 255]);
    const m = { width: 2, height: 1, data: Uint8Array.from([128, 0]) };
    const out = compositeRegion(target, patch, m, { x: 0, y: 0, width: 2, height: 1 });
    expect(Array.from(out.data)).toEqual([200, 100, 50, 128, 10, 20, 30, 255]);
    expect(Array.from(target.data.subarray(0, 4))).toEqual([0, 0, 0, 0]); // source untouched
    expect(() => blendInto(target, patch, m, { x: 1, y: 0, width: 2, height: 1 })).toThrow(ImageSizeError);
  });
});
