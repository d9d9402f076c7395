/**
 * A model whose every file is in the store and verified: what sessions are made from. Opening one
 * never touches the network.
 */
import type { CatalogueModel, ModelFile, ModelVariant } from "./catalogue-types";
import { CatalogueError, ModelNotCachedError } from "./errors";
import { storeKey, type ModelStore, type StoredLocation } from "./model-store";
import { checkedMeta } from "./stored-check";

/** A verified file of a cached model, ready for an ORT session. */
export interface CachedModelFile {
  role: ModelFile["role"];
  path: string;
  url: string;
  sha256: string;
  size: number;
  hashPinned: boolean;
  /** For ONNX external data: the name the graph refers to. */
  externalDataPath?: string;
  /** The whole file in memory: for small files only (configs, tokenizers, small graphs). */
  read(): Promise<Uint8Array>;
  /** A path (Node) or disk-backed Blob (browser) ONNX Runtime reads itself: never one big buffer here. */
  locate(): Promise<StoredLocation>;
}

export interface CachedModel {
  modelId: string;
  variantId: string;
  files: CachedModelFile[];
  /** The file with this role; throws when the variant has none. */
  file(role: ModelFile["role"]): CachedModelFile;
}

/** Opens a fully cached, verified model without touching the network; throws ModelNotCachedError otherwise. */
export async function openStoredModel(store: ModelStore, model: CatalogueModel, variant: ModelVariant): Promise<CachedModel> {
  const files: CachedModelFile[] = [];
  const missing: string[] = [];
  for (const f of variant.files) {
    const key = storeKey(f.url, f.sha256);
    const meta = await checkedMeta(store, key);
    if (!meta) {
      missing.push(f.path);
      continue;
    }
    files.push({
      role: f.role,
      path: f.path,
      url: f.url,
      sha256: meta.sha256,
      size: meta.size,
      hashPinned: meta.hashPinned,
      externalDataPath: f.externalDataPath,
      read: () => store.read(key),
      locate: () => store.locate(key),
    });
  }
  if (missing.length > 0) throw new ModelNotCachedError(model.id, missing);
  return {
    modelId: model.id,
    variantId: variant.id,
    files,
    file(role) {
      const found = files.find((x) => x.role === role);
      if (!found) throw new CatalogueError(`Model "${model.id}" (${variant.id}) has no "${role}" file.`);
      return found;
    },
  };
}
