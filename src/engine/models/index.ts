/**
 * Public API of model management (browser-safe: the Node directory store is imported from
 * "./node-directory-store" by Node code only).
 *
 *   const catalogue = getCatalogue();
 *   const model = findModel(catalogue, "sd-turbo");
 *   const probe = probeModel(model, await describeAdapter());      // refuses before downloading
 *   if (!probe.ok) show(probe.message);
 *   show(describeDownload(model, probe.variant).totalBytes);          // before starting
 *   const cached = await downloadModel(model, probe.variant, { store, onEvent, signal });
 *   const unet = await cached.file("unet").read();
 */
import type { Catalogue, CatalogueModel, ModelVariant } from "./catalogue-types";
import { getCatalogue } from "./catalogue";
import type { ModelStore } from "./model-store";
import { ModelDownloader, type CachedModel, type DownloadOptions, type ModelDownloaderOptions } from "./model-downloader";
import type { HostPolicy } from "./host-policy";

export * from "./catalogue-types";
export { getCatalogue, parseCatalogue, findModel, findVariant, describeDownload, catalogueUrls, type DownloadDescription } from "./catalogue";
export { probeModel, requireRunnableVariant, describeAdapter, WASM_HEAP_LIMIT_BYTES, type AdapterDescription, type ProbeResult, type Backend } from "./capabilities";
export { ModelDownloader, type CachedModel, type CachedModelFile, type DownloadOptions, type ModelDownloaderOptions } from "./model-downloader";
export { listCachedModels, deleteCachedModel, type CachedModelSummary } from "./cache-admin";
export { storeKey, type ModelStore, type StoredFileMeta, type PartialFile, type StorageEstimate } from "./model-store";
export { OpfsModelStore } from "./opfs-store";
export { toGraphSource } from "./graph-source";
export { Sha256, sha256Hex } from "./sha256";
export type { DownloadEvent, DownloadListener } from "./progress";
export type { HostPolicy } from "./host-policy";
export { listingUrl, type ExpectedFile, type RepoListing } from "./hub-listing";
export * from "./errors";

const downloaders = new WeakMap<ModelStore, ModelDownloader>();

/**
 * One downloader per store, so every caller in the page shares in-flight downloads. Hosts are not
 * the downloader's: each call passes its own catalogue's (`hostPolicyOf`), so a second catalogue
 * (the playground's development models beside the product's) is not refused by the first one's.
 */
export function downloaderFor(store: ModelStore, options: Partial<Omit<ModelDownloaderOptions, "store">> = {}, catalogue: Catalogue = getCatalogue()): ModelDownloader {
  let d = downloaders.get(store);
  if (!d) {
    d = new ModelDownloader({ allowedHosts: catalogue.allowedHosts, redirectHosts: catalogue.redirectHosts, ...options, store });
    downloaders.set(store, d);
  }
  return d;
}

/** The hosts a catalogue's files may be fetched from and redirected to. */
export function hostPolicyOf(catalogue: Catalogue): HostPolicy {
  return { allowedHosts: catalogue.allowedHosts, redirectHosts: catalogue.redirectHosts ?? [] };
}

export interface DownloadModelOptions extends DownloadOptions {
  store: ModelStore;
  /** Catalogue the model comes from (its allowedHosts bound the downloader); the product's by default. */
  catalogue?: Catalogue;
  fetch?: typeof fetch;
}

/** Downloads (or opens from the store) every file of a model variant, verified. */
export function downloadModel(model: CatalogueModel, variant: ModelVariant, options: DownloadModelOptions): Promise<CachedModel> {
  const { store, catalogue = getCatalogue(), fetch, ...rest } = options;
  return downloaderFor(store, { fetch }, catalogue).downloadModel(model, variant, { ...rest, policy: hostPolicyOf(catalogue) });
}

/** Hashes a cached variant's files again (the Models section's "Verify"); failed files are deleted. */
export function verifyCachedModel(variant: ModelVariant, store: ModelStore): Promise<{ checked: number; failed: string[] }> {
  return downloaderFor(store).verifyModel(variant);
}

/** Opens a fully cached model with no network access (offline start); throws ModelNotCachedError otherwise. */
export function openCachedModel(model: CatalogueModel, variant: ModelVariant, store: ModelStore, catalogue?: Catalogue): Promise<CachedModel> {
  return downloaderFor(store, {}, catalogue).openCachedModel(model, variant);
}
