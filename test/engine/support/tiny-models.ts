/** Paths to the tiny-sd fixture models, and a shared wasm backend for engine tests. */
import { join } from "node:path";
import { fixturePath } from "../../support/fixture-dirs";
import type { ModelSource } from "../../../src/engine/runtime/backend";

export const tinyModelsDir = fixturePath("TINY_SD_MODELS_DIR", "test/fixtures/tiny-sd/models");
export const tinyCasesDir = fixturePath("TINY_SD_CASES_DIR", "test/fixtures/tiny-sd/cases");

/** A ModelSource for one tiny component (Node: ORT reads the path itself). */
export function tinyModel(component: string): ModelSource {
  return { name: `${component}/model.onnx`, url: join(tinyModelsDir, component, "model.onnx") };
}
