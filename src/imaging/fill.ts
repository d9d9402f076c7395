/**
 * The imaging side of one generative fill, top to bottom:
 *   prepareFill: mask (shapes or pixels) → grow/feather in a window around it → plan the context
 *                region → crop, resize to the model size, pre-fill → what the engine needs;
 *   finishFill:  model output → resize back → colour match → composite through the feathered mask.
 * Every step works on the mask's neighbourhood, never on the whole document.
 */
import type { GrayImage, RgbaImage } from "./image";
import { assertGrayImage, assertRgbaImage, assertSameSize } from "./image-checks";
import { inflateRect, intersectRect, isEmptyRect, type Rect } from "./geometry";
import { EmptyMaskError, ImageSizeError } from "./errors";
import type { MaskShape } from "./shapes";
import { maskBoundingBox, rasterizeShapes, shapesBounds } from "./mask";
import { DEFAULT_MASK_OPTIONS, prepareMaskSteps, type MaskOptions } from "./mask-morphology";
import { runSteps, type Steps } from "./steps";
import { assertSourceSize, planRegion, type RegionPlan, type RegionPlanOptions } from "./region";
import { cropRgba, extractGray } from "./crop";
import { resizeGray, resizeRgba, type UpscaleFilter } from "./resize";
import { DEFAULT_PREFILL, prefillMasked, type PrefillMode } from "./prefill";
import { exemplarFill } from "./exemplar-fill";
import { matchColors, type ColorMatchOptions, type ColorMatchResult } from "./color-match";
import { compositePatch, compositeRegion } from "./composite";

/** Where the mask comes from: shapes placed on the source, or a source-sized mask (e.g. maskFromAlpha). */
export type MaskSource = { shapes: readonly MaskShape[] } | { mask: GrayImage };

/** What the hole holds before the model sees it: prefill.ts's modes, or "exemplar" (the built-in PatchMatch fill). */
export type RegionPrefill = PrefillMode | "exemplar";

export interface PrepareFillOptions extends RegionPlanOptions, Partial<MaskOptions> {
  prefill?: RegionPrefill;
}

export interface PreparedFill {
  plan: RegionPlan;
  /** Context region at model resolution, masked area pre-filled. [modelHeight, modelWidth, 4] */
  modelImage: RgbaImage;
  /** Grown mask at model resolution (0 keep … 255 repaint). [modelHeight, modelWidth] */
  modelMask: GrayImage;
  /** Grown mask at context (source) resolution; colour match measures its ring outside this. */
  contextMask: GrayImage;
  /** Grown + feathered mask at context resolution; the composite blends through it. */
  blendMask: GrayImage;
}

/** Grown and feathered masks over a window of the source (window-sized, origin window.x/y). */
function* windowedMasks(source: RgbaImage, maskSource: MaskSource, o: MaskOptions): Steps<{ window: Rect; grown: GrayImage; blend: GrayImage }> {
  const reach = o.growPx + o.featherPx + 2;
  const image = { x: 0, y: 0, width: source.width, height: source.height };
  let window: Rect;
  let raw: GrayImage;
  if ("shapes" in maskSource) {
    if (!Array.isArray(maskSource.shapes) || maskSource.shapes.length === 0) throw new EmptyMaskError("The selection (no shapes)");
    const bounds = shapesBounds(maskSource.shapes, source.width, source.height);
    if (isEmptyRect(bounds)) throw new EmptyMaskError("The selected shapes (they lie outside the image)");
    window = intersectRect(inflateRect(bounds, reach), image);
    raw = rasterizeShapes(maskSource.shapes, source.width, source.height, window);
  } else {
    assertGrayImage(maskSource.mask);
    assertSameSize(source, maskSource.mask, "source image", "mask");
    const bounds = maskBoundingBox(maskSource.mask);
    if (isEmptyRect(bounds)) throw new EmptyMaskError();
    window = intersectRect(inflateRect(bounds, reach), image);
    raw = extractGray(maskSource.mask, 0, 0, window);
  }
  if (isEmptyRect(maskBoundingBox(raw))) throw new EmptyMaskError("The selected shapes");
  yield;
  const { modelMask, blendMask } = yield* prepareMaskSteps(raw, o);
  return { window, grown: modelMask, blend: blendMask };
}

export function prepareFill(source: RgbaImage, maskSource: MaskSource, options: PrepareFillOptions): PreparedFill {
  return runSteps(prepareFillSteps(source, maskSource, options));
}

/** prepareFill, yielding between its steps (steps.ts): the panel runs it a step per turn. */
export function* prepareFillSteps(source: RgbaImage, maskSource: MaskSource, options: PrepareFillOptions): Steps<PreparedFill> {
  assertSourceSize(source.width, source.height);
  assertRgbaImage(source, "source image");
  const maskOptions: MaskOptions = {
    growPx: options.growPx ?? DEFAULT_MASK_OPTIONS.growPx,
    featherPx: options.featherPx ?? DEFAULT_MASK_OPTIONS.featherPx,
  };
  const { window, grown, blend } = yield* windowedMasks(source, maskSource, maskOptions);
  yield;
  const box = maskBoundingBox(blend);
  const plan = planRegion(source.width, source.height, { ...box, x: box.x + window.x, y: box.y + window.y }, options);
  const { context } = plan;
  const contextMask = extractGray(grown, window.x, window.y, context);
  const blendMask = extractGray(blend, window.x, window.y, context);
  const contextImage = cropRgba(source, context);
  const modelMask = resizeGray(contextMask, plan.modelWidth, plan.modelHeight);
  yield;
  const resized = resizeRgba(contextImage, plan.modelWidth, plan.modelHeight);
  yield;
  const prefill = options.prefill ?? DEFAULT_PREFILL;
  const modelImage = prefill === "exemplar" ? exemplarFill(resized, modelMask) : prefillMasked(resized, modelMask, prefill);
  return { plan, modelImage, modelMask, contextMask, blendMask };
}

export interface FinishFillOptions {
  /** Colour match options, or false to skip it. */
  colorMatch?: Partial<ColorMatchOptions> | false;
  upscale?: UpscaleFilter;
}

export interface FinishedFill {
  /** The generated region after resizing and colour matching, context-sized (before blending). */
  region: RgbaImage;
  colorMatch: ColorMatchResult | null;
}

/** Model output → context-sized, colour-matched region (shared by the two composite forms). */
export function finishRegion(source: RgbaImage, prepared: PreparedFill, generated: RgbaImage, options: FinishFillOptions = {}): FinishedFill {
  assertRgbaImage(generated, "generated image");
  const { plan } = prepared;
  if (generated.width !== plan.modelWidth || generated.height !== plan.modelHeight) {
    throw new ImageSizeError(
      `The generated image is ${generated.width}×${generated.height} but the plan expects ${plan.modelWidth}×${plan.modelHeight}; pass the model output of this request.`,
    );
  }
  const { context } = plan;
  const back = resizeRgba(generated, context.width, context.height, options.upscale ?? "bicubic");
  if (options.colorMatch === false) return { region: back, colorMatch: null };
  const cm = matchColors(back, cropRgba(source, context), prepared.contextMask, options.colorMatch ?? {}, prepared.blendMask);
  return { region: cm.image, colorMatch: cm };
}

/** The full source with the fill composited in; outside the blend mask it is the source, bit for bit. */
export function finishFill(source: RgbaImage, prepared: PreparedFill, generated: RgbaImage, options: FinishFillOptions = {}): RgbaImage {
  const { region } = finishRegion(source, prepared, generated, options);
  return compositeRegion(source, region, prepared.blendMask, prepared.plan.context);
}

/** Only the context rectangle of the composite (place it at plan.context.x/y): for a layer above the source. */
export function finishFillPatch(source: RgbaImage, prepared: PreparedFill, generated: RgbaImage, options: FinishFillOptions = {}): { image: RgbaImage; rect: Rect } {
  const { region } = finishRegion(source, prepared, generated, options);
  const rect = prepared.plan.context;
  return { image: compositePatch(cropRgba(source, rect), region, prepared.blendMask), rect };
}

