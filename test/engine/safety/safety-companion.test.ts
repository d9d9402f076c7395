/**
 * The catalogue cannot switch the content filter off by omission: every product generation model
 * names a classifier that exists, has the "safety" capability and thresholds.
 */
import { describe, expect, it } from "vitest";
import catalogueJson from "../../../src/engine/models/catalogue.json";
import { CatalogueError, getCatalogue, parseCatalogue } from "../../../src/engine/models";
import { isGenerationModel, safetyCompanionOf } from "../../../src/engine/safety/safety-companion";

const clone = () => JSON.parse(JSON.stringify(catalogueJson));
const index = (data: { models: { id: string }[] }, id: string) => data.models.findIndex((m) => m.id === id);

describe("safety companions in the catalogue", () => {
  it("gives every product generation model the int8 ViT classifier, with an nsfw threshold", () => {
    const catalogue = getCatalogue();
    const generation = catalogue.models.filter(isGenerationModel);
    expect(generation.map((m) => m.id).sort()).toEqual(["lcm-dreamshaper-v7", "sd-turbo", "sd15-inpainting"]);
    for (const model of generation) {
      const companion = safetyCompanionOf(catalogue, model)!;
      expect(companion.model.id).toBe("nsfw-vit-base");
      expect(companion.variant.files.map((f) => f.role).sort()).toEqual(["classifier", "classifier-config", "preprocessor-config"]);
      expect(companion.thresholds).toEqual({ nsfw: 0.5 });
    }
    expect(safetyCompanionOf(catalogue, catalogue.models.find((m) => m.id === "taesd")!)).toBeNull();
  });

  it("refuses a product generation model without a classifier, or naming a model that is not one", () => {
    const missing = clone();
    delete missing.models[index(missing, "sd-turbo")].safetyClassifier;
    expect(() => parseCatalogue(missing)).toThrow(CatalogueError);
    expect(() => parseCatalogue(missing)).toThrow(/"sd-turbo": every generation model needs a safetyClassifier/);
    const wrong = clone();
    wrong.models[index(wrong, "sd-turbo")].safetyClassifier = "taesd";
    expect(() => parseCatalogue(wrong)).toThrow(/safetyClassifier "taesd" is not a model with the "safety" capability/);
    const unknown = clone();
    unknown.models[index(unknown, "sd-turbo")].safetyClassifier = "no-such-filter";
    expect(() => parseCatalogue(unknown)).toThrow(/not a model with the "safety" capability/);
  });

  it("refuses a classifier without thresholds or with a threshold outside (0, 1]", () => {
    const none = clone();
    delete none.models[index(none, "nsfw-vit-base")].flagThresholds;
    expect(() => parseCatalogue(none)).toThrow(/needs flagThresholds/);
    const zero = clone();
    zero.models[index(zero, "nsfw-vit-base")].flagThresholds = { nsfw: 0 };
    expect(() => parseCatalogue(zero)).toThrow(/thresholds in \(0, 1\]/);
    const upper = clone();
    upper.models[index(upper, "nsfw-vit-base")].flagThresholds = { NSFW: 0.5 };
    expect(() => parseCatalogue(upper)).toThrow(/lower-case/);
  });

  it("lets a test fixture (family test) go without one: its results are reported unscreened", () => {
    const test = clone();
    const turbo = test.models[index(test, "sd-turbo")];
    delete turbo.safetyClassifier;
    turbo.family = "test";
    const catalogue = parseCatalogue(test);
    expect(safetyCompanionOf(catalogue, catalogue.models.find((m) => m.id === "sd-turbo")!)).toBeNull();
  });
});
