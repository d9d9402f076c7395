/**
 * The preview decoder from the model cache: when a catalogue model with the "preview-decoder"
 * capability (TAESD) is completely downloaded, the worker loads its decoder beside the generation
 * model, without the panel asking — live previews become real decodes, and the "Fast" quality
 * becomes possible. Absent or incomplete: null, and previews stay the latent projection.
 */
import type { Catalogue } from "../models/catalogue-types";
import { listCachedModels, openCachedModel, type ModelStore } from "../models";
import type { ModelSource } from "../runtime/backend";

export interface CachedPreviewDecoder {
  modelId: string;
  source: ModelSource;
}

export async function findCachedPreviewDecoder(catalogue: Catalogue, store: ModelStore): Promise<CachedPreviewDecoder | null> {
  const decoders = catalogue.models.filter((m) => m.capabilities.includes("preview-decoder"));
  if (decoders.length === 0) return null;
  const cached = await listCachedModels(catalogue, store);
  for (const model of decoders) {
    for (const variant of model.variants) {
      if (!cached.some((c) => c.modelId === model.id && c.variantId === variant.id && c.complete)) continue;
      const files = await openCachedModel(model, variant, store, catalogue);
      const file = files.file("vae-decoder");
      // About 5 MB: read whole, as the other small graphs are.
      return { modelId: model.id, source: { name: `${model.id}/${file.path}`, bytes: await file.read() } };
    }
  }
  return null;
}
