/**
 * Seeded synthetic holes, the way people mark things to remove: brush strokes, blobs (lasso-like
 * unions of discs) and boxes, each either away from the border or touching it, covering a random
 * 5–30 % of the image. The same seed and size give the same masks.
 */
import { createGrayImage, type GrayImage } from "../../src/imaging/image";
import { createRandom } from "../../src/imaging/exemplar/level";

export type MaskKind = "stroke" | "blob" | "box";
export type MaskPlacement = "inside" | "border";

export interface BenchMask {
  kind: MaskKind;
  placement: MaskPlacement;
  /** Fraction of the image's pixels in the hole. */
  area: number;
  mask: GrayImage;
}

export const MIN_AREA = 0.05;
export const MAX_AREA = 0.3;

/** Paints a disc; returns how many pixels were newly covered. */
function disc(mask: GrayImage, cx: number, cy: number, r: number): number {
  const { width: w, height: h } = mask;
  let added = 0;
  for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(h - 1, Math.ceil(cy + r)); y++) {
    for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(w - 1, Math.ceil(cx + r)); x++) {
      if ((x - cx) ** 2 + (y - cy) ** 2 > r * r || mask.data[y * w + x]) continue;
      mask.data[y * w + x] = 255;
      added++;
    }
  }
  return added;
}

function coverage(mask: GrayImage): number {
  let n = 0;
  for (const v of mask.data) if (v) n++;
  return n / mask.data.length;
}

/** A starting point: inside keeps a margin of 10 % of the short side; border sits on a random edge. */
function start(w: number, h: number, placement: MaskPlacement, random: () => number): [number, number] {
  if (placement === "border") {
    const edge = Math.floor(random() * 4);
    const t = random();
    return edge === 0 ? [t * w, 0] : edge === 1 ? [w - 1, t * h] : edge === 2 ? [t * w, h - 1] : [0, t * h];
  }
  const m = 0.1 * Math.min(w, h) + 0.15 * Math.min(w, h);
  return [m + random() * (w - 2 * m), m + random() * (h - 2 * m)];
}

/** Discs along a wandering path until the target area is reached (strokes: thin, steady; blobs: fat, tight). */
function walk(w: number, h: number, target: number, placement: MaskPlacement, kind: "stroke" | "blob", random: () => number): GrayImage {
  const mask = createGrayImage(w, h);
  const side = Math.min(w, h);
  const margin = placement === "inside" ? 0.1 * side : 0;
  const radius = kind === "stroke" ? side * (0.025 + 0.02 * random()) : side * (0.06 + 0.05 * random());
  let [x, y] = start(w, h, placement, random);
  let angle = random() * 2 * Math.PI;
  let covered = 0;
  const wanted = target * w * h;
  for (let i = 0; i < 20000 && covered < wanted; i++) {
    const r = kind === "stroke" ? radius : radius * (0.6 + 0.8 * random());
    covered += disc(mask, x, y, r);
    for (let k = 0; k < 8; k++) {
      angle += (random() - 0.5) * (kind === "stroke" ? 0.6 : 2.4);
      const step = kind === "stroke" ? radius * 0.5 : radius * 0.7;
      const nx = x + Math.cos(angle) * step, ny = y + Math.sin(angle) * step;
      const lo = margin + r, hiX = w - 1 - margin - r, hiY = h - 1 - margin - r;
      if (placement === "border" || (nx >= lo && nx <= hiX && ny >= lo && ny <= hiY)) {
        x = Math.min(w - 1, Math.max(0, nx));
        y = Math.min(h - 1, Math.max(0, ny));
        break;
      }
      angle += Math.PI / 2;
    }
  }
  return mask;
}

function box(w: number, h: number, target: number, placement: MaskPlacement, random: () => number): GrayImage {
  const mask = createGrayImage(w, h);
  const aspect = 0.5 + 1.5 * random();
  const bw = Math.min(w, Math.round(Math.sqrt(target * w * h * aspect)));
  const bh = Math.min(h, Math.round((target * w * h) / bw));
  let x0: number, y0: number;
  if (placement === "border") {
    const edge = Math.floor(random() * 4);
    x0 = edge === 1 ? w - bw : edge === 3 ? 0 : Math.floor(random() * (w - bw + 1));
    y0 = edge === 0 ? 0 : edge === 2 ? h - bh : Math.floor(random() * (h - bh + 1));
  } else {
    const mx = Math.min(Math.floor(0.1 * w), Math.floor((w - bw) / 2)), my = Math.min(Math.floor(0.1 * h), Math.floor((h - bh) / 2));
    x0 = mx + Math.floor(random() * (w - bw - 2 * mx + 1));
    y0 = my + Math.floor(random() * (h - bh - 2 * my + 1));
  }
  for (let y = y0; y < y0 + bh; y++) mask.data.fill(255, y * w + x0, y * w + x0 + bw);
  return mask;
}

/** One mask per kind × placement (6), areas drawn from [5 %, 30 %]. */
export function benchMasks(width: number, height: number, seed: number): BenchMask[] {
  const random = createRandom(seed);
  const masks: BenchMask[] = [];
  for (const kind of ["stroke", "blob", "box"] as const) {
    for (const placement of ["inside", "border"] as const) {
      const target = MIN_AREA + (MAX_AREA - MIN_AREA) * random();
      const mask = kind === "box" ? box(width, height, target, placement, random) : walk(width, height, target, placement, kind, random);
      masks.push({ kind, placement, area: coverage(mask), mask });
    }
  }
  return masks;
}
