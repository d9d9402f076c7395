import { describe, expect, it } from "vitest";
import { createGrayImage, createRgbaImage, type GrayImage, type RgbaImage } from "../../src/imaging/image";
import { DEFAULT_EXEMPLAR_OPTIONS, exemplarFill, synthesizePatchFill } from "../../src/imaging/exemplar-fill";
import { continueEdge } from "../../src/imaging/exemplar/edge-continuation";
import { composeOverSmoothBase } from "../../src/imaging/exemplar/compose";
import { exemplarContext, exemplarFillImage, exemplarFillPatch } from "../../src/imaging/exemplar-region";
import { prefillMasked } from "../../src/imaging/prefill";
import { EmptyMaskError, ImageSizeError, ImagingOptionError } from "../../src/imaging/errors";
import { randomImage } from "./helpers";

/** Diagonal stripes, period 8: a texture a good exemplar fill continues exactly. */
function stripes(w: number, h: number): RgbaImage {
  const img = createRgbaImage(w, h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = (x + y) % 8 < 4 ? 40 : 210;
      img.data.set([v, 255 - v, 120, 255], 4 * (y * w + x));
    }
  }
  return img;
}

function boxMask(w: number, h: number, x0: number, y0: number, bw: number, bh: number): GrayImage {
  const m = createGrayImage(w, h);
  for (let y = y0; y < y0 + bh; y++) m.data.fill(255, y * w + x0, y * w + x0 + bw);
  return m;
}

function holeMse(a: RgbaImage, b: RgbaImage, mask: GrayImage): number {
  let se = 0, n = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    for (let c = 0; c < 3; c++) se += (a.data[4 * i + c] - b.data[4 * i + c]) ** 2;
    n += 3;
  }
  return se / n;
}

/** Pearson correlation of the red channel of a and b over the masked pixels. */
function holeCorrelation(a: RgbaImage, b: RgbaImage, mask: GrayImage): number {
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) { xs.push(a.data[4 * i]); ys.push(b.data[4 * i]); }
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length, my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let sxy = 0, sxx = 0, syy = 0;
  for (let k = 0; k < xs.length; k++) { sxy += (xs[k] - mx) * (ys[k] - my); sxx += (xs[k] - mx) ** 2; syy += (ys[k] - my) ** 2; }
  return sxy / Math.sqrt(sxx * syy || 1);
}

describe("exemplarFill", () => {
  it("continues a texture through the hole far better than a smooth fill (detailFloor 1), and by default at the hole's edge", () => {
    const img = stripes(160, 120);
    const mask = boxMask(160, 120, 60, 40, 40, 36);
    const smooth = prefillMasked(img, mask, "blur");
    const whole = exemplarFill(img, mask, { detailFloor: 1 });
    // Stripes of ±85 around their mean: a blur errs by ~85²; the copied stripes nearly match.
    expect(holeMse(smooth, img, mask)).toBeGreaterThan(3000);
    expect(holeMse(whole, img, mask)).toBeLessThan(holeMse(smooth, img, mask) / 10);
    // Default: the nearest known pixels' detail on the hole's outermost ring, the smooth base deeper.
    // That ring carries the surround's edge energy (exemplar/edge-energy.ts, gain at most 2), so
    // its stripes are stronger than the truth's: they follow the truth better than the blur does,
    // not exactly (correlation ~0.44 vs ~0.33; the base alone, with no gain, ~0.69: the gain buys
    // an edge as busy as its surroundings with accuracy, which is why it is capped).
    const fill = exemplarFill(img, mask);
    const ring = boxMask(160, 120, 60, 40, 40, 36);
    for (let y = 40; y < 76; y++) for (let x = 60; x < 100; x++) if (Math.min(x - 60, 99 - x, y - 40, 75 - y) >= 1) ring.data[y * 160 + x] = 0;
    expect(holeCorrelation(fill, img, ring)).toBeGreaterThan(holeCorrelation(smooth, img, ring) + 0.08);
  });

  it("leaves every pixel outside the hole bit for bit, and makes the hole opaque", () => {
    const img = randomImage(96, 80, 3, false);
    const mask = boxMask(96, 80, 30, 20, 25, 30);
    mask.data[5] = 1; // partial coverage counts as hole (threshold 0)
    const out = exemplarFill(img, mask);
    for (let i = 0; i < mask.data.length; i++) {
      if (mask.data[i]) expect(out.data[4 * i + 3]).toBe(255);
      else for (let c = 0; c < 4; c++) expect(out.data[4 * i + c]).toBe(img.data[4 * i + c]);
    }
  });

  it("is deterministic for a seed and changes with it (the copied patches: detailFloor 1)", () => {
    const img = randomImage(64, 64, 9);
    const mask = boxMask(64, 64, 20, 20, 24, 20);
    expect(exemplarFill(img, mask, { seed: 5 }).data).toEqual(exemplarFill(img, mask, { seed: 5 }).data);
    expect(exemplarFill(img, mask, { seed: 5, detailFloor: 1 }).data).not.toEqual(exemplarFill(img, mask, { seed: 6, detailFloor: 1 }).data);
  });

  it("never lets what is under the hole reach the fill (the object being removed): the same bytes whatever it is", () => {
    const img = randomImage(72, 64, 5);
    // A box, a band through the border, and a hole small enough to be solved without a coarser level.
    for (const mask of [boxMask(72, 64, 20, 18, 30, 22), boxMask(72, 64, 0, 40, 72, 9), boxMask(72, 64, 30, 10, 7, 6)]) {
      const covered = (v: (i: number, c: number) => number) => {
        const other = createRgbaImage(72, 64);
        other.data.set(img.data);
        for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) for (let c = 0; c < 3; c++) other.data[4 * i + c] = v(i, c);
        return other;
      };
      for (const detailFloor of [0, 1]) {
        const out = exemplarFill(img, mask, { detailFloor });
        for (const other of [covered(() => 0), covered(() => 255), covered((i, c) => (i * 7919 + c * 31) % 256)]) {
          expect(exemplarFill(other, mask, { detailFloor }).data).toEqual(out.data);
        }
      }
    }
  });

  it("by default (detailFloor 0) skips the patch search, whose patches could not reach the result: the same bytes as with it, for any seed", () => {
    const img = randomImage(72, 64, 3);
    for (const mask of [boxMask(72, 64, 20, 18, 30, 22), boxMask(72, 64, 0, 40, 72, 9)]) {
      // The search's path, finished as exemplarFill finishes it.
      const searched = synthesizePatchFill(img, mask, { ...DEFAULT_EXEMPLAR_OPTIONS, seed: 11 })!;
      continueEdge(searched.finest);
      composeOverSmoothBase(searched.finest, 0);
      const out = exemplarFill(img, mask, { seed: 4 });
      for (let i = 0; i < mask.data.length; i++) {
        if (!mask.data[i]) continue;
        for (let c = 0; c < 3; c++) expect(out.data[4 * i + c]).toBe(Uint8ClampedArray.of(searched.finest.rgb[3 * i + c])[0]);
      }
    }
  });

  it("returns a copy when nothing is masked, and a smooth fill when no whole patch is left to copy", () => {
    const img = randomImage(32, 24, 1);
    const empty = exemplarFill(img, createGrayImage(32, 24));
    expect(empty.data).toEqual(img.data);
    expect(empty.data).not.toBe(img.data);
    const all = boxMask(32, 24, 0, 0, 32, 24);
    all.data[0] = 0;
    expect(exemplarFill(img, all).data).toEqual(prefillMasked(img, all, "blur").data);
  });

  it("rejects bad options and mismatched sizes with a sentence that says what to pass", () => {
    const img = randomImage(16, 16, 2);
    expect(() => exemplarFill(img, createGrayImage(15, 16))).toThrow(ImageSizeError);
    expect(() => exemplarFill(img, createGrayImage(16, 16), { patchRadius: 0 })).toThrow(ImagingOptionError);
    expect(() => exemplarFill(img, createGrayImage(16, 16), { detailFloor: 2 })).toThrow(/detailFloor in \[0, 1\]/);
  });
});

describe("exemplarFillPatch (large images)", () => {
  it("works on the hole's neighbourhood only: the context does not grow with the document", () => {
    expect(exemplarContext(4000, 4000, { x: 1744, y: 1744, width: 512, height: 512 })).toEqual({ x: 1488, y: 1488, width: 1024, height: 1024 });
    expect(exemplarContext(4000, 4000, { x: 10, y: 3990, width: 20, height: 10 })).toEqual({ x: 0, y: 3942, width: 78, height: 58 });
  });

  it("fills a hole in a big image through its crop, identical to filling that crop", () => {
    const img = stripes(600, 400);
    const mask = boxMask(600, 400, 300, 200, 30, 20);
    const { image, rect } = exemplarFillPatch(img, mask, { detailFloor: 1 });
    expect(rect).toEqual({ x: 252, y: 152, width: 126, height: 116 });
    const whole = exemplarFillImage(img, mask, { detailFloor: 1 });
    for (let y = 0; y < rect.height; y++) {
      for (let x = 0; x < rect.width; x++) {
        const i = 4 * ((rect.y + y) * 600 + rect.x + x), j = 4 * (y * rect.width + x);
        expect(whole.data[i]).toBe(image.data[j]);
      }
    }
    expect(holeMse(whole, img, mask)).toBeLessThan(holeMse(prefillMasked(img, mask, "blur"), img, mask) / 5);
  });

  it("says so when the mask is empty", () => {
    expect(() => exemplarFillPatch(randomImage(8, 8, 1), createGrayImage(8, 8))).toThrow(EmptyMaskError);
  });
});
