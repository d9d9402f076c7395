/**
 * contract/geometry.ts re-declares imaging's shape types (the sandbox may not import imaging).
 * These type-level checks fail `tsc` when the two drift apart; the runtime test feeds a contract
 * shape straight into imaging's outline code.
 */
import { describe, expect, it } from "vitest";
import type * as Contract from "../../src/contract/geometry";
import type * as Imaging from "../../src/imaging/shapes";
import type { Affine } from "../../src/imaging/geometry";

type Expect<T extends true> = T;
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export type ShapeChecks = [
  Expect<MutuallyAssignable<Contract.ShapeGeometry, Imaging.Shape>>,
  Expect<MutuallyAssignable<Contract.RectangleShape, Imaging.RectangleShape>>,
  Expect<MutuallyAssignable<Contract.EllipseShape, Imaging.EllipseShape>>,
  Expect<MutuallyAssignable<Contract.PathShape, Imaging.PathShape>>,
  Expect<MutuallyAssignable<Contract.Affine2D, Affine>>,
  // A contract MaskShape (which also carries the node id) can be handed to imaging as is.
  Expect<[Contract.MaskShape] extends [Imaging.MaskShape] ? true : false>,
];

describe("contract ↔ imaging shapes", () => {
  it("a contract mask shape is accepted by imaging's shape code", async () => {
    const shapes = await import("../../src/imaging/shapes");
    const contractShape: Contract.MaskShape = {
      nodeId: "n1",
      shape: { kind: "ellipse", rx: 10, ry: 5 },
      transform: [1, 0, 0, 1, 3, 4],
    };
    // shapeOutline gives polygons in the target space: the ellipse's box [0,20]×[0,10] moved by (3,4).
    const outline = shapes.shapeOutline(contractShape);
    const xs = outline.polygons.flatMap((p) => Array.from(p).filter((_, i) => i % 2 === 0));
    const ys = outline.polygons.flatMap((p) => Array.from(p).filter((_, i) => i % 2 === 1));
    expect(Math.min(...xs)).toBeCloseTo(3, 1);
    expect(Math.max(...xs)).toBeCloseTo(23, 1);
    expect(Math.min(...ys)).toBeCloseTo(4, 1);
    expect(Math.max(...ys)).toBeCloseTo(14, 1);
    // The data is plain: a structured clone (what the bridge does) is deep-equal.
    expect(structuredClone(contractShape)).toEqual(contractShape);
  });
});
