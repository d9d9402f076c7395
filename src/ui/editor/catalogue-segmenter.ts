/**
 * Click-to-select with the catalogue's segmentation model (SlimSAM-77): its files come from the
 * browser's model cache (OPFS), fetched and verified by the same downloader as every model.
 */
import { createEngineWorker } from "../../engine/worker";
import { downloadModel, findModel, getCatalogue, openCachedModel, OpfsModelStore } from "../../engine/models";
import type { RegionEditorInput } from "../../contract/region-editor";
import type { ClickSegmenter } from "./segmenter-port";
import { workerSegmenter } from "./worker-segmenter";

export const SEGMENTATION_MODEL_ID = "slimsam-77-uniform";

export function catalogueSegmenter(input: RegionEditorInput, picture: ImageBitmap, modelId = SEGMENTATION_MODEL_ID): ClickSegmenter {
  const catalogue = getCatalogue();
  const model = findModel(catalogue, modelId);
  const variant = model.variants[0];
  const store = new OpfsModelStore();
  return workerSegmenter({
    engine: () => {
      const engine = createEngineWorker();
      void engine.init({ forceBackend: "wasm" }).catch(() => undefined);
      return engine;
    },
    source: { kind: "catalogue", modelId },
    picture,
    imageKey: input.sessionId,
    download: {
      sizeBytes: variant.files.reduce((n, f) => n + (f.size ?? 0), 0),
      isPresent: () => openCachedModel(model, variant, store, catalogue).then(
        () => true,
        () => false,
      ),
      run: async (onFraction) => {
        await downloadModel(model, variant, {
          store,
          catalogue,
          onEvent: (event) => {
            if (event.type === "model-progress" && event.totalBytes) onFraction(event.loadedBytes / event.totalBytes);
          },
        });
      },
    },
  });
}
