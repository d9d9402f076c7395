/**
 * The one affine module (imaging, panel, sandbox and the fake document all use it), checked
 * against hand-worked values and against its own algebra (inverse, composition order, round trips).
 */
import { describe, expect, it } from "vitest";
import {
  affineFromBasis,
  applyAffine,
  boxCorners,
  composeAffine,
  decomposeAffine,
  IDENTITY,
  invertAffine,
  mapPoint,
  maxScaleOfAffine,
  placement,
  scaling,
  transformedBounds,
  translation,
} from "../../src/contract/affine";
import type { Affine2D } from "../../src/contract/geometry";

const close = (actual: readonly number[], expected: readonly number[]): void => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 9));
};

describe("contract/affine", () => {
  it("applies [a, b, c, d, e, f] as x' = a·x + c·y + e, y' = b·x + d·y + f", () => {
    const m: Affine2D = [2, 3, 5, 7, 11, 13];
    expect(applyAffine(m, 1, 10)).toEqual([2 + 50 + 11, 3 + 70 + 13]);
    expect(mapPoint(m, { x: 1, y: 10 })).toEqual({ x: 63, y: 86 });
  });

  it("composes outer ∘ inner: the inner transform is applied first", () => {
    const moveThenDouble = composeAffine(scaling(2), translation(5, 0));
    const doubleThenMove = composeAffine(translation(5, 0), scaling(2));
    expect(applyAffine(moveThenDouble, 1, 1)).toEqual([12, 2]);
    expect(applyAffine(doubleThenMove, 1, 1)).toEqual([7, 2]);
    expect(composeAffine(IDENTITY, [2, 3, 5, 7, 11, 13])).toEqual([2, 3, 5, 7, 11, 13]);
  });

  it("inverts: m⁻¹ ∘ m is the identity, for a sheared, rotated, scaled, moved transform", () => {
    const m = composeAffine(placement(40, -7, 33, 2.5, 0.4), [1, 0, 0.3, 1, 0, 0]);
    close(composeAffine(invertAffine(m), m), IDENTITY);
    close(composeAffine(m, invertAffine(m)), IDENTITY);
  });

  it("throws the caller's error for a transform without an inverse (zero size or scale)", () => {
    expect(() => invertAffine([0, 0, 0, 1, 5, 5])).toThrow(/degenerate/);
    expect(() => invertAffine([1, 2, 2, 4, 0, 0], () => new TypeError("no size on the page"))).toThrow(TypeError);
    expect(() => invertAffine([Number.NaN, 0, 0, 1, 0, 0])).toThrow(RangeError);
  });

  it("placement turns clockwise on screen (y down) and decomposeAffine reads it back", () => {
    close(applyAffine(placement(10, 20, 90), 1, 0), [10, 21]); // +x turns to +y (down)
    const { rotation, scaleX, scaleY } = decomposeAffine(placement(3, 4, -120, 2, 0.5));
    expect(rotation).toBeCloseTo(-120, 9);
    expect(scaleX).toBeCloseTo(2, 9);
    expect(scaleY).toBeCloseTo(0.5, 9);
  });

  it("affineFromBasis sends (0,0), (1,0), (0,1) to the three points", () => {
    const m = affineFromBasis({ x: 5, y: 6 }, { x: 7, y: 6 }, { x: 5, y: 9 });
    expect(m).toEqual([2, 0, 0, 3, 5, 6]);
  });

  it("maxScaleOfAffine is the largest stretch of any direction", () => {
    expect(maxScaleOfAffine(placement(0, 0, 37, 3, 0.5))).toBeCloseTo(3, 9);
    // A shear stretches the diagonal most: compare with a sweep of unit directions.
    const shear: Affine2D = [1, 0, 1, 1, 0, 0];
    let most = 0;
    for (let i = 0; i < 3600; i++) {
      const [x, y] = applyAffine(shear, Math.cos(i / 573), Math.sin(i / 573));
      most = Math.max(most, Math.hypot(x, y));
    }
    expect(maxScaleOfAffine(shear)).toBeCloseTo(most, 5);
  });

  it("maps a box's corners clockwise and bounds them", () => {
    const box = { x: 0, y: 0, width: 4, height: 2 };
    const m = placement(10, 10, 90);
    expect(boxCorners(m, box).map((p) => [Math.round(p.x), Math.round(p.y)])).toEqual([[10, 10], [10, 14], [8, 14], [8, 10]]);
    const b = transformedBounds(m, box);
    close([b.x, b.y, b.width, b.height], [8, 10, 2, 4]);
  });
});
