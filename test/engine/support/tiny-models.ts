/** Paths to the tiny-sd fixture models, and a shared wasm backend for engine tests. */
import { join } from "node:path";
import { fixturePath } from "../../support/fixture-dirs";
import type { GraphSource } from "../../../src/engine/runtime/backend";
import { MODEL_PART_FOLDERS, sourcesFromLayout } from "../../../src/engine/model-layout";
import type { StableDiffusionSources } from "../../../src/engine/stable-diffusion-models";

export const tinyModelsDir = fixturePath("TINY_SD_MODELS_DIR", "test/fixtures/tiny-sd/models");
export const tinyCasesDir = fixturePath("TINY_SD_CASES_DIR", "test/fixtures/tiny-sd/cases");

/** A GraphSource for one tiny component (Node: ORT reads the path itself). */
export function tinyModel(component: string): GraphSource {
  return { name: `${component}/model.onnx`, url: join(tinyModelsDir, component, "model.onnx") };
}

/** Every tiny component in the model-folder layout (both UNets unless told otherwise). */
export function tinySources(options: { withInpaintUnet?: boolean } = {}): StableDiffusionSources {
  return sourcesFromLayout(
    (part) => (part === "unetInpaint" && options.withInpaintUnet === false ? undefined : tinyModel(MODEL_PART_FOLDERS[part])),
    (graphPath) => new Error(`tiny-sd fixture has no ${graphPath}`),
  );
}
