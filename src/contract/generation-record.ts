/**
 * What the add-on stores on every layer it creates (node.addOnData), so selecting that layer later
 * gives the panel the settings that made it ("regenerate from a layer").
 */

export type GenerationMode = "fill" | "remove" | "restyle" | "variations" | "text-to-image" | "expand";

export interface GenerationRecord {
  /** Model id as listed in the panel's model catalogue. */
  model: string;
  prompt: string;
  negativePrompt: string;
  seed: number;
  /** numInferenceSteps as requested (before strength trims the schedule). */
  steps: number;
  /** img2img / inpaint strength in [0, 1]. */
  strength: number;
  guidanceScale: number;
  mode: GenerationMode;
  /** Generative Expand only: the target ("16:9", "scale-1.5", "page", "margins") and the anchor ("left-top" … "right-bottom"). */
  expand?: { target: string; anchor: string };
  addOnVersion: string;
  /** ISO 8601 timestamp of the Keep click. */
  createdAt: string;
}

export const GENERATION_MODES: readonly GenerationMode[] = ["fill", "remove", "restyle", "variations", "text-to-image", "expand"];

/**
 * Only the record's own fields, in a fresh object: a stored record may carry extra keys (another
 * version, a hand edit, another add-on's data) and those must not reach the panel.
 */
export function pickGenerationRecord(r: GenerationRecord): GenerationRecord {
  return {
    model: r.model,
    prompt: r.prompt,
    negativePrompt: r.negativePrompt,
    seed: r.seed,
    steps: r.steps,
    strength: r.strength,
    guidanceScale: r.guidanceScale,
    mode: r.mode,
    ...(r.expand ? { expand: { target: r.expand.target, anchor: r.expand.anchor } } : {}),
    addOnVersion: r.addOnVersion,
    createdAt: r.createdAt,
  };
}
