/** Expand geometry: targets × anchors → margins along the image's own axes, page clipping, refusals. */
import { describe, expect, it } from "vitest";
import { EXPAND_ANCHORS_X, EXPAND_ANCHORS_Y, EXPAND_ASPECTS, ExpandTargetError, MAX_EXPAND_FACTOR, planExpandGeometry, ratioOf, type ExpandGeometryInput } from "../../src/imaging";
import type { Affine2D } from "../../src/contract/geometry";

const page = { width: 4000, height: 4000 };
const base = (over: Partial<ExpandGeometryInput> = {}): ExpandGeometryInput => ({
  image: { width: 400, height: 300 },
  imageToPage: [1, 0, 0, 1, 1000, 1000],
  page,
  target: { kind: "aspect", ratio: "16:9" },
  anchor: { x: "centre", y: "middle" },
  ...over,
});

function rotation(deg: number, tx: number, ty: number): Affine2D {
  const r = (deg * Math.PI) / 180;
  return [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), tx, ty];
}

describe("planExpandGeometry", () => {
  it("reaches every ratio with the smallest box that holds the image", () => {
    for (const ratio of EXPAND_ASPECTS) {
      const input = base({ target: { kind: "aspect", ratio }, image: { width: 400, height: 290 } });
      const g = planExpandGeometry(input);
      expect(g.box.width / g.box.height).toBeCloseTo(ratioOf(ratio), 9);
      expect(Math.min(g.box.width - 400, g.box.height - 290)).toBeCloseTo(0, 9);
      expect(g.notice).toBeNull();
    }
  });

  it("places the original per anchor: all growth opposite the anchored side, split when centred", () => {
    for (const x of EXPAND_ANCHORS_X) {
      for (const y of EXPAND_ANCHORS_Y) {
        const g = planExpandGeometry(base({ target: { kind: "scale", factor: 2 }, anchor: { x, y } }));
        const sx = { left: 0, centre: 0.5, right: 1 }[x], sy = { top: 0, middle: 0.5, bottom: 1 }[y];
        expect(g.margins).toEqual({ left: 400 * sx, right: 400 * (1 - sx), top: 300 * sy, bottom: 300 * (1 - sy) });
        expect(g.box).toEqual({ x: -400 * sx, y: -300 * sy, width: 800, height: 600 });
      }
    }
  });

  it("scales ×1.25 and ×1.5 exactly", () => {
    for (const factor of [1.25, 1.5] as const) {
      const g = planExpandGeometry(base({ target: { kind: "scale", factor } }));
      expect([g.box.width, g.box.height]).toEqual([400 * factor, 300 * factor]);
    }
  });

  it("refuses a ratio the image already has and a smaller target", () => {
    expect(() => planExpandGeometry(base({ image: { width: 1600, height: 900 } }))).toThrow(/already 16:9/);
    expect(() => planExpandGeometry(base({ target: { kind: "margins", margins: { left: -10, top: 0, right: 0, bottom: 0 } } }))).toThrow(ExpandTargetError);
    expect(() => planExpandGeometry(base({ target: { kind: "margins", margins: { left: 0, top: 0, right: 0, bottom: 0 } } }))).toThrow(/not larger than the image/);
  });

  it("refuses a huge target and names the largest allowed", () => {
    // 9:16 of a 4:1 panorama needs 7.1× the height.
    const input = base({ image: { width: 800, height: 200 }, target: { kind: "aspect", ratio: "9:16" } });
    expect(() => planExpandGeometry(input)).toThrow(`largest allowed is ${MAX_EXPAND_FACTOR}× the image on each side (3200 × 800 here)`);
  });

  it("clips to the page with one line saying so", () => {
    // Image near the right page edge, anchored left: all growth goes right, past the page.
    const g = planExpandGeometry(base({ imageToPage: [1, 0, 0, 1, 3500, 1000], target: { kind: "scale", factor: 2 }, anchor: { x: "left", y: "top" } }));
    expect(g.margins.right).toBeCloseTo(100, 4);
    expect(g.margins.bottom).toBeCloseTo(300, 9);
    expect(g.notice).toBe("Clipped to the page: 500 × 600 instead of 800 × 600.");
  });

  it("expands a rotated image along its own axes and keeps its new corners on the page", () => {
    const t = rotation(30, 2000, 1500);
    const g = planExpandGeometry(base({ imageToPage: t, target: { kind: "scale", factor: 1.5 } }));
    expect(g.margins).toEqual({ left: 100, right: 100, top: 75, bottom: 75 });
    // Same image close to the top edge: clipped, and every new corner is on the page.
    const near = rotation(30, 2000, 40);
    const c = planExpandGeometry(base({ imageToPage: near, target: { kind: "scale", factor: 1.5 } }));
    expect(c.notice).toMatch(/^Clipped to the page/);
    const { x, y, width, height } = c.box;
    for (const [px, py] of [[x, y], [x + width, y], [x, y + height], [x + width, y + height]]) {
      const qx = near[0] * px + near[2] * py + near[4], qy = near[1] * px + near[3] * py + near[5];
      expect(qx >= -1e-4 && qx <= 4000 + 1e-4 && qy >= -1e-4 && qy <= 4000 + 1e-4).toBe(true);
    }
  });

  it("covers the page for the page target (anchor ignored); refuses when the image covers it already", () => {
    const g = planExpandGeometry(base({ page: { width: 1600, height: 1200 }, imageToPage: [2, 0, 0, 2, 200, 300], target: { kind: "page" }, anchor: { x: "left", y: "top" } }));
    expect(g.margins).toEqual({ left: 100, top: 150, right: 300, bottom: 150 });
    expect(() => planExpandGeometry(base({ page: { width: 400, height: 300 }, imageToPage: [1, 0, 0, 1, 0, 0], target: { kind: "page" } }))).toThrow(/already covers the page/);
    const rotated = planExpandGeometry(base({ page: { width: 800, height: 800 }, imageToPage: rotation(20, 300, 200), target: { kind: "page" } }));
    expect(rotated.notice).toMatch(/rotated/);
  });
});
