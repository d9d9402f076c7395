/**
 * The faster resize (issue 17, panel responsiveness: no whole-image float copy) against the
 * implementation it replaced (reference/resize-v1.ts, kept verbatim): identical bytes on random
 * images, opaque and translucent, down and up, bicubic and bilinear, odd sizes.
 */
import { describe, expect, it } from "vitest";
import { resizeGray, resizeRgba } from "../../src/imaging/resize";
import { createGrayImage, createRgbaImage, type GrayImage, type RgbaImage } from "../../src/imaging/image";
import * as v1 from "./reference/resize-v1";
import { rng } from "../support/seeded-random";

/** Smooth gradients plus noise; alpha opaque, translucent patches, or fully random. */
function randomImage(seed: number): RgbaImage {
  const r = rng(seed);
  const w = 3 + Math.floor(r() * 120), h = 3 + Math.floor(r() * 120);
  const img = createRgbaImage(w, h);
  const alphaKind = seed % 3;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = 4 * (y * w + x);
      img.data[i] = (x * 255) / w + r() * 40;
      img.data[i + 1] = (y * 255) / h;
      img.data[i + 2] = r() * 255;
      img.data[i + 3] = alphaKind === 0 ? 255 : alphaKind === 1 ? (x > w / 2 ? 255 : (y * 255) / h) : r() * 256;
    }
  }
  return img;
}

function randomMask(seed: number): GrayImage {
  const r = rng(seed);
  const m = createGrayImage(3 + Math.floor(r() * 120), 3 + Math.floor(r() * 120));
  for (let i = 0; i < m.data.length; i++) m.data[i] = r() < 0.5 ? 0 : r() < 0.5 ? 255 : r() * 256;
  return m;
}

function sizesFor(seed: number, w: number, h: number): [number, number][] {
  const r = rng(seed * 7 + 1);
  const down: [number, number] = [Math.max(1, Math.floor(w * (0.1 + r() * 0.8))), Math.max(1, Math.floor(h * (0.1 + r() * 0.8)))];
  const up: [number, number] = [Math.ceil(w * (1.1 + r() * 3)), Math.ceil(h * (1.1 + r() * 3))];
  return [down, up, [down[0], up[1]], [1, 1]];
}

function diffs(a: Uint8Array | Uint8ClampedArray, b: Uint8Array | Uint8ClampedArray): number {
  expect(a.length).toBe(b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

describe("resize against the previous implementation", () => {
  it("resizeRgba gives identical bytes on 45 random images × 4 sizes × 2 filters", () => {
    let compared = 0;
    for (let seed = 1; seed <= 45; seed++) {
      const img = randomImage(seed);
      for (const [w, h] of sizesFor(seed, img.width, img.height)) {
        for (const f of ["bicubic", "bilinear"] as const) {
          expect(diffs(resizeRgba(img, w, h, f).data, v1.resizeRgba(img, w, h, f).data), `seed ${seed} → ${w}×${h} ${f}`).toBe(0);
          compared++;
        }
      }
    }
    expect(compared).toBe(360);
  });

  it("resizeGray gives identical bytes on 45 random masks × 4 sizes × 2 filters", () => {
    for (let seed = 1; seed <= 45; seed++) {
      const m = randomMask(seed);
      for (const [w, h] of sizesFor(seed, m.width, m.height)) {
        for (const f of ["bicubic", "bilinear"] as const) {
          expect(diffs(resizeGray(m, w, h, f).data, v1.resizeGray(m, w, h, f).data), `seed ${seed} → ${w}×${h} ${f}`).toBe(0);
        }
      }
    }
  });
});
