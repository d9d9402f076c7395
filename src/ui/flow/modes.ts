/**
 * Which modes a selection allows, and which one the panel starts in:
 *   image             → restyle (default), variations of the whole image, or expand it
 *   image + shapes    → generative fill (default), remove, or restyle / variations of the region
 *   shapes alone      → fill (default), remove, restyle or variations of the page region under them
 *   anything else     → nothing (the summary's message says what to select)
 */
import type { SelectionSummary } from "../../contract";
import type { PanelMode } from "../settings/panel-settings";

export type UsableSelection = Exclude<SelectionSummary, { type: "unsupported" }>;

export function isUsable(selection: SelectionSummary | undefined): selection is UsableSelection {
  return selection !== undefined && selection.type !== "unsupported";
}

/** `painted`: the region editor holds a mask for this source, so an image alone can be filled too. */
export function availableModes(selection: SelectionSummary | undefined, painted = false): PanelMode[] {
  if (!isUsable(selection)) return [];
  if (selection.type === "image") return painted ? ["fill", "remove", "restyle", "variations", "expand"] : ["restyle", "variations", "expand"];
  return ["fill", "remove", "restyle", "variations"];
}

/** The user's override when the selection allows it, else the selection's natural mode. */
export function effectiveMode(selection: SelectionSummary | undefined, override: PanelMode | null, painted = false): PanelMode | null {
  const modes = availableModes(selection, painted);
  if (modes.length === 0) return null;
  return override && modes.includes(override) ? override : modes[0];
}

/** Region modes repaint under the shapes; whole-image modes repaint everything. */
export function usesMask(selection: UsableSelection): boolean {
  return selection.type !== "image";
}

export const MODE_LABELS: Record<PanelMode, string> = {
  fill: "Generative fill",
  remove: "Remove",
  restyle: "Restyle",
  variations: "Variations",
  expand: "Expand",
};

export function modeHint(mode: PanelMode, selection: UsableSelection): string {
  const where = selection.type === "image" ? "the whole image" : "the area under the shapes";
  switch (mode) {
    case "fill":
      return "Repaints the area under the shapes. Leave the prompt empty to fill from the surroundings.";
    case "remove":
      return "Removes what is under the shapes and fills it from the surroundings. No prompt and no model download.";
    case "restyle":
      return `Repaints ${where} following the prompt; Strength sets how far it may move from the original.`;
    case "variations":
      return `Makes close variations of ${where}.`;
    case "expand":
      return "Grows the image to the size below and paints the new area to match; the original pixels stay as they are. The prompt is optional.";
  }
}

/** Remove needs no model: it is the one mode that runs with nothing downloaded. */
export function needsModel(mode: PanelMode): boolean {
  return mode !== "remove";
}

/** Images a run makes: the user's count, but one for Remove (both removers are deterministic: more would be copies). */
export function imageCountFor(mode: PanelMode, count: number): number {
  return mode === "remove" ? 1 : count;
}

/** How close variations stay to the original (img2img strength). */
export const VARIATIONS_STRENGTH = 0.45;

/**
 * The strength a mode runs at: fill repaints fully, variations stay close, restyle is the user's.
 * Variations have no strength control, so with few steps they go just high enough to run one
 * denoising step (img2img runs int(steps × strength) of them: at 2 steps, 0.45 would leave none).
 */
export function strengthFor(mode: PanelMode, userStrength: number, numInferenceSteps?: number): number {
  if (mode === "fill" || mode === "remove" || mode === "expand") return 1;
  if (mode === "variations") return numInferenceSteps ? Math.max(VARIATIONS_STRENGTH, 1 / numInferenceSteps) : VARIATIONS_STRENGTH;
  return userStrength;
}

/** Denoising steps img2img runs: min(int(steps × strength), steps) (core/timesteps.ts strengthSlice). */
export function denoisingSteps(numInferenceSteps: number, strength: number): number {
  return Math.min(Math.floor(numInferenceSteps * strength), numInferenceSteps);
}
