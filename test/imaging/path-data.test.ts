import { describe, expect, it } from "vitest";
import { parsePathData } from "../../src/imaging/path-data";
import { PathSyntaxError } from "../../src/imaging/errors";

describe("parsePathData", () => {
  it("makes relative commands absolute and repeats implicit commands", () => {
    expect(parsePathData("m10 20 5 5 h10 v-3 l1-1z l2,2")).toEqual([
      { type: "M", x: 10, y: 20 },
      { type: "L", x: 15, y: 25 },
      { type: "L", x: 25, y: 25 },
      { type: "L", x: 25, y: 22 },
      { type: "L", x: 26, y: 21 },
      { type: "Z" },
      { type: "L", x: 12, y: 22 }, // after Z the current point is the subpath start (10,20)
    ]);
  });

  it("reflects control points for S and T, and only after C/S or Q/T", () => {
    const segs = parsePathData("M0 0 C 10 0 20 10 30 10 S 50 20 60 20 T 80 20 M0 0 S 1 1 2 2");
    expect(segs[2]).toEqual({ type: "C", x1: 40, y1: 10, x2: 50, y2: 20, x: 60, y: 20 });
    // T after S: no previous quad control → control point = current point.
    expect(segs[3]).toEqual({ type: "Q", x1: 60, y1: 20, x: 80, y: 20 });
    expect(segs[5]).toEqual({ type: "C", x1: 0, y1: 0, x2: 1, y2: 1, x: 2, y: 2 });
    const q = parsePathData("M0 0 Q10 10 20 0 t20 0");
    expect(q[2]).toEqual({ type: "Q", x1: 30, y1: -10, x: 40, y: 0 });
  });

  it("reads compact numbers and arc flags without separators", () => {
    expect(parsePathData("M.5.5L-1e1-2E+0")).toEqual([
      { type: "M", x: 0.5, y: 0.5 },
      { type: "L", x: -10, y: -2 },
    ]);
    expect(parsePathData("M0 0a5 5 0 1010 0")[1]).toEqual({ type: "A", rx: 5, ry: 5, angle: 0, largeArc: true, sweep: false, x: 10, y: 0 });
  });

  it("rejects malformed data with the character offset", () => {
    expect(() => parsePathData("L 1 2")).toThrow(PathSyntaxError);
    expect(() => parsePathData("M 1")).toThrow(PathSyntaxError);
    expect(() => parsePathData("M 0 0 A 1 1 0 2 0 3 3")).toThrow(/arc flag/);
    try {
      parsePathData("M 0 0 L 1 x");
      expect.unreachable();
    } catch (e) {
      expect((e as PathSyntaxError).index).toBe(10);
    }
  });

  it("returns nothing for empty data", () => {
    expect(parsePathData("  ")).toEqual([]);
  });
});
