/**
 * Where the source pixels come from, decided from the selection alone (no pixels yet): the page
 * rendition's scale, the source's pixel size, the page → source pixel transform, the mask shapes in
 * source pixels, and where Keep will insert the result. Pure, so it is tested in Node.
 */
import type { Affine2D, InsertTarget, MaskShape as ContractMaskShape } from "../../contract";
import { composeAffine, invertAffine, scaling, translation } from "../../contract/affine";
import type { MaskShape } from "../../imaging";
import type { UsableSelection } from "./modes";

/** Most source pixels we work from (2048²): more than any model sees, far below a canvas limit. */
export const MAX_SOURCE_PIXELS = 2048 * 2048;
/** Longest source side (thin images may use it; a canvas side limit is far above). */
export const MAX_SOURCE_SIDE_PX = 8192;
/** Largest page rendition side we ask Express for. */
export const MAX_RENDITION_SIDE_PX = 8192;

export interface SourceGeometry {
  pageId: string;
  /** Page rendition size in px (page units × pxPerUnit). */
  rendition: { width: number; height: number };
  pxPerUnit: number;
  /** Source image size in px. */
  width: number;
  height: number;
  /** Rendition px → source px (draw the rendition with this transform). */
  renditionToSource: Affine2D;
  /** Mask shapes in source px (empty for a whole-image selection). */
  maskShapes: MaskShape[];
  target: InsertTarget;
}

/**
 * Pixels per document unit: enough for the model to get native-resolution pixels of small
 * selections (up to 4×), capped so neither the source nor the page rendition gets huge.
 */
export function choosePxPerUnit(sourceUnits: { width: number; height: number }, page: { width: number; height: number }, maxModelSide: number): number {
  const long = Math.max(sourceUnits.width, sourceUnits.height, 1e-6);
  const area = Math.max(sourceUnits.width * sourceUnits.height, 1e-6);
  let k = Math.min(4, Math.max(1, maxModelSide / long));
  // Capped by pixel count, not by side: a 3999×1 strip keeps 1 px per unit (a side cap would
  // squeeze it to 2048×1 and its proportions, hence Keep's placement, would be off by ~1 px).
  k = Math.min(k, Math.sqrt(MAX_SOURCE_PIXELS / area), MAX_SOURCE_SIDE_PX / long, MAX_RENDITION_SIDE_PX / Math.max(page.width, page.height));
  return k;
}

/**
 * The source's whole-pixel size for a box at k px per unit: the rounding whose proportions are
 * closest to the box's (Keep places the result with the PNG's exact proportions, so this is what
 * decides how far its edges can land from the source's: |W·h − H·w| / (2(W + H)) units).
 */
export function pixelGridFor(box: { width: number; height: number }, k: number): { width: number; height: number } {
  const error = (w: number, h: number) => Math.abs(w * box.height - h * box.width) / (w + h);
  let best = { width: Math.max(1, Math.round(box.width * k)), height: Math.max(1, Math.round(box.height * k)) };
  // Neighbouring widths (±1 px) with their best height may fit the proportions better.
  for (const dw of [-1, 1]) {
    const width = best.width + dw;
    if (width < 1) continue;
    for (const height of [Math.floor((width * box.height) / box.width), Math.ceil((width * box.height) / box.width)]) {
      if (height >= 1 && Math.abs(height - box.height * k) <= 1.5 && error(width, height) < error(best.width, best.height)) best = { width, height };
    }
  }
  return best;
}

function shapesToSource(shapes: readonly ContractMaskShape[], toSource: Affine2D): MaskShape[] {
  return shapes.map((m) => ({ shape: m.shape, transform: composeAffine(toSource, m.transform) }));
}

/**
 * What the plan starts from when it is not the default: the px per unit the platform really
 * rendered at (never more than asked: no upscaling), or the exact pixel grid of stored pixels.
 */
export interface GeometryOverride {
  pxPerUnit?: number;
  grid?: { width: number; height: number };
}

export function sourceGeometry(selection: UsableSelection, maxModelSide: number, override: GeometryOverride = {}): SourceGeometry {
  const { page } = selection;
  const box = selection.type === "page-region" ? selection.region : selection.image;
  const k = override.pxPerUnit ?? choosePxPerUnit(box, page, maxModelSide);
  const { width, height } = override.grid ?? pixelGridFor(box, k);
  const placed = { pageId: page.pageId, rendition: { width: Math.round(page.width * k), height: Math.round(page.height * k) }, pxPerUnit: k, width, height };
  if (selection.type === "page-region") {
    const { region } = selection;
    // shape local → page units → source px
    const pageToSource = composeAffine(scaling(width / region.width, height / region.height), translation(-region.x, -region.y));
    return {
      ...placed,
      // page px → source px: shift the region's corner to the origin (in rendition px).
      renditionToSource: translation(-region.x * k, -region.y * k),
      maskShapes: shapesToSource(selection.maskShapes, pageToSource),
      target: { type: "page-region", maskShapeIds: selection.maskShapes.map((m) => m.nodeId) },
    };
  }
  const { image } = selection;
  const imageToSource = scaling(width / image.width, height / image.height);
  const masked = selection.type === "image-with-mask";
  return {
    ...placed,
    // rendition px → page units → image units → source px
    renditionToSource: composeAffine(imageToSource, composeAffine(invertAffine(image.transform), scaling(1 / k))),
    maskShapes: masked ? shapesToSource(selection.maskShapes, imageToSource) : [],
    target: { type: "image", imageNodeId: image.nodeId, maskShapeIds: masked ? selection.maskShapes.map((m) => m.nodeId) : [] },
  };
}
