import { describe, expect, it } from "vitest";
import { planRegion, MAX_SOURCE_PIXELS, assertSourceSize, modelToSource, sourceToModel, type RegionPlan } from "../../src/imaging/region";
import { EmptyMaskError, ImagingOptionError, SourceTooLargeError } from "../../src/imaging/errors";

function expectValid(plan: RegionPlan, maxSide: number): void {
  const { context: c, maskBounds: b } = plan;
  expect(plan.modelWidth % 8).toBe(0);
  expect(plan.modelHeight % 8).toBe(0);
  expect(Math.max(plan.modelWidth, plan.modelHeight)).toBeLessThanOrEqual(maxSide);
  expect(c.x).toBeGreaterThanOrEqual(0);
  expect(c.y).toBeGreaterThanOrEqual(0);
  expect(c.x + c.width).toBeLessThanOrEqual(plan.sourceWidth);
  expect(c.y + c.height).toBeLessThanOrEqual(plan.sourceHeight);
  expect(c.x).toBeLessThanOrEqual(b.x);
  expect(c.y).toBeLessThanOrEqual(b.y);
  expect(c.x + c.width).toBeGreaterThanOrEqual(b.x + b.width);
  expect(c.y + c.height).toBeGreaterThanOrEqual(b.y + b.height);
  expect(plan.scaleX).toBeCloseTo(plan.modelWidth / c.width, 12);
}

describe("planRegion", () => {
  it("model work depends on the selection, not the document", () => {
    const inDoc = planRegion(4000, 3000, { x: 1700, y: 1200, width: 512, height: 512 }, { maxModelSide: 512 });
    const alone = planRegion(512, 512, { x: 0, y: 0, width: 512, height: 512 }, { maxModelSide: 512 });
    expectValid(inDoc, 512);
    expect([inDoc.modelWidth, inDoc.modelHeight]).toEqual([512, 512]);
    expect([alone.modelWidth, alone.modelHeight]).toEqual([512, 512]);
    // Margin: 25 % of the long side on each side.
    expect(inDoc.context).toEqual({ x: 1700 - 128, y: 1200 - 128, width: 768, height: 768 });
  });

  it("keeps the aspect: context aspect equals the model aspect", () => {
    const p = planRegion(4000, 3000, { x: 1000, y: 1000, width: 600, height: 200 }, { maxModelSide: 768 });
    expectValid(p, 768);
    expect(p.modelWidth).toBe(768);
    expect(Math.abs(p.scaleX - p.scaleY) / p.scaleX).toBeLessThan(0.01);
  });

  it("mask touching the border: context shifts inward, keeps its size", () => {
    const p = planRegion(2000, 1500, { x: 0, y: 1400, width: 100, height: 100 }, { maxModelSide: 512 });
    expectValid(p, 512);
    expect(p.context.x).toBe(0);
    expect(p.context.y + p.context.height).toBe(1500);
    expect(p.context.width).toBe(164);
    expect(p.context.height).toBe(164);
  });

  it("mask larger than the model resolution is downscaled", () => {
    const p = planRegion(4000, 3000, { x: 500, y: 400, width: 2600, height: 1900 }, { maxModelSide: 512 });
    expectValid(p, 512);
    expect(p.modelWidth).toBe(512);
    expect(p.scaleX).toBeLessThan(0.2);
    expect(Math.abs(p.scaleX - p.scaleY) / p.scaleX).toBeLessThan(0.02);
  });

  it("1-pixel mask gets the minimum context and is upscaled (or not, if asked)", () => {
    const p = planRegion(1000, 1000, { x: 500, y: 500, width: 1, height: 1 }, { maxModelSide: 512 });
    expectValid(p, 512);
    expect(p.context.width).toBe(65);
    expect([p.modelWidth, p.modelHeight]).toEqual([512, 512]);
    const q = planRegion(1000, 1000, { x: 500, y: 500, width: 1, height: 1 }, { maxModelSide: 512, upscaleSmallRegions: false, minModelSide: 64 });
    expectValid(q, 512);
    expect([q.modelWidth, q.modelHeight]).toEqual([72, 72]);
  });

  it("full mask: the context is the whole image", () => {
    const p = planRegion(1200, 800, { x: 0, y: 0, width: 1200, height: 800 }, { maxModelSide: 768 });
    expectValid(p, 768);
    expect(p.context).toEqual({ x: 0, y: 0, width: 1200, height: 800 });
    expect([p.modelWidth, p.modelHeight]).toEqual([768, 512]);
  });

  it("a thin image cannot keep the aspect: scales differ but stay within limits", () => {
    const p = planRegion(4000, 40, { x: 0, y: 0, width: 4000, height: 40 }, { maxModelSide: 512 });
    expectValid(p, 512);
    expect(p.context).toEqual({ x: 0, y: 0, width: 4000, height: 40 });
    expect(p.modelHeight).toBe(8);
  });

  it("empty mask, mask outside the image → EmptyMaskError", () => {
    expect(() => planRegion(100, 100, { x: 0, y: 0, width: 0, height: 0 }, { maxModelSide: 512 })).toThrow(EmptyMaskError);
    expect(() => planRegion(100, 100, { x: 200, y: 0, width: 10, height: 10 }, { maxModelSide: 512 })).toThrow(EmptyMaskError);
  });

  it("source beyond MAX_SOURCE_PIXELS → SourceTooLargeError with a clear message", () => {
    expect(MAX_SOURCE_PIXELS).toBeLessThan(10000 * 10000);
    expect(() => planRegion(10000, 10000, { x: 0, y: 0, width: 10, height: 10 }, { maxModelSide: 512 })).toThrow(SourceTooLargeError);
    expect(() => assertSourceSize(10000, 10000)).toThrow(/10000×10000 .*limit is 67\.1 MP/);
    expect(() => assertSourceSize(20000, 100)).toThrow(SourceTooLargeError);
    expect(() => assertSourceSize(8192, 8192)).not.toThrow();
  });

  it("rejects model sizes that are not multiples of 8; small (test) models work", () => {
    expect(() => planRegion(100, 100, { x: 0, y: 0, width: 5, height: 5 }, { maxModelSide: 500 })).toThrow(ImagingOptionError);
    expect(() => planRegion(100, 100, { x: 0, y: 0, width: 5, height: 5 }, { maxModelSide: 64, minModelSide: 128 })).toThrow(ImagingOptionError);
    const tiny = planRegion(300, 200, { x: 10, y: 20, width: 30, height: 60 }, { maxModelSide: 64 });
    expectValid(tiny, 64);
    expect(tiny.modelHeight).toBe(64);
  });

  it("maps coordinates both ways", () => {
    const p = planRegion(4000, 3000, { x: 1000, y: 1000, width: 300, height: 300 }, { maxModelSide: 512 });
    const [mx, my] = sourceToModel(p, 1100, 1200);
    const [sx, sy] = modelToSource(p, mx, my);
    expect(sx).toBeCloseTo(1100, 9);
    expect(sy).toBeCloseTo(1200, 9);
  });
});
