/** Test-only helpers: seeded randomness and an independent point-in-shape oracle. */
import { createRgbaImage, type RgbaImage } from "../../src/imaging/image";
import { rng } from "../support/seeded-random";

export { rng };

export function randomImage(width: number, height: number, seed: number, opaque = true): RgbaImage {
  const r = rng(seed);
  const img = createRgbaImage(width, height);
  for (let i = 0; i < img.data.length; i++) img.data[i] = (i & 3) === 3 && opaque ? 255 : Math.floor(r() * 256);
  return img;
}

/** Winding number of point (px, py) around a closed polyline [x0,y0,x1,y1,…] (crossing-based). */
export function windingNumber(poly: number[], px: number, py: number): number {
  let w = 0;
  const n = poly.length / 2;
  for (let i = 0; i < n; i++) {
    const x0 = poly[2 * i], y0 = poly[2 * i + 1];
    const x1 = poly[(2 * i + 2) % poly.length], y1 = poly[(2 * i + 3) % poly.length];
    if (y0 <= py) {
      if (y1 > py && (x1 - x0) * (py - y0) - (px - x0) * (y1 - y0) > 0) w++;
    } else if (y1 <= py && (x1 - x0) * (py - y0) - (px - x0) * (y1 - y0) < 0) w--;
  }
  return w;
}

/** Inverse of an SVG-order affine [a,b,c,d,e,f]. */
export function invertAffine(m: readonly number[]): [number, number, number, number, number, number] {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

export function rotation(deg: number, sx: number, sy: number, tx: number, ty: number): [number, number, number, number, number, number] {
  const t = (deg * Math.PI) / 180;
  // translate ∘ rotate ∘ scale
  return [Math.cos(t) * sx, Math.sin(t) * sx, -Math.sin(t) * sy, Math.cos(t) * sy, tx, ty];
}

/**
 * Compares a rasterised mask with an inside(x, y) oracle. The oracle is sampled on a quarter-pixel
 * grid; a pixel whose samples within ±1 px of its centre all agree (it lies clear of the 1-pixel
 * edge band, corners of unions included) must be exactly 255 inside / 0 outside. Edge-band pixels
 * are only counted. Returns counts for reporting.
 */
export function compareWithOracle(
  mask: { width: number; height: number; data: Uint8Array },
  inside: (x: number, y: number) => boolean,
): { checked: number; wrong: number; insideCount: number; edge: number } {
  // Sample (gx, gy) sits at image point (gx/4 − 1, gy/4 − 1).
  const GW = 4 * (mask.width + 2) + 1, GH = 4 * (mask.height + 2) + 1;
  const grid = new Uint8Array(GW * GH);
  for (let gy = 0; gy < GH; gy++) for (let gx = 0; gx < GW; gx++) grid[gy * GW + gx] = inside(gx / 4 - 1, gy / 4 - 1) ? 1 : 0;
  // Row-wise count of inside samples, so each pixel's 9×9 window is summed in 9 steps.
  const rowSum = new Uint32Array(GW * GH + 1);
  for (let i = 0; i < GW * GH; i++) rowSum[i + 1] = rowSum[i] + grid[i];
  let checked = 0, wrong = 0, insideCount = 0, edge = 0;
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < mask.width; x++) {
      // Centre (x+0.5, y+0.5) ± 1 → samples 4x+2 … 4x+10.
      let count = 0;
      for (let gy = 4 * y + 2; gy <= 4 * y + 10; gy++) count += rowSum[gy * GW + 4 * x + 11] - rowSum[gy * GW + 4 * x + 2];
      if (count !== 0 && count !== 81) {
        edge++;
        continue;
      }
      checked++;
      const c = count === 81;
      if (c) insideCount++;
      if (mask.data[y * mask.width + x] !== (c ? 255 : 0)) wrong++;
    }
  }
  return { checked, wrong, insideCount, edge };
}
