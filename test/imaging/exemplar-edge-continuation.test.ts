/** The first ring at detailFloor 0 (exemplar/edge-continuation.ts): the nearest known pixels' mean, read from known pixels only. */
import { describe, expect, it } from "vitest";
import { continueEdge } from "../../src/imaging/exemplar/edge-continuation";
import type { FillLevel } from "../../src/imaging/exemplar/level";

const W = 8, H = 8;

/** Known pixels carry value 10·x² + y (one channel repeated; curved, so a mean of more pixels differs); the hole is the box [3, 6]² and starts at −1. */
function level(): FillLevel {
  const rgb = new Float32Array(W * H * 3), hole = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x, inside = x >= 3 && x <= 6 && y >= 3 && y <= 6;
      hole[i] = inside ? 1 : 0;
      rgb.fill(inside ? -1 : 10 * x * x + y, 3 * i, 3 * i + 3);
    }
  }
  return { width: W, height: H, rgb, hole, locality: 0 };
}

const at = (lv: FillLevel, x: number, y: number) => lv.rgb[3 * (y * W + x)];

describe("continueEdge", () => {
  it("gives a first-ring pixel on a straight edge the one pixel facing it, a corner its two 4-neighbours, and leaves deeper pixels alone", () => {
    const lv = level();
    continueEdge(lv);
    expect(at(lv, 4, 3)).toBe(162); // faces (4, 2) only: its diagonal known neighbours (3, 2), (5, 2) are not mixed in
    expect(at(lv, 3, 5)).toBe(45); // faces (2, 5)
    expect(at(lv, 3, 3)).toBe((92 + 43) / 2); // corner: (3, 2) and (2, 3)
    expect(at(lv, 6, 6)).toBe((367 + 496) / 2); // corner: (6, 7) and (7, 6)
    expect(at(lv, 4, 4)).toBe(-1); // second ring: compose.ts keeps the base there
    expect(at(lv, 5, 5)).toBe(-1);
    for (const c of [0, 1, 2]) expect(lv.rgb[3 * (3 * W + 4) + c]).toBe(162);
  });

  it("uses the diagonal known pixels where a ring pixel touches the known area only at a corner", () => {
    const lv = level();
    // Make (2, 2)'s neighbourhood a hole except its diagonal (1, 1): a pixel touching known pixels only diagonally.
    for (const [x, y] of [[2, 2], [1, 2], [2, 1], [3, 2], [2, 3], [3, 1], [1, 3]]) {
      lv.hole[y * W + x] = 1;
      lv.rgb.fill(-1, 3 * (y * W + x), 3 * (y * W + x) + 3);
    }
    continueEdge(lv);
    expect(at(lv, 2, 2)).toBe(11);
  });
});
