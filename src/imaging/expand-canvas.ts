/**
 * Generative Expand: from margins in image units to the pixel canvas the model paints on. The
 * source keeps its own pixel grid: margins are whole source pixels, so the original lands on the
 * canvas at an integer offset and stays bit-identical there.
 */
import { pasteRgba } from "./crop";
import type { ExpandMargins } from "./expand-geometry";
import { prefillExpandMargin, type ExpandPrefill } from "./expand-prefill";
import type { Rect } from "./geometry";
import { createRgbaImage, type RgbaImage } from "./image";
import { assertRgbaImage } from "./image-checks";
import { assertSourceSize } from "./region";

export interface ExpandCanvasPlan {
  /** Canvas size in source px. */
  width: number;
  height: number;
  /** Where the source sits on the canvas (source px). */
  image: Rect;
  /** The canvas in image units: what the new layer covers ([x, x+width] × [y, y+height] of image space). */
  box: { x: number; y: number; width: number; height: number };
}

/**
 * @param source  the source's pixel size
 * @param imageUnits the image's size in its own units (document px)
 * @param margins in image units
 */
export function planExpandCanvas(source: { width: number; height: number }, imageUnits: { width: number; height: number }, margins: ExpandMargins): ExpandCanvasPlan {
  const sx = source.width / imageUnits.width;
  const sy = source.height / imageUnits.height;
  const left = Math.round(margins.left * sx), right = Math.round(margins.right * sx);
  const top = Math.round(margins.top * sy), bottom = Math.round(margins.bottom * sy);
  const width = source.width + left + right;
  const height = source.height + top + bottom;
  assertSourceSize(width, height);
  return {
    width,
    height,
    image: { x: left, y: top, width: source.width, height: source.height },
    box: { x: -left / sx, y: -top / sy, width: width / sx, height: height / sy },
  };
}

/** The canvas: the source pasted at plan.image, the margin pre-filled for the model. */
export function buildExpandCanvas(source: RgbaImage, plan: ExpandCanvasPlan, prefill?: ExpandPrefill): RgbaImage {
  assertRgbaImage(source, "source image");
  const canvas = createRgbaImage(plan.width, plan.height);
  pasteRgba(canvas, source, plan.image.x, plan.image.y);
  prefillExpandMargin(canvas, plan.image, prefill);
  return canvas;
}

/** Copies the source back over its place on the canvas: the original pixels, bit for bit. */
export function restoreOriginal(canvas: RgbaImage, source: RgbaImage, plan: ExpandCanvasPlan): void {
  pasteRgba(canvas, source, plan.image.x, plan.image.y);
}
