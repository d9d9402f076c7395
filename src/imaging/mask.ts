/**
 * Masks at source resolution (0 = keep, 255 = repaint): from shapes, from an image's alpha, their
 * union and bounding box.
 */
import { createGrayImage, type GrayImage, type RgbaImage } from "./image";
import { assertGrayImage, assertRgbaImage, assertSameSize } from "./image-checks";
import { assertRectInside, intersectRect, type Rect } from "./geometry";
import { ImageSizeError } from "./errors";
import { shapeOutline, type MaskShape, type Outline } from "./shapes";
import { fillPolygons } from "./rasterize";

function assertSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new ImageSizeError(`A mask needs a positive integer width and height; got ${width}×${height}.`);
  }
}

function outlineBounds(outlines: readonly Outline[]): Rect {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const o of outlines) {
    for (const p of o.polygons) {
      for (let i = 0; i < p.length; i += 2) {
        if (p[i] < x0) x0 = p[i];
        if (p[i] > x1) x1 = p[i];
        if (p[i + 1] < y0) y0 = p[i + 1];
        if (p[i + 1] > y1) y1 = p[i + 1];
      }
    }
  }
  if (!(x1 > x0 && y1 > y0)) return { x: 0, y: 0, width: 0, height: 0 };
  const fx = Math.floor(x0), fy = Math.floor(y0);
  return { x: fx, y: fy, width: Math.ceil(x1) - fx, height: Math.ceil(y1) - fy };
}

/**
 * Integer pixel box that contains every pixel the shapes can cover, clipped to the image.
 * Conservative (from the outlines, not the pixels); width 0 when nothing lies on the image.
 */
export function shapesBounds(shapes: readonly MaskShape[], width: number, height: number): Rect {
  assertSize(width, height);
  return intersectRect(outlineBounds(shapes.map(shapeOutline)), { x: 0, y: 0, width, height });
}

/**
 * Rasterises the union of `shapes` (anti-aliased coverage, each with its own fill rule and
 * transform) for a width×height source. `window` (default: the whole source) selects which part
 * of the mask to produce: the result is window-sized, pixel (i, j) = source pixel
 * (window.x + i, window.y + j). Use a window to avoid allocating a full-document mask.
 */
export function rasterizeShapes(shapes: readonly MaskShape[], width: number, height: number, window?: Rect): GrayImage {
  assertSize(width, height);
  const win = window ?? { x: 0, y: 0, width, height };
  assertRectInside(win, width, height, "mask window");
  const out = createGrayImage(Math.max(1, win.width), Math.max(1, win.height));
  if (win.width === 0 || win.height === 0) return out;
  for (const ms of shapes) {
    const o = shapeOutline(ms);
    fillPolygons(o.polygons, o.fillRule, out, win.x, win.y);
  }
  return out;
}

export interface AlphaMaskOptions {
  /**
   * "transparent" (default): transparent pixels are repainted (erase-to-fill); mask = 255 − alpha.
   * "opaque": opaque pixels are repainted (a painted selection layer); mask = alpha.
   */
  repaint?: "transparent" | "opaque";
}

/** Mask from an image's alpha channel. */
export function maskFromAlpha(img: RgbaImage, options: AlphaMaskOptions = {}): GrayImage {
  assertRgbaImage(img);
  const invert = (options.repaint ?? "transparent") === "transparent";
  const out = createGrayImage(img.width, img.height);
  const src = img.data, dst = out.data;
  for (let i = 0, n = dst.length; i < n; i++) dst[i] = invert ? 255 - src[4 * i + 3] : src[4 * i + 3];
  return out;
}

/** Per-pixel maximum of masks of the same size (union of coverages). */
export function unionMasks(masks: readonly GrayImage[]): GrayImage {
  if (masks.length === 0) throw new ImageSizeError("unionMasks needs at least one mask.");
  masks.forEach((m, i) => {
    assertGrayImage(m, `mask ${i}`);
    assertSameSize(masks[0], m, "first mask", `mask ${i}`);
  });
  const out = createGrayImage(masks[0].width, masks[0].height);
  out.data.set(masks[0].data);
  const d = out.data;
  for (let k = 1; k < masks.length; k++) {
    const s = masks[k].data;
    for (let i = 0; i < d.length; i++) if (s[i] > d[i]) d[i] = s[i];
  }
  return out;
}

/** Index of the first nonzero byte in [from, to), or −1. Word-at-a-time over the aligned middle. */
function firstNonzero(a: Uint8Array, from: number, to: number): number {
  let i = from;
  const misalign = (a.byteOffset + i) & 3;
  if (misalign) for (const end = Math.min(to, i + 4 - misalign); i < end; i++) if (a[i]) return i;
  const words = new Uint32Array(a.buffer, a.byteOffset + i, ((to - i) >> 2));
  for (let w = 0; w < words.length; w++) {
    if (words[w]) {
      for (let j = i + 4 * w; j < i + 4 * w + 4; j++) if (a[j]) return j;
    }
  }
  for (i += 4 * words.length; i < to; i++) if (a[i]) return i;
  return -1;
}

function lastNonzero(a: Uint8Array, from: number, to: number): number {
  let i = to;
  while (i > from && ((a.byteOffset + i) & 3) !== 0) if (a[--i]) return i;
  const start = from + ((4 - ((a.byteOffset + from) & 3)) & 3); // first aligned index ≥ from
  if (i > start) {
    const words = new Uint32Array(a.buffer, a.byteOffset + start, (i - start) >> 2);
    for (let w = words.length - 1; w >= 0; w--) {
      if (words[w]) for (let j = start + 4 * w + 3; j >= start + 4 * w; j--) if (a[j]) return j;
    }
    i = start;
  }
  while (i > from) if (a[--i]) return i;
  return -1;
}

/**
 * Smallest rectangle containing every pixel with a nonzero mask value; width/height 0 when the
 * mask is empty. Fast on large, mostly empty masks (16 MP in a few ms).
 */
export function maskBoundingBox(mask: GrayImage): Rect {
  assertGrayImage(mask);
  const { width: W, data } = mask;
  const first = firstNonzero(data, 0, data.length);
  if (first < 0) return { x: 0, y: 0, width: 0, height: 0 };
  const last = lastNonzero(data, first, data.length);
  const top = Math.floor(first / W), bottom = Math.floor(last / W);
  let minX = first % W, maxX = last % W;
  for (let y = top; y <= bottom; y++) {
    const base = y * W;
    for (let x = 0; x < minX; x++) if (data[base + x]) { minX = x; break; }
    for (let x = W - 1; x > maxX; x--) if (data[base + x]) { maxX = x; break; }
  }
  return { x: minX, y: top, width: maxX - minX + 1, height: bottom - top + 1 };
}
