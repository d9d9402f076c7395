/**
 * The exemplar fill on a large image: only the mask's neighbourhood is worked on. The context is
 * the mask's bounding box grown by half its long side (at least `minMarginPx`), clamped to the
 * image: enough surroundings to copy from, and a cost that depends on the hole, not the document.
 */
import type { GrayImage, RgbaImage } from "./image";
import { assertGrayImage, assertRgbaImage, assertSameSize } from "./image-checks";
import { inflateRect, intersectRect, isEmptyRect, type Rect } from "./geometry";
import { cloneRgba, cropGray, cropRgba, pasteRgba } from "./crop";
import { EmptyMaskError } from "./errors";
import { exemplarFill, DEFAULT_EXEMPLAR_OPTIONS, type ExemplarFillOptions } from "./exemplar-fill";

export interface ExemplarRegionOptions extends ExemplarFillOptions {
  /** Context margin as a fraction of the hole's long side. Default 0.5. */
  marginFraction?: number;
  /** Context margin at least this many pixels. Default 48. */
  minMarginPx?: number;
}

/** Bounding box of mask values above `threshold`. */
function holeBounds(mask: GrayImage, threshold: number): Rect {
  let x0 = mask.width, y0 = mask.height, x1 = -1, y1 = -1;
  for (let y = 0; y < mask.height; y++) {
    const row = y * mask.width;
    for (let x = 0; x < mask.width; x++) {
      if (mask.data[row + x] <= threshold) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? { x: 0, y: 0, width: 0, height: 0 } : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

export function exemplarContext(width: number, height: number, hole: Rect, options: ExemplarRegionOptions = {}): Rect {
  const margin = Math.max(options.minMarginPx ?? 48, Math.round((options.marginFraction ?? 0.5) * Math.max(hole.width, hole.height)));
  return intersectRect(inflateRect(hole, margin), { x: 0, y: 0, width, height });
}

/** The filled context rectangle (pixels outside the hole are the source's) and where it sits. */
export function exemplarFillPatch(source: RgbaImage, mask: GrayImage, options: ExemplarRegionOptions = {}): { image: RgbaImage; rect: Rect } {
  assertRgbaImage(source, "source image");
  assertGrayImage(mask);
  assertSameSize(source, mask, "source image", "mask");
  const hole = holeBounds(mask, options.threshold ?? DEFAULT_EXEMPLAR_OPTIONS.threshold);
  if (isEmptyRect(hole)) throw new EmptyMaskError();
  const rect = exemplarContext(source.width, source.height, hole, options);
  return { image: exemplarFill(cropRgba(source, rect), cropGray(mask, rect), options), rect };
}

/** A copy of the whole source with the hole filled from its neighbourhood. */
export function exemplarFillImage(source: RgbaImage, mask: GrayImage, options: ExemplarRegionOptions = {}): RgbaImage {
  const { image, rect } = exemplarFillPatch(source, mask, options);
  const out = cloneRgba(source);
  pasteRgba(out, image, rect.x, rect.y);
  return out;
}
