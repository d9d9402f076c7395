/**
 * Expand, decided from the selection and settings alone (no pixels yet): the grown box along the
 * image's own axes, the pixel grid the source is captured at (chosen so the whole new layer fits
 * the pixel budget), the canvas, and where Keep puts the layer. Pure, so it is tested in Node.
 */
import type { ImageSelection } from "../../contract";
import { planExpandCanvas, planExpandGeometry, type ExpandCanvasPlan, type ExpandGeometry } from "../../imaging";
import type { PanelSettings } from "../settings/panel-settings";
import { expandAnchorOf, expandTargetOf } from "./expand-settings";
import { choosePxPerUnit, sourceGeometry, type GeometryOverride, type SourceGeometry } from "./source-geometry";

export interface ExpandSourceGeometry extends SourceGeometry {
  expand: {
    geometry: ExpandGeometry;
    canvas: ExpandCanvasPlan;
    /** One line for the panel (clipped to the page…), or null. */
    notice: string | null;
  };
}

/** Throws ExpandTargetError (one sentence saying what to pick instead) for targets that cannot be made. */
export function expandSourceGeometry(
  selection: ImageSelection,
  maxModelSide: number,
  settings: Pick<PanelSettings, "expandTarget" | "expandAnchor">,
  override: GeometryOverride = {},
): ExpandSourceGeometry {
  const { image, page } = selection;
  const geometry = planExpandGeometry({
    image: { width: image.width, height: image.height },
    imageToPage: image.transform,
    page: { width: page.width, height: page.height },
    target: expandTargetOf(settings.expandTarget),
    anchor: expandAnchorOf(settings.expandAnchor),
  });
  // The pixel budget covers the whole grown box, not just the source.
  const pxPerUnit = override.pxPerUnit ?? choosePxPerUnit(geometry.box, page, maxModelSide);
  const base = sourceGeometry(selection, maxModelSide, { ...override, pxPerUnit });
  const canvas = planExpandCanvas(base, image, geometry.margins);
  if (base.target.type !== "image") throw new Error("Expand needs an image target.");
  return {
    ...base,
    target: { ...base.target, expandedBox: canvas.box },
    expand: { geometry, canvas, notice: geometry.notice },
  };
}
