/**
 * The development/test model: the tiny random-weight Stable Diffusion of test/fixtures/tiny-sd
 * (64² images of coloured noise — it proves the whole flow, not image quality). The playground's
 * dev server serves its files under `dev-models/tiny-sd/`; this catalogue points there, so the
 * panel downloads, caches, lists and deletes it exactly like a product model.
 */
import type { PromptInput } from "../contract/worker-protocol";
import type { Catalogue, ModelFile } from "../engine/models/catalogue-types";
import { parseCatalogue } from "../engine/models/catalogue";
import { modelGraphPath, SD15_SCHEDULER_CONFIG } from "../engine/model-layout";
import { panelModelsFrom, type PanelModel } from "./models/panel-models";
import { devTaesdModel } from "./dev-preview-decoder";
import { devProvenance, devVariant } from "./dev-fixture-model";

export const TINY_MODEL_ID = "tiny-sd-test";

/** Approximate sizes for the UI (the fixtures may be rebuilt, so they are not checked). */
const FILES: [ModelFile["role"], string, number][] = [
  ["text-encoder", modelGraphPath("textEncoder"), 344_008],
  ["unet", modelGraphPath("unet"), 6_429_439],
  ["vae-decoder", modelGraphPath("vaeDecoder"), 2_634_659],
  ["vae-encoder", modelGraphPath("vaeEncoder"), 1_668_248],
];

/** @param base URL of the folder holding `tiny-sd/` (e.g. new URL("dev-models/", document.baseURI)). */
export function devCatalogue(base: URL): Catalogue {
  const folder = new URL("tiny-sd/", base);
  return parseCatalogue({
    version: 1,
    allowedHosts: [folder.host],
    models: [
      {
        id: TINY_MODEL_ID,
        displayName: "Tiny test model",
        use: "development only: 64 px random weights, makes coloured noise",
        family: "test",
        capabilities: ["img2img", "inpaint"],
        nativeResolution: { width: 64, height: 64 },
        recommended: { numInferenceSteps: 2, guidanceScale: 1, strength: 0.6, scheduler: "DDIMScheduler", schedulerConfig: SD15_SCHEDULER_CONFIG },
        vaeScalingFactor: 0.18215,
        ...devProvenance("tiny-sd", folder),
        variants: [devVariant(folder, FILES, { gpuBytes: 2e7, wasmHeapBytes: 1e8 })],
      },
      devTaesdModel(base),
    ],
  });
}

/**
 * The tiny text encoder has a 1000-entry vocabulary, so CLIP's ids do not fit: words are hashed to
 * ids 3–999 instead (BOS 0, EOS/pad 2, as in the fixtures). Same prompt → same ids.
 */
export function tinyPromptIds(text: string): PromptInput {
  const ids = new Int32Array(77).fill(2); // [77] int32
  ids[0] = 0;
  const words = text.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 75);
  words.forEach((word, i) => {
    let h = 2166136261;
    for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), 16777619);
    ids[i + 1] = 3 + ((h >>> 0) % 997);
  });
  return { inputIds: ids };
}

export function devPanelModels(base: URL): PanelModel[] {
  return panelModelsFrom(devCatalogue(base), { devOnly: true, encodePrompt: tinyPromptIds });
}
