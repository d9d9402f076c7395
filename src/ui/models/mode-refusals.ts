/**
 * What a model cannot do, in the engine's own sentence (engine/models/mode-support.ts), known from
 * the catalogue before any download: the Models section lists it under the model, and the model
 * picker says it when a picked model cannot do the current mode. One rule for panel and engine.
 */
import type { ModelVariant } from "../../engine/models/catalogue-types";
import { GENERATION_MODES, modeSupport, type GenerationModeName } from "../../engine/models/mode-support";
import type { PanelMode } from "../settings/panel-settings";
import type { PanelModel } from "./panel-models";

/** The engine mode a panel mode runs; Remove runs the built-in fill, no generation model. */
export function engineModeOf(mode: PanelMode): GenerationModeName | null {
  switch (mode) {
    case "fill":
    case "expand":
      return "inpaint";
    case "restyle":
    case "variations":
      return "img2img";
    case "remove":
      return null;
  }
}

/** Whether some catalogued variant of the model runs this panel mode. */
export function runsMode(model: PanelModel, mode: PanelMode): boolean {
  const engineMode = engineModeOf(mode);
  return engineMode !== null && model.model.variants.some((variant) => modeSupport(model.model, variant, engineMode).ok);
}

/**
 * The refusal sentences of the variant this device would use (or, when none can run here, the
 * first catalogued one), one per generation mode it cannot run; empty when it runs them all.
 */
export function modeRefusals(model: PanelModel, variant: ModelVariant | null): { mode: GenerationModeName; reason: string }[] {
  const judged = variant ?? model.model.variants[0];
  // A preview decoder (TAESD) or a tool's model (MI-GAN, SlimSAM) is not offered to generate with: nothing to refuse.
  if (!judged || model.previewDecoder || model.tool) return [];
  return GENERATION_MODES.flatMap((mode) => {
    const support = modeSupport(model.model, judged, mode);
    return support.ok ? [] : [{ mode, reason: support.reason }];
  });
}

/** The sentence for one panel mode, or null when the model runs it. */
export function panelModeRefusal(model: PanelModel, variant: ModelVariant | null, mode: PanelMode): string | null {
  const engineMode = engineModeOf(mode);
  if (engineMode === null) return `${model.displayName} is not used by Remove: it fills from the surroundings without a model.`;
  return modeRefusals(model, variant).find((r) => r.mode === engineMode)?.reason ?? null;
}
