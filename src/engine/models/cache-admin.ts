/**
 * Listing and deleting cached models, for the settings screen ("Models on this device").
 */
import type { Catalogue, CatalogueModel, ModelVariant } from "./catalogue-types";
import { storeKey, type ModelStore } from "./model-store";

export interface CachedModelSummary {
  modelId: string;
  variantId: string;
  displayName: string;
  /** Every file present and verified: the model works offline. */
  complete: boolean;
  filesCached: number;
  filesTotal: number;
  bytesOnDisk: number;
  /** Some hashes were recorded on first use rather than pinned by the catalogue. */
  trustOnFirstUse: boolean;
}

export async function listCachedModels(catalogue: Catalogue, store: ModelStore): Promise<CachedModelSummary[]> {
  const stored = new Map((await store.list()).map((m) => [m.key, m]));
  const out: CachedModelSummary[] = [];
  for (const model of catalogue.models) {
    for (const variant of model.variants) {
      const metas = variant.files.map((f) => stored.get(storeKey(f.url, f.sha256)));
      const present = metas.filter((m) => m !== undefined);
      if (present.length === 0) continue;
      out.push({
        modelId: model.id,
        variantId: variant.id,
        displayName: model.displayName,
        complete: present.length === variant.files.length,
        filesCached: present.length,
        filesTotal: variant.files.length,
        bytesOnDisk: present.reduce((s, m) => s + m.size, 0),
        trustOnFirstUse: present.some((m) => !m.hashPinned),
      });
    }
  }
  return out;
}

/**
 * Deletes a variant's files (complete and partial). Files another catalogue variant also uses
 * are kept unless `force`, so deleting one model never breaks another.
 */
export async function deleteCachedModel(
  catalogue: Catalogue,
  store: ModelStore,
  model: CatalogueModel,
  variant: ModelVariant,
  options: { force?: boolean } = {},
): Promise<number> {
  const usedElsewhere = new Set<string>();
  for (const m of catalogue.models) {
    for (const v of m.variants) {
      if (m.id === model.id && v.id === variant.id) continue;
      v.files.forEach((f) => usedElsewhere.add(storeKey(f.url, f.sha256)));
    }
  }
  let deleted = 0;
  for (const f of variant.files) {
    const key = storeKey(f.url, f.sha256);
    if (usedElsewhere.has(key) && !options.force) continue;
    await store.delete(key);
    deleted++;
  }
  return deleted;
}
