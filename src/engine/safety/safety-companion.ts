/**
 * The content filter as a catalogue relation: every generation model names the image classifier
 * that screens its results (`safetyClassifier`), and that classifier is a required companion —
 * downloaded with the model, counted in the size shown before the download, loaded beside it.
 * Only test fixtures (family "test") may go without one, and their results say "not screened".
 */
import type { Catalogue, CatalogueModel, ModelVariant } from "../models/catalogue-types";
import { CatalogueError } from "../models/errors";

const GENERATION_CAPABILITIES = ["img2img", "inpaint", "text2img"] as const;

export function isGenerationModel(model: CatalogueModel): boolean {
  return model.capabilities.some((c) => (GENERATION_CAPABILITIES as readonly string[]).includes(c));
}

/**
 * Catalogue validation: a product generation model without a classifier, or one naming a model that
 * is not a classifier with thresholds, would silently switch the filter off — so it fails loudly.
 */
export function checkSafetyCompanions(catalogue: Catalogue): void {
  for (const model of catalogue.models) {
    const where = `model "${model.id}"`;
    if (model.capabilities.includes("safety")) {
      const thresholds = Object.entries(model.flagThresholds ?? {});
      if (thresholds.length === 0) throw new CatalogueError(`${where}: a safety classifier needs flagThresholds (label → probability).`);
      for (const [label, value] of thresholds) {
        if (label !== label.toLowerCase() || !(value > 0 && value <= 1)) {
          throw new CatalogueError(`${where}: flagThresholds "${label}": labels are lower-case and thresholds in (0, 1], got ${value}.`);
        }
      }
    }
    if (!isGenerationModel(model)) continue;
    if (model.safetyClassifier === undefined) {
      if (model.family === "test") continue;
      throw new CatalogueError(`${where}: every generation model needs a safetyClassifier (the content filter that screens its results).`);
    }
    const classifier = catalogue.models.find((m) => m.id === model.safetyClassifier);
    if (!classifier?.capabilities.includes("safety")) {
      throw new CatalogueError(`${where}: safetyClassifier "${model.safetyClassifier}" is not a model with the "safety" capability in this catalogue.`);
    }
  }
}

export interface SafetyCompanion {
  model: CatalogueModel;
  /** The classifier's variant (the first one: classifiers run on the CPU path, one variant is enough). */
  variant: ModelVariant;
  thresholds: Record<string, number>;
}

/** The classifier that screens `model`'s results, or null for a test fixture without one. */
export function safetyCompanionOf(catalogue: Catalogue, model: CatalogueModel): SafetyCompanion | null {
  if (model.safetyClassifier === undefined) return null;
  const classifier = catalogue.models.find((m) => m.id === model.safetyClassifier);
  if (!classifier || classifier.variants.length === 0) {
    throw new CatalogueError(`model "${model.id}": its content filter "${model.safetyClassifier}" is not in the catalogue.`);
  }
  return { model: classifier, variant: classifier.variants[0], thresholds: classifier.flagThresholds ?? {} };
}
