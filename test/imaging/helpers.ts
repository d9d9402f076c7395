/** Test-only helpers: seeded randomness and an independent point-in-shape oracle. */
import { createRgbaImage, type RgbaImage } from "../../src/imaging/image";

/** mulberry32: small deterministic PRNG in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
 * Compares a rasterised mask with an inside(x, y) oracle evaluated at pixel centres: pixels whose
 * centre and all 8 neighbouring centres (±1 px) agree must be exactly 255 / 0; the others are the
 * 1-pixel edge band, where only partial coverage is expected. Returns counts for reporting.
 */
export function compareWithOracle(
  mask: { width: number; height: number; data: Uint8Array },
  inside: (x: number, y: number) => boolean,
): { checked: number; wrong: number; insideCount: number; edge: number } {
  const W = mask.width + 2, H = mask.height + 2;
  const grid = new Uint8Array(W * H); // oracle at pixel centres, with a 1-pixel border
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) grid[y * W + x] = inside(x - 0.5, y - 0.5) ? 1 : 0;
  let checked = 0, wrong = 0, insideCount = 0, edge = 0;
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < mask.width; x++) {
      const c = grid[(y + 1) * W + x + 1];
      let agree = true;
      for (let dy = 0; dy <= 2 && agree; dy++) for (let dx = 0; dx <= 2 && agree; dx++) if (grid[(y + dy) * W + x + dx] !== c) agree = false;
      if (!agree) {
        edge++;
        continue;
      }
      checked++;
      if (c) insideCount++;
      if (mask.data[y * mask.width + x] !== (c ? 255 : 0)) wrong++;
    }
  }
  return { checked, wrong, insideCount, edge };
}
