/**
 * Steps 2–3 dispatch: which source geometry and which plan a mode needs. Expand grows the canvas
 * (expand-source, plan-expand); every other mode works inside the source (source-geometry,
 * plan-generation).
 */
import { maskAtSize } from "../editor/region-masks";
import { runStepsYielding, type RgbaImage, type Steps } from "../../imaging";
import { expandSourceGeometry, type ExpandSourceGeometry } from "./expand-source";
import type { GenerateInput } from "./generation-session";
import { planExpand } from "./plan-expand";
import { planGenerationSteps, type GenerationPlan } from "./plan-generation";
import { REMOVE_WORKING_SIDE } from "./run-remove";
import type { GeometryOverride, SourceGeometry } from "./source-geometry";

export class ExpandSelectionError extends Error {
  override name = "ExpandSelectionError";
}

/** The long side the run works at: the model's, or the built-in fill's when Remove runs without one. */
export function workingSide(input: GenerateInput): number {
  return input.model?.maxModelSide ?? REMOVE_WORKING_SIDE;
}

/** How the source geometry is planned for this mode: undefined = the default (sourceGeometry). */
export function geometryPlannerFor(input: GenerateInput): ((override: GeometryOverride) => SourceGeometry) | undefined {
  const { selection, model, mode, settings } = input;
  if (mode !== "expand") return undefined;
  if (selection.type !== "image") throw new ExpandSelectionError("Expand works on one image: select the image alone, without shapes.");
  return (override) => expandSourceGeometry(selection, model?.maxModelSide ?? REMOVE_WORKING_SIDE, settings, override);
}

/**
 * Step 3 for the panel: the browser gets a turn between the plan's steps (mask grow, feather,
 * resize, pre-fill), so a 16 MP source freezes the panel for one step at a time, not the whole plan.
 */
export function planForYielding(input: GenerateInput, geometry: SourceGeometry, source: RgbaImage): Promise<GenerationPlan> {
  return runStepsYielding(planSteps(input, geometry, source));
}

function* planSteps(input: GenerateInput, geometry: SourceGeometry, source: RgbaImage): Steps<GenerationPlan> {
  const common = { source, settings: input.settings, maxModelSide: workingSide(input), seed: input.seed, encodePrompt: input.model?.encodePrompt };
  if ("expand" in geometry) return planExpand({ ...common, geometry: geometry as ExpandSourceGeometry });
  // A mask painted in the region editor takes the shapes' place (resized if the working size changed).
  const paintedMask = input.paintedMask ? maskAtSize(input.paintedMask, source.width, source.height) : null;
  yield;
  return yield* planGenerationSteps({ ...common, mode: input.mode, maskShapes: geometry.maskShapes, paintedMask });
}
