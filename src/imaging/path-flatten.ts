/**
 * Turns SVG path data into closed polygons in image pixel coordinates. Béziers are transformed
 * first (affine maps preserve them) and flattened in pixel space; arcs are converted to their
 * centre form in local space (SVG 1.1 implementation notes F.6.5) and sampled there, so rotated,
 * sheared and non-uniformly scaled arcs stay exact.
 */
import { applyAffine, maxScaleOfAffine } from "../contract/affine";
import type { Affine2D } from "../contract/geometry";
import { parsePathData } from "./path-data";

/** Closed polygon as flat [x0, y0, x1, y1, …] in image pixels; the closing edge is implicit. */
export type Polygon = Float64Array;

const MAX_SEGMENTS_PER_CURVE = 10_000;

/** Segments needed so a curve with second-derivative bound `m` deviates ≤ tol from its chords (err ≤ m·h²/8). */
function segmentCount(m: number, tol: number): number {
  return Math.min(MAX_SEGMENTS_PER_CURVE, Math.max(1, Math.ceil(Math.sqrt(m / (8 * tol)))));
}

function flattenCubic(out: number[], x0: number, y0: number, x1: number, y1: number, x2: number, y2: number, x3: number, y3: number, tol: number): void {
  // B''(t) = 6[(1-t)(p0-2p1+p2) + t(p1-2p2+p3)], so |B''| ≤ 6·max of the two second differences.
  const dd = Math.max(Math.hypot(x0 - 2 * x1 + x2, y0 - 2 * y1 + y2), Math.hypot(x1 - 2 * x2 + x3, y1 - 2 * y2 + y3));
  const n = segmentCount(6 * dd, tol);
  for (let i = 1; i <= n; i++) {
    const t = i / n, u = 1 - t;
    const a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
    out.push(a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3);
  }
}

function flattenQuad(out: number[], x0: number, y0: number, x1: number, y1: number, x2: number, y2: number, tol: number): void {
  const n = segmentCount(2 * Math.hypot(x0 - 2 * x1 + x2, y0 - 2 * y1 + y2), tol);
  for (let i = 1; i <= n; i++) {
    const t = i / n, u = 1 - t;
    out.push(u * u * x0 + 2 * u * t * x1 + t * t * x2, u * u * y0 + 2 * u * t * y1 + t * t * y2);
  }
}

/** Appends the arc from local (x1,y1) to (x2,y2), excluding its start, transformed by t. */
function flattenArc(
  out: number[], t: Affine2D, tol: number,
  x1: number, y1: number, rx: number, ry: number, angleDeg: number, largeArc: boolean, sweep: boolean, x2: number, y2: number,
): void {
  if (x1 === x2 && y1 === y2) return; // SVG: omitted
  if (rx === 0 || ry === 0) {
    out.push(...applyAffine(t, x2, y2)); // SVG: straight line
    return;
  }
  const phi = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(phi), sin = Math.sin(phi);
  const hx = (x1 - x2) / 2, hy = (y1 - y2) / 2;
  const xp = cos * hx + sin * hy;
  const yp = -sin * hx + cos * hy;
  const lambda = (xp * xp) / (rx * rx) + (yp * yp) / (ry * ry);
  if (lambda > 1) {
    const s = Math.sqrt(lambda);
    rx *= s;
    ry *= s;
  }
  const num = rx * rx * ry * ry - rx * rx * yp * yp - ry * ry * xp * xp;
  const den = rx * rx * yp * yp + ry * ry * xp * xp;
  const k = (largeArc === sweep ? -1 : 1) * Math.sqrt(Math.max(0, num / den));
  const cxp = (k * rx * yp) / ry;
  const cyp = (-k * ry * xp) / rx;
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const theta1 = Math.atan2((yp - cyp) / ry, (xp - cxp) / rx);
  let delta = Math.atan2((-yp - cyp) / ry, (-xp - cxp) / rx) - theta1;
  if (sweep && delta < 0) delta += 2 * Math.PI;
  else if (!sweep && delta > 0) delta -= 2 * Math.PI;

  const radius = Math.max(rx, ry) * maxScaleOfAffine(t);
  const step = radius > tol ? 2 * Math.acos(1 - tol / radius) : Math.PI / 2;
  const n = Math.min(MAX_SEGMENTS_PER_CURVE, Math.max(1, Math.ceil(Math.abs(delta) / step)));
  for (let i = 1; i <= n; i++) {
    if (i === n) {
      out.push(...applyAffine(t, x2, y2)); // land exactly on the endpoint
      break;
    }
    const th = theta1 + (delta * i) / n;
    const ex = rx * Math.cos(th), ey = ry * Math.sin(th);
    out.push(...applyAffine(t, cx + cos * ex - sin * ey, cy + sin * ex + cos * ey));
  }
}

/**
 * Every subpath becomes one closed polygon (filling closes open subpaths, as SVG does).
 * Subpaths with fewer than 3 points enclose nothing and are dropped.
 */
export function flattenPathData(d: string, t: Affine2D, tol: number): Polygon[] {
  const polygons: Polygon[] = [];
  let pts: number[] = [];
  let lx = 0, ly = 0; // current point, local coordinates
  let sx = 0, sy = 0; // subpath start, local
  const flush = (): void => {
    if (pts.length >= 6) polygons.push(Float64Array.from(pts));
    pts = [];
  };
  for (const seg of parsePathData(d)) {
    switch (seg.type) {
      case "M":
        flush();
        lx = sx = seg.x;
        ly = sy = seg.y;
        pts.push(...applyAffine(t, lx, ly));
        break;
      case "L":
        if (pts.length === 0) pts.push(...applyAffine(t, lx, ly));
        pts.push(...applyAffine(t, seg.x, seg.y));
        lx = seg.x;
        ly = seg.y;
        break;
      case "C": {
        if (pts.length === 0) pts.push(...applyAffine(t, lx, ly));
        const [ax, ay] = applyAffine(t, lx, ly);
        const [bx, by] = applyAffine(t, seg.x1, seg.y1);
        const [cx, cy] = applyAffine(t, seg.x2, seg.y2);
        const [dx, dy] = applyAffine(t, seg.x, seg.y);
        flattenCubic(pts, ax, ay, bx, by, cx, cy, dx, dy, tol);
        lx = seg.x;
        ly = seg.y;
        break;
      }
      case "Q": {
        if (pts.length === 0) pts.push(...applyAffine(t, lx, ly));
        const [ax, ay] = applyAffine(t, lx, ly);
        const [bx, by] = applyAffine(t, seg.x1, seg.y1);
        const [cx, cy] = applyAffine(t, seg.x, seg.y);
        flattenQuad(pts, ax, ay, bx, by, cx, cy, tol);
        lx = seg.x;
        ly = seg.y;
        break;
      }
      case "A":
        if (pts.length === 0) pts.push(...applyAffine(t, lx, ly));
        flattenArc(pts, t, tol, lx, ly, seg.rx, seg.ry, seg.angle, seg.largeArc, seg.sweep, seg.x, seg.y);
        lx = seg.x;
        ly = seg.y;
        break;
      case "Z":
        flush();
        lx = sx;
        ly = sy;
        break;
    }
  }
  flush();
  return polygons;
}
