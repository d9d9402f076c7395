/**
 * Steps 2–3 dispatch: which source geometry and which plan a mode needs. Expand grows the canvas
 * (expand-source, plan-expand); every other mode works inside the source (source-geometry,
 * plan-generation).
 */
import { maskAtSize } from "../editor/region-masks";
import type { RgbaImage } from "../../imaging";
import type { PanelModel } from "../models/panel-models";
import { expandSourceGeometry, type ExpandSourceGeometry } from "./expand-source";
import type { GenerateInput } from "./generation-session";
import { planExpand } from "./plan-expand";
import { planGeneration, type GenerationPlan } from "./plan-generation";
import type { GeometryOverride, SourceGeometry } from "./source-geometry";

export class ExpandSelectionError extends Error {
  override name = "ExpandSelectionError";
}

/** How the source geometry is planned for this mode: undefined = the default (sourceGeometry). */
export function geometryPlannerFor(input: GenerateInput): ((override: GeometryOverride) => SourceGeometry) | undefined {
  const { selection, model, mode, settings } = input;
  if (mode !== "expand") return undefined;
  if (selection.type !== "image") throw new ExpandSelectionError("Expand works on one image: select the image alone, without shapes.");
  return (override) => expandSourceGeometry(selection, model.maxModelSide, settings, override);
}

export function planFor(input: GenerateInput, geometry: SourceGeometry, source: RgbaImage, model: PanelModel): GenerationPlan {
  const common = { source, settings: input.settings, maxModelSide: model.maxModelSide, seed: input.seed, encodePrompt: model.encodePrompt };
  if ("expand" in geometry) return planExpand({ ...common, geometry: geometry as ExpandSourceGeometry });
  // A mask painted in the region editor takes the shapes' place (resized if the working size changed).
  const paintedMask = input.paintedMask ? maskAtSize(input.paintedMask, source.width, source.height) : null;
  return planGeneration({ ...common, mode: input.mode, maskShapes: geometry.maskShapes, paintedMask });
}
