/**
 * Region planning: which part of the source the model sees, and at what resolution.
 *
 * The context region is the mask's bounding box grown by a margin, clamped (shifted, not cut) into
 * the image, then widened on its short side so its aspect equals the model image's. The model
 * image's long side is the model's maximum (multiples of 8). So the model's work depends on the
 * selection only: a 512² selection in a 4000×3000 document costs what a 512² image costs.
 */
import { ImagingOptionError, EmptyMaskError, SourceTooLargeError } from "./errors";
import { intersectRect, isEmptyRect, type Rect } from "./geometry";

/** Largest source accepted: 64 MP (8192², 256 MB as RGBA) — beyond that browsers fail to allocate canvases. */
export const MAX_SOURCE_PIXELS = 8192 * 8192;
/** Largest accepted side (the common canvas dimension limit). */
export const MAX_SOURCE_SIDE = 16384;

export interface RegionPlanOptions {
  /** The model's maximum on the long side, multiple of 8 (SD 1.5: 512, SD 2.1-v: 768). */
  maxModelSide: number;
  /** Preferred minimum model short side (multiple of 8); reached by widening the context when the image allows. Default min(128, maxModelSide). */
  minModelSide?: number;
  /** Context margin as a fraction of the mask bounding box's long side. Default 0.25. */
  contextMarginFraction?: number;
  /** Context margin at least this many source pixels. Default 32. */
  minContextMarginPx?: number;
  /** Scale small regions up to maxModelSide (models work best near their native size). Default true. */
  upscaleSmallRegions?: boolean;
}

export const DEFAULT_REGION_OPTIONS = Object.freeze({
  minModelSide: 128,
  contextMarginFraction: 0.25,
  minContextMarginPx: 32,
  upscaleSmallRegions: true,
});

export interface RegionPlan {
  sourceWidth: number;
  sourceHeight: number;
  /** Bounding box of the blend (grown + feathered) mask in source pixels. */
  maskBounds: Rect;
  /** The region the model sees, in source pixels; contains maskBounds. */
  context: Rect;
  /** Model image size, multiples of 8, long side ≤ maxModelSide. */
  modelWidth: number;
  modelHeight: number;
  /** Model pixels per source pixel along each axis (equal unless the image is too thin to keep the aspect). */
  scaleX: number;
  scaleY: number;
}

/** Throws SourceTooLargeError beyond MAX_SOURCE_PIXELS / MAX_SOURCE_SIDE. */
export function assertSourceSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new ImagingOptionError(`The source image needs a positive integer size; got ${width}×${height}.`);
  }
  if (width * height > MAX_SOURCE_PIXELS || width > MAX_SOURCE_SIDE || height > MAX_SOURCE_SIDE) {
    throw new SourceTooLargeError(width, height, MAX_SOURCE_PIXELS, MAX_SOURCE_SIDE);
  }
}

function roundUp8(v: number): number {
  return Math.max(8, Math.ceil(v / 8 - 1e-9) * 8);
}
function roundNearest8(v: number): number {
  return Math.max(8, Math.round(v / 8) * 8);
}

/** Span of `size` (clamped to `limit`) centred on [start, start+len), shifted inside [0, limit). */
function placeSpan(start: number, len: number, size: number, limit: number): [number, number] {
  const s = Math.min(size, limit);
  let p = Math.round(start + len / 2 - s / 2);
  p = Math.max(0, Math.min(limit - s, p));
  return [p, s];
}

export function planRegion(sourceWidth: number, sourceHeight: number, maskBounds: Rect, options: RegionPlanOptions): RegionPlan {
  assertSourceSize(sourceWidth, sourceHeight);
  const maxSide = options.maxModelSide;
  if (!Number.isInteger(maxSide) || maxSide < 8 || maxSide % 8 !== 0) {
    throw new ImagingOptionError(`maxModelSide must be a positive multiple of 8 (e.g. 512 or 768); got ${maxSide}.`);
  }
  const o = { ...DEFAULT_REGION_OPTIONS, minModelSide: Math.min(DEFAULT_REGION_OPTIONS.minModelSide, maxSide), ...options };
  if (!Number.isInteger(o.minModelSide) || o.minModelSide < 8 || o.minModelSide % 8 !== 0 || o.minModelSide > maxSide) {
    throw new ImagingOptionError(`minModelSide must be a multiple of 8 between 8 and maxModelSide (${maxSide}); got ${o.minModelSide}.`);
  }
  if (!(o.contextMarginFraction >= 0 && o.contextMarginFraction <= 10) || !(o.minContextMarginPx >= 0)) {
    throw new ImagingOptionError("contextMarginFraction must be in [0, 10] and minContextMarginPx ≥ 0.");
  }
  const image = { x: 0, y: 0, width: sourceWidth, height: sourceHeight };
  const bounds = intersectRect(maskBounds, image);
  if (isEmptyRect(bounds) || !Number.isFinite(maskBounds.x + maskBounds.y + maskBounds.width + maskBounds.height)) {
    throw new EmptyMaskError("The mask (after growing and feathering, within the image)");
  }

  // 1. Mask box + margin, placed inside the image (a mask at the border gets its context inward).
  const margin = Math.max(o.minContextMarginPx, Math.round(o.contextMarginFraction * Math.max(bounds.width, bounds.height)));
  let [cx, cw] = placeSpan(bounds.x, bounds.width, bounds.width + 2 * margin, sourceWidth);
  let [cy, ch] = placeSpan(bounds.y, bounds.height, bounds.height + 2 * margin, sourceHeight);

  // 2. Model long side, then the short side the context's aspect implies (at least minModelSide).
  const landscape = cw >= ch;
  const longSrc = landscape ? cw : ch;
  const modelLong = o.upscaleSmallRegions ? maxSide : Math.min(maxSide, roundUp8(longSrc));
  const s = modelLong / longSrc;
  const shortSrc = landscape ? ch : cw;
  const modelShortWanted = Math.min(modelLong, Math.max(o.minModelSide, roundUp8(shortSrc * s)));

  // 3. Widen the context's short side to that aspect, as far as the image allows.
  const shortLimit = landscape ? sourceHeight : sourceWidth;
  const shortTarget = Math.min(shortLimit, Math.max(shortSrc, Math.round(modelShortWanted / s)));
  const modelShort = shortTarget === Math.round(modelShortWanted / s) ? modelShortWanted : Math.min(modelLong, roundNearest8(shortTarget * s));
  if (landscape) [cy, ch] = placeSpan(cy, ch, shortTarget, sourceHeight);
  else [cx, cw] = placeSpan(cx, cw, shortTarget, sourceWidth);

  const modelWidth = landscape ? modelLong : modelShort;
  const modelHeight = landscape ? modelShort : modelLong;
  return {
    sourceWidth,
    sourceHeight,
    maskBounds: bounds,
    context: { x: cx, y: cy, width: cw, height: ch },
    modelWidth,
    modelHeight,
    scaleX: modelWidth / cw,
    scaleY: modelHeight / ch,
  };
}

/** Source-pixel position of a model-image pixel centre (for mapping points/previews back). */
export function modelToSource(plan: RegionPlan, mx: number, my: number): [number, number] {
  return [plan.context.x + (mx + 0.5) / plan.scaleX - 0.5, plan.context.y + (my + 0.5) / plan.scaleY - 0.5];
}

/** Model-image position of a source pixel centre. */
export function sourceToModel(plan: RegionPlan, sx: number, sy: number): [number, number] {
  return [(sx - plan.context.x + 0.5) * plan.scaleX - 0.5, (sy - plan.context.y + 0.5) * plan.scaleY - 0.5];
}
