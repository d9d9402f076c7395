/**
 * Test catalogues with a content filter: the tiny-sd fixture as a "product" model (family sd-1.5)
 * whose required companion is a hand-written tiny classifier (test/engine/safety) that flags images
 * whose mean red is at or above a cut. Files are served by test/engine/models' model server.
 */
import { createHash } from "node:crypto";
import type { RgbaImage } from "../../../src/contract/worker-protocol";
import type { Catalogue, CatalogueModel, ModelFile } from "../../../src/engine/models/catalogue-types";
import { parseCatalogue } from "../../../src/engine/models/catalogue";
import { fixtureProvenance, tinyFp32Variant } from "../models/test-catalogue";
import { tinyClassifierOnnx } from "../safety/tiny-classifier-onnx";

/** The shape of a Hugging Face image-classification export's config.json. */
export const FILTER_CONFIG = { id2label: { "0": "sfw", "1": "nsfw" }, label2id: { sfw: 0, nsfw: 1 } };

/** preprocessor_config.json at the images' own size, so the classifier's resize is the identity. */
export function filterPreprocessor(width: number, height: number) {
  return { do_normalize: true, do_rescale: true, rescale_factor: 1 / 255, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5], size: { width, height } };
}

/**
 * A classifier whose "nsfw" logit minus "sfw" logit is 2·gain·(mean red − cut), mean red in [0, 1]:
 * GlobalAveragePool of the normalised red plane is 2·mean − 1, so weight `gain` on it and bias
 * −gain·(2·cut − 1) put p(nsfw) = 0.5 exactly at mean red = cut.
 */
export function redFilterOnnx(cut: number, gain = 50): Uint8Array {
  return tinyClassifierOnnx({ weights: [0, gain, 0, 0, 0, 0], bias: [0, -gain * (2 * cut - 1)] });
}

/** Mean of the red channel in [0, 1], computed here independently of the engine. */
export function redMean(image: RgbaImage): number {
  let sum = 0;
  for (let i = 0; i < image.data.length; i += 4) sum += image.data[i];
  return sum / (image.data.length / 4) / 255;
}

export const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function servedFile(origin: string, files: Map<string, Uint8Array>, role: ModelFile["role"], path: string): ModelFile {
  const bytes = files.get(path);
  if (!bytes) throw new Error(`test catalogue: nothing served at ${path}`);
  return { role, path: path.slice(1), url: `${origin}${path}`, size: bytes.length, sizeExact: true, sha256: createHash("sha256").update(bytes).digest("hex"), hashPinned: true };
}

/** A classifier model entry for files served under `${folder}/`. */
export function filterModel(origin: string, files: Map<string, Uint8Array>, id: string, folder: string, thresholds: Record<string, number> = { nsfw: 0.5 }): CatalogueModel {
  return {
    id,
    displayName: `Test content filter (${id})`,
    use: "tests",
    family: "vit-classifier",
    capabilities: ["safety"],
    nativeResolution: { width: 64, height: 64 },
    flagThresholds: thresholds,
    ...fixtureProvenance(id, origin),
    variants: [
      tinyFp32Variant({ gpuBytes: 0, wasmHeapBytes: 1e6 }, [
        servedFile(origin, files, "classifier", `${folder}/model.onnx`),
        servedFile(origin, files, "classifier-config", `${folder}/config.json`),
        servedFile(origin, files, "preprocessor-config", `${folder}/preprocessor_config.json`),
      ]),
    ],
  };
}

/**
 * `base`'s tiny-sd (family "test", no filter) plus, for every [id, filterId] pair, the same files as
 * a product-like model (family "sd-1.5") screened by `filterId`, and the given filter models.
 */
export function screenedCatalogue(base: Catalogue, schedulerConfig: Record<string, unknown>, products: [string, string][], filters: CatalogueModel[]): Catalogue {
  const recommended = { numInferenceSteps: 2, guidanceScale: 1, strength: 0.75, scheduler: String(schedulerConfig._class_name), schedulerConfig };
  const tiny = { ...base.models[0], recommended };
  return parseCatalogue({
    ...base,
    models: [
      tiny,
      ...products.map(([id, filterId]) => ({ ...tiny, id, displayName: `Tiny SD screened by ${filterId}`, family: "sd-1.5" as const, safetyClassifier: filterId })),
      ...filters,
    ],
  });
}
