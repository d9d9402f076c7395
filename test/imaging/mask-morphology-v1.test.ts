/**
 * The faster growMask / featherMask (issue 17, panel responsiveness) against the implementation
 * they replaced (reference/mask-morphology-v1.ts, kept verbatim): identical bytes on random masks
 * of every kind the panel produces (blobs, hard and soft edges, noise, faint sub-pixel shapes,
 * masks touching the border), for default and large radii.
 */
import { describe, expect, it } from "vitest";
import { featherMask, growMask, prepareMasks } from "../../src/imaging/mask-morphology";
import { createGrayImage, type GrayImage } from "../../src/imaging/image";
import * as v1 from "./reference/mask-morphology-v1";
import { rng } from "../support/seeded-random";

/** A random mask: a few discs (hard or soft edged), speckle noise, optionally only faint values. */
function randomMask(seed: number): GrayImage {
  const r = rng(seed);
  const w = 20 + Math.floor(r() * 140), h = 20 + Math.floor(r() * 140);
  const m = createGrayImage(w, h);
  const kind = seed % 4;
  const discs = 1 + Math.floor(r() * 4);
  for (let k = 0; k < discs; k++) {
    const cx = r() * w, cy = r() * h, rad = 1 + r() * Math.min(w, h) * 0.4, soft = kind === 1 ? 1 + r() * 6 : 0.5;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const cov = Math.max(0, Math.min(1, (rad - Math.hypot(x - cx, y - cy)) / soft + 0.5));
        const v = Math.round(cov * 255);
        if (v > m.data[y * w + x]) m.data[y * w + x] = v;
      }
    }
  }
  if (kind === 2) for (let i = 0; i < m.data.length; i++) if (r() < 0.02) m.data[i] = Math.floor(r() * 256);
  if (kind === 3) for (let i = 0; i < m.data.length; i++) m.data[i] = Math.min(m.data[i], 100); // faint only
  return m;
}

function countDiffs(a: GrayImage, b: GrayImage): number {
  let n = 0;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) n++;
  return n;
}

describe("mask morphology against the previous implementation", () => {
  const radii = [1, 2, 5, 8, 13, 16, 17, 30, 64];
  it("growMask gives identical bytes on 60 random masks × 9 radii", () => {
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const m = randomMask(seed);
      for (const r of radii) {
        expect(countDiffs(growMask(m, r), v1.growMask(m, r)), `seed ${seed}, radius ${r}`).toBe(0);
        compared++;
      }
    }
    expect(compared).toBe(540);
  });

  it("featherMask gives identical bytes on 60 random masks × 9 radii", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const m = randomMask(seed);
      for (const r of radii) expect(countDiffs(featherMask(m, r), v1.featherMask(m, r)), `seed ${seed}, radius ${r}`).toBe(0);
    }
  });

  it("prepareMasks gives identical model and blend masks with the panel's defaults and extremes", () => {
    for (let seed = 100; seed < 120; seed++) {
      const m = randomMask(seed);
      for (const o of [{}, { growPx: 0, featherPx: 64 }, { growPx: 64, featherPx: 0 }, { growPx: 3, featherPx: 21 }]) {
        const a = prepareMasks(m, o), b = v1.prepareMasks(m, o);
        expect(countDiffs(a.modelMask, b.modelMask), `seed ${seed} ${JSON.stringify(o)}`).toBe(0);
        expect(countDiffs(a.blendMask, b.blendMask), `seed ${seed} ${JSON.stringify(o)}`).toBe(0);
      }
    }
  });

  it("the random masks exercise growth (the comparison is not between two unchanged copies)", () => {
    const m = randomMask(5);
    expect(countDiffs(growMask(m, 8), m)).toBeGreaterThan(50);
    expect(countDiffs(featherMask(m, 8), m)).toBeGreaterThan(50);
  });
});
