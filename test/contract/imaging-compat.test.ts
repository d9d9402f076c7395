/**
 * Imaging rasterises the shapes the sandbox describes (contract/geometry.ts) as they are: a type
 * check that a contract mask shape is an imaging one, and a runtime test that feeds one straight
 * into imaging's outline code.
 */
import { describe, expect, it } from "vitest";
import type * as Contract from "../../src/contract/geometry";
import type * as Imaging from "../../src/imaging/shapes";

type Expect<T extends true> = T;

// A contract MaskShape (which also carries the node id) can be handed to imaging as is.
export type ShapeChecks = [Expect<[Contract.MaskShape] extends [Imaging.MaskShape] ? true : false>];

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
