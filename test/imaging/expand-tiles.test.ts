/** Expand pixels without a model: canvas, pre-fill, tile plan, and the original bit for bit. */
import { describe, expect, it } from "vitest";
import {
  applyExpandTile,
  buildExpandCanvas,
  createExpandState,
  EDGE_FADE_PX,
  pendingCount,
  planExpandCanvas,
  planExpandTiles,
  prepareExpandTile,
  type RgbaImage,
} from "../../src/imaging";
import { randomImage } from "./helpers";

/** A stand-in for the model: a flat colour, so where it landed is visible. */
function flat(width: number, height: number, v: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4).fill(v);
  return { width, height, data };
}

function originalIntact(canvas: RgbaImage, source: RgbaImage, at: { x: number; y: number }): boolean {
  for (let y = 0; y < source.height; y++) {
    const row = canvas.data.subarray(((at.y + y) * canvas.width + at.x) * 4, ((at.y + y) * canvas.width + at.x + source.width) * 4);
    const want = source.data.subarray(y * source.width * 4, (y + 1) * source.width * 4);
    if (!row.every((v, i) => v === want[i])) return false;
  }
  return true;
}

describe("expand canvas", () => {
  it("puts the source at whole-pixel margins and gives the box in image units", () => {
    const plan = planExpandCanvas({ width: 800, height: 600 }, { width: 400, height: 300 }, { left: 100, top: 0, right: 50.2, bottom: 25 });
    expect(plan.image).toEqual({ x: 200, y: 0, width: 800, height: 600 });
    expect([plan.width, plan.height]).toEqual([1100, 650]);
    expect(plan.box).toEqual({ x: -100, y: -0, width: 550, height: 325 });
  });

  it("pre-fills the margin by edge extension that fades with the distance", () => {
    const source = flat(20, 20, 0);
    for (let y = 0; y < 20; y++) source.data.set([200, 10, 10, 255], (y * 20 + 19) * 4); // red right edge
    for (let i = 3; i < source.data.length; i += 4) source.data[i] = 255;
    const plan = planExpandCanvas(source, source, { left: 0, top: 0, right: 100, bottom: 0 });
    const canvas = buildExpandCanvas(source, plan);
    const at = (x: number) => canvas.data[(10 * plan.width + x) * 4];
    expect(at(20)).toBeGreaterThan(190); // next to the edge: the edge's colour
    expect(at(20 + EDGE_FADE_PX + 20)).toBeLessThan(at(21)); // far out: the smooth fill
    expect(canvas.data[(10 * plan.width + 60) * 4 + 3]).toBe(255);
    expect(originalIntact(canvas, source, plan.image)).toBe(true);
  });
});

describe("exemplar pre-fill (the built-in fill, behind EXPAND_PREFILL)", () => {
  it("fills the margin from patches of the image, the original bit for bit", () => {
    const source = randomImage(24, 16, 5);
    const plan = planExpandCanvas(source, source, { left: 8, top: 0, right: 8, bottom: 4 });
    const canvas = buildExpandCanvas(source, plan, "exemplar");
    expect(originalIntact(canvas, source, plan.image)).toBe(true);
    for (let i = 3; i < canvas.data.length; i += 4) expect(canvas.data[i]).toBe(255);
  });
});

describe("planExpandTiles", () => {
  it("takes a canvas the model sees at once as one window", () => {
    const plan = planExpandTiles({ width: 700, height: 394 }, { x: 150, y: 0, width: 394, height: 394 }, 512);
    expect(plan.tiled).toBe(false);
    expect(plan.tiles).toEqual([{ window: { x: 0, y: 0, width: 700, height: 394 }, core: { x: 0, y: 0, width: 700, height: 394 }, modelWidth: 512, modelHeight: 288 }]);
  });

  it("tiles a 16:9 expansion of a 1024² image in native windows that each see known pixels", () => {
    const image = { x: 398, y: 0, width: 1024, height: 1024 };
    const plan = planExpandTiles({ width: 1820, height: 1024 }, image, 512);
    expect(plan.tiled).toBe(true);
    expect(plan.tiles.length).toBe(6);
    for (const t of plan.tiles) {
      expect([t.window.width, t.window.height, t.modelWidth, t.modelHeight]).toEqual([512, 512, 512, 512]);
      // no window lies wholly inside the margin far from what is known
      expect(t.window.x < image.x + image.width && t.window.x + t.window.width > image.x).toBe(true);
    }
  });

  it("covers every margin pixel at 3× the native size, each tile overlapping earlier paint or the original", () => {
    const W = 192, H = 192, image = { x: 64, y: 64, width: 64, height: 64 };
    const plan = planExpandTiles({ width: W, height: H }, image, 64);
    const done = new Uint8Array(W * H);
    for (let y = image.y; y < image.y + image.height; y++) done.fill(1, y * W + image.x, y * W + image.x + image.width);
    for (const t of plan.tiles) {
      let known = 0;
      for (let y = t.window.y; y < t.window.y + t.window.height; y++) for (let x = t.window.x; x < t.window.x + t.window.width; x++) known += done[y * W + x];
      expect(known).toBeGreaterThan(0);
      for (let y = t.core.y; y < t.core.y + t.core.height; y++) done.fill(1, y * W + t.core.x, y * W + t.core.x + t.core.width);
    }
    expect(done.every((v) => v === 1)).toBe(true);
  });
});

describe("tiles into the canvas", () => {
  it("paints every margin pixel and leaves the original bit-identical (tiled and single)", () => {
    for (const [margins, side] of [[{ left: 70, top: 10, right: 100, bottom: 50 }, 64], [{ left: 5, top: 0, right: 5, bottom: 0 }, 64]] as const) {
      const source = randomImage(60, 40, 7, false); // with transparent pixels: kept as they are
      const plan = planExpandCanvas(source, source, margins);
      const state = createExpandState(buildExpandCanvas(source, plan), plan.image);
      const tiles = planExpandTiles(plan, plan.image, side);
      tiles.tiles.forEach((tile, k) => {
        const prepared = prepareExpandTile(state, tile);
        expect(prepared.modelImage.width).toBe(tile.modelWidth);
        expect(prepared.modelMask.data.some((v) => v > 0)).toBe(true);
        applyExpandTile(state, prepared, flat(tile.modelWidth, tile.modelHeight, 40 + 20 * k), { colorMatch: k % 2 === 0 });
      });
      expect(pendingCount(state)).toBe(0);
      expect(originalIntact(state.canvas, source, plan.image)).toBe(true);
      expect(state.canvas.data[3]).toBe(255);
    }
  });

  it("paints no tile blind: every window keeps known pixels unmasked, even at a small model size", () => {
    // 16:9 and 9:16 of a square and a ×2 scale, at a 64-px (tiny) and a 512-px model: a seam ring as
    // wide as the context band used to mask every known pixel of some windows (12 of 64 tiles).
    const cases = [
      { W: 711, H: 400, image: { x: 155, y: 0, width: 400, height: 400 } },
      { W: 400, H: 711, image: { x: 0, y: 155, width: 400, height: 400 } },
      { W: 1820, H: 1024, image: { x: 398, y: 0, width: 1024, height: 1024 } },
      { W: 192, H: 128, image: { x: 48, y: 32, width: 96, height: 64 } },
    ];
    for (const { W, H, image } of cases) {
      for (const native of [64, 512]) {
        const state = createExpandState({ width: W, height: H, data: new Uint8ClampedArray(W * H * 4) }, image);
        const blind: string[] = [];
        for (const tile of planExpandTiles({ width: W, height: H }, image, native).tiles) {
          const prepared = prepareExpandTile(state, tile);
          if (prepared.windowMask.data.every((v) => v >= 128)) blind.push(`${tile.window.x},${tile.window.y}`);
          const { core } = tile;
          for (let y = core.y; y < core.y + core.height; y++) state.pending.fill(0, y * W + core.x, y * W + core.x + core.width);
        }
        expect(blind, `${W}×${H} at ${native} px`).toEqual([]);
      }
    }
  });
});
