/**
 * Mask shapes (contract/geometry.ts: the plain data the Express sandbox sends) placed on the source
 * image, and their conversion to closed polygons in source-image pixel coordinates.
 */
import { applyAffine, maxScaleOfAffine } from "../contract/affine";
import type { Affine2D, EllipseShape, FillRule, RectangleShape, ShapeGeometry } from "../contract/geometry";
import { InvalidShapeError } from "./errors";
import { flattenPathData, type Polygon } from "./path-flatten";

/** A shape placed on the source image: `transform` maps shape-local coords to source pixels. */
export interface MaskShape {
  shape: ShapeGeometry;
  transform: Affine2D;
}

/**
 * Maximum distance (source pixels) between a curve and its polyline. Small against the 1/16-pixel
 * vertical sampling of the rasteriser, so curves look as smooth as straight edges.
 */
export const CURVE_TOLERANCE_PX = 0.05;

/** Polygons (closed, image pixel coordinates) and the fill rule that decides their inside. */
export interface Outline {
  polygons: Polygon[];
  fillRule: FillRule;
}

function finite(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InvalidShapeError(`The ${what} must be a finite number; got ${String(value)}.`);
  }
  return value;
}

function checkTransform(t: Affine2D): void {
  if (!Array.isArray(t) || t.length !== 6) {
    throw new InvalidShapeError(`A shape's transform must be [a, b, c, d, e, f] (6 numbers); got ${JSON.stringify(t)}.`);
  }
  t.forEach((v, i) => finite(v, `transform[${i}]`));
}

/** Points on the elliptical quarter/arc centred (cx, cy) from angle a0 to a1, transformed. */
function pushArc(out: number[], t: Affine2D, cx: number, cy: number, rx: number, ry: number, a0: number, a1: number): void {
  const radius = Math.max(rx, ry) * maxScaleOfAffine(t);
  const step = radius > CURVE_TOLERANCE_PX ? 2 * Math.acos(1 - CURVE_TOLERANCE_PX / radius) : Math.PI / 2;
  const n = Math.min(4096, Math.max(1, Math.ceil(Math.abs(a1 - a0) / step)));
  for (let i = 0; i <= n; i++) {
    const a = a0 + ((a1 - a0) * i) / n;
    const [x, y] = applyAffine(t, cx + rx * Math.cos(a), cy + ry * Math.sin(a));
    out.push(x, y);
  }
}

function rectangleOutline(s: RectangleShape, t: Affine2D): Polygon[] {
  const w = finite(s.width, "rectangle width");
  const h = finite(s.height, "rectangle height");
  if (w < 0 || h < 0) throw new InvalidShapeError(`A rectangle needs a non-negative width and height; got ${w}×${h}.`);
  const r = Math.min(Math.max(0, finite(s.cornerRadius ?? 0, "rectangle cornerRadius")), w / 2, h / 2);
  const pts: number[] = [];
  if (r <= 0) {
    for (const [x, y] of [[0, 0], [w, 0], [w, h], [0, h]] as const) pts.push(...applyAffine(t, x, y));
  } else {
    const hp = Math.PI / 2;
    pushArc(pts, t, w - r, r, r, r, -hp, 0); // top-right
    pushArc(pts, t, w - r, h - r, r, r, 0, hp); // bottom-right
    pushArc(pts, t, r, h - r, r, r, hp, 2 * hp); // bottom-left
    pushArc(pts, t, r, r, r, r, 2 * hp, 3 * hp); // top-left
  }
  return [Float64Array.from(pts)];
}

function ellipseOutline(s: EllipseShape, t: Affine2D): Polygon[] {
  const rx = finite(s.rx, "ellipse rx");
  const ry = finite(s.ry, "ellipse ry");
  if (rx < 0 || ry < 0) throw new InvalidShapeError(`An ellipse needs non-negative radii; got rx=${rx}, ry=${ry}.`);
  const pts: number[] = [];
  pushArc(pts, t, rx, ry, rx, ry, 0, 2 * Math.PI);
  pts.length -= 2; // last point repeats the first
  return [Float64Array.from(pts)];
}

/** The shape's outline as closed polygons in image pixel coordinates. */
export function shapeOutline(ms: MaskShape): Outline {
  if (!ms || typeof ms !== "object" || !ms.shape) throw new InvalidShapeError("A mask shape must be { shape, transform }.");
  checkTransform(ms.transform);
  const s = ms.shape;
  switch (s.kind) {
    case "rectangle":
      return { polygons: rectangleOutline(s, ms.transform), fillRule: "nonzero" };
    case "ellipse":
      return { polygons: ellipseOutline(s, ms.transform), fillRule: "nonzero" };
    case "path": {
      if (s.fillRule !== "nonzero" && s.fillRule !== "evenodd") {
        throw new InvalidShapeError(`A path's fillRule must be "nonzero" or "evenodd"; got ${JSON.stringify(s.fillRule)}.`);
      }
      if (typeof s.d !== "string") throw new InvalidShapeError("A path shape needs its SVG path data as a string in `d`.");
      return { polygons: flattenPathData(s.d, ms.transform, CURVE_TOLERANCE_PX), fillRule: s.fillRule };
    }
    default:
      throw new InvalidShapeError(`Unknown shape kind ${JSON.stringify((s as { kind?: unknown }).kind)}; expected rectangle, ellipse or path.`);
  }
}
