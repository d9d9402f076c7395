/**
 * The models the panel offers, as the panel thinks of them: what each can do (fill / restyle /
 * variations), which quality preset it serves, the model size it works at, and how to talk to it.
 * Built from a catalogue (the product's, or the development one in dev-models.ts).
 */
import type { Catalogue, CatalogueModel } from "../../engine/models/catalogue-types";
import type { PromptInput } from "../../contract/worker-protocol";
import type { PanelMode, QualityPreset } from "../settings/panel-settings";
import { runsMode } from "./mode-refusals";

export interface PanelModel {
  id: string;
  displayName: string;
  /** Short use shown under the name. */
  use: string;
  catalogue: Catalogue;
  model: CatalogueModel;
  preset: QualityPreset;
  /** Long side of the model image (multiple of 8): the region plan targets it. */
  maxModelSide: number;
  recommended: { steps: number; guidanceScale: number; strength?: number } | null;
  /** Served for development and tests only (the tiny random-weight model). */
  devOnly: boolean;
  /**
   * A preview decoder (TAESD): not a model to generate with, but listed with the others so it can
   * be downloaded and deleted; once present, previews are real decodes and the Fast finish is offered.
   */
  previewDecoder: boolean;
  /**
   * A model for one of the panel's tools, not for generating: MI-GAN (Remove) or SlimSAM
   * (click-to-select in the region editor). Listed under Models to download, verify and delete
   * like the others; never offered in the model picker, never loaded by Generate.
   */
  tool: PanelTool | null;
  /** Prompt text → what the engine takes (the tiny test model has no real tokenizer). */
  encodePrompt?: (text: string) => PromptInput;
}

/** Which preset a product model serves: few-step models are "fast". */
function presetOf(model: CatalogueModel): QualityPreset {
  return (model.recommended?.numInferenceSteps ?? 25) <= 8 ? "fast" : "quality";
}

export type PanelTool = "removal" | "segmentation";

function toolOf(model: CatalogueModel): PanelTool | null {
  return model.capabilities.includes("removal") ? "removal" : model.capabilities.includes("segmentation") ? "segmentation" : null;
}

export function panelModelsFrom(catalogue: Catalogue, options: { devOnly?: boolean; encodePrompt?: PanelModel["encodePrompt"] } = {}): PanelModel[] {
  return catalogue.models
    .filter((m) => m.capabilities.includes("img2img") || m.capabilities.includes("inpaint") || m.capabilities.includes("preview-decoder") || toolOf(m) !== null)
    .map((model) => ({
      id: model.id,
      displayName: model.displayName,
      use: model.use,
      catalogue,
      model,
      preset: presetOf(model),
      maxModelSide: Math.max(model.nativeResolution.width, model.nativeResolution.height),
      recommended: model.recommended
        ? { steps: model.recommended.numInferenceSteps, guidanceScale: model.recommended.guidanceScale, strength: model.recommended.strength }
        : null,
      devOnly: options.devOnly ?? false,
      previewDecoder: model.capabilities.includes("preview-decoder"),
      tool: toolOf(model),
      encodePrompt: options.encodePrompt,
    }));
}

/** The engine's rule (mode-support.ts): fill and expand need inpaint, restyle and variations img2img; Remove uses no model. */
export function supportsMode(model: PanelModel, mode: PanelMode): boolean {
  return runsMode(model, mode);
}

export type ModelAvailability = "present" | "downloadable" | "unsupported";

/**
 * The model a Generate uses: the user's pick when it can do the mode; else the preset's model for
 * the mode, preferring one already on the device; never one that cannot run on this device.
 */
export function chooseModel(
  models: readonly PanelModel[],
  choice: { preset: QualityPreset; mode: PanelMode; modelId: string | null },
  availability: (id: string) => ModelAvailability,
): PanelModel | null {
  const able = models.filter((m) => supportsMode(m, choice.mode) && availability(m.id) !== "unsupported");
  const picked = able.find((m) => m.id === choice.modelId);
  if (picked) return picked;
  const rank = (m: PanelModel) => (availability(m.id) === "present" ? 0 : 2) + (m.preset === choice.preset ? 0 : 1);
  return [...able].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}
