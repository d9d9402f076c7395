/**
 * Reading the catalogue: validation (so a typo in catalogue.json fails loudly, not as a 404 at a
 * user's desk), look-ups, and what a download will cost before it starts.
 */
import type { Catalogue, CatalogueModel, ModelFile, ModelVariant } from "./catalogue-types";
import catalogueData from "./catalogue.json";
import { CatalogueError } from "./errors";
import { checkSafetyCompanions } from "../safety/safety-companion";
import { CLIP_TOKENIZER_FAMILIES, isClipTokenizerFamily } from "../tokenizer/families";

const SHA256_HEX = /^[0-9a-f]{64}$/;
const COMMIT_HEX = /^[0-9a-f]{40}$/;

/** Checks a catalogue object and returns it typed. Throws CatalogueError naming the bad entry. */
export function parseCatalogue(data: unknown): Catalogue {
  const cat = data as Catalogue;
  if (!cat || cat.version !== 1 || !Array.isArray(cat.models) || !Array.isArray(cat.allowedHosts)) {
    throw new CatalogueError("Catalogue must be { version: 1, allowedHosts: [...], models: [...] }.");
  }
  const ids = new Set<string>();
  for (const model of cat.models) {
    const where = `model "${model?.id}"`;
    if (!model?.id || ids.has(model.id)) throw new CatalogueError(`${where}: missing or duplicate id.`);
    ids.add(model.id);
    if (!model.licence?.id) throw new CatalogueError(`${where}: licence is required.`);
    for (const source of [model.source, ...model.variants.map((v) => v.source).filter((s) => s !== undefined)]) {
      if (source.pinned && !COMMIT_HEX.test(source.revision)) {
        throw new CatalogueError(`${where}: pinned source needs a full 40-hex commit, got "${source.revision}".`);
      }
    }
    if (!Array.isArray(model.variants) || model.variants.length === 0) throw new CatalogueError(`${where}: no variants.`);
    checkTokenizer(model, where);
    for (const variant of model.variants) {
      if (variant.files.length === 0) throw new CatalogueError(`${where}/${variant.id}: no files.`);
      if (variant.requires.shaderF16 && variant.precision !== "fp16") {
        throw new CatalogueError(`${where}/${variant.id}: only fp16 variants may require shader-f16.`);
      }
      for (const file of variant.files) checkFile(cat, model, variant, file);
    }
  }
  checkSafetyCompanions(cat);
  return cat;
}

const GENERATION_CAPABILITIES = new Set(["text2img", "img2img", "inpaint"]);

/** A published generation model names its bundled-tokenizer family; test fixtures (tiny text encoders) take token ids instead. */
function checkTokenizer(model: CatalogueModel, where: string): void {
  if (model.tokenizer !== undefined && !isClipTokenizerFamily(model.tokenizer)) {
    throw new CatalogueError(`${where}: unknown tokenizer "${model.tokenizer}" (known: ${CLIP_TOKENIZER_FAMILIES.join(", ")}).`);
  }
  const generates = model.capabilities.some((c) => GENERATION_CAPABILITIES.has(c));
  if (generates && model.source.host !== "test" && model.tokenizer === undefined) {
    throw new CatalogueError(`${where}: a generation model needs "tokenizer" (${CLIP_TOKENIZER_FAMILIES.join(" or ")}).`);
  }
}

function checkFile(cat: Catalogue, model: CatalogueModel, variant: ModelVariant, file: ModelFile): void {
  const where = `model "${model.id}"/${variant.id} file "${file.path}"`;
  let url: URL;
  try {
    url = new URL(file.url);
  } catch {
    throw new CatalogueError(`${where}: not a URL: ${file.url}`);
  }
  if (!cat.allowedHosts.includes(url.host)) {
    throw new CatalogueError(`${where}: host ${url.host} is not in allowedHosts (${cat.allowedHosts.join(", ")}).`);
  }
  if (file.sha256 !== null && !SHA256_HEX.test(file.sha256)) throw new CatalogueError(`${where}: sha256 must be 64 lower-case hex.`);
  if (file.hashPinned !== (file.sha256 !== null)) {
    throw new CatalogueError(`${where}: hashPinned must be true exactly when sha256 is given.`);
  }
  if (file.sizeExact && (file.size === null || !Number.isInteger(file.size) || file.size < 0)) {
    throw new CatalogueError(`${where}: sizeExact needs an integer size.`);
  }
  const source = variant.source ?? model.source;
  if (source.host === "huggingface.co") {
    if (!url.pathname.startsWith(`/${source.id}/resolve/`)) throw new CatalogueError(`${where}: URL is not in ${source.id}.`);
    if (source.pinned && !url.pathname.includes(`/resolve/${source.revision}/`)) {
      throw new CatalogueError(`${where}: URL is not pinned to ${source.revision}.`);
    }
  }
}

let productCatalogue: Catalogue | undefined;

/** The product's catalogue (src/engine/models/catalogue.json), validated once. */
export function getCatalogue(): Catalogue {
  productCatalogue ??= parseCatalogue(catalogueData);
  return productCatalogue;
}

export function findModel(catalogue: Catalogue, modelId: string): CatalogueModel {
  const model = catalogue.models.find((m) => m.id === modelId);
  if (!model) {
    throw new CatalogueError(`Unknown model "${modelId}". Known: ${catalogue.models.map((m) => m.id).join(", ")}.`);
  }
  return model;
}

export function findVariant(model: CatalogueModel, variantId: string): ModelVariant {
  const variant = model.variants.find((v) => v.id === variantId);
  if (!variant) {
    throw new CatalogueError(`Model "${model.id}" has no variant "${variantId}" (has ${model.variants.map((v) => v.id).join(", ")}).`);
  }
  return variant;
}

/** Every URL the catalogue may fetch: the downloader requests nothing outside this set. */
export function catalogueUrls(catalogue: Catalogue): Set<string> {
  const urls = new Set<string>();
  for (const m of catalogue.models) for (const v of m.variants) for (const f of v.files) urls.add(f.url);
  return urls;
}

export interface DownloadDescription {
  modelId: string;
  variantId: string;
  /** Sum of file sizes; exact only when every file's size is. */
  totalBytes: number;
  exact: boolean;
  /** Files whose sha256 is not pinned: they are trusted on first use. */
  trustOnFirstUse: string[];
  files: { path: string; url: string; size: number | null; sizeExact: boolean; hashPinned: boolean }[];
  licence: CatalogueModel["licence"];
}

/** What the UI shows before a download starts: total size, files, licence, hash status. */
export function describeDownload(model: CatalogueModel, variant: ModelVariant | string): DownloadDescription {
  const v = typeof variant === "string" ? findVariant(model, variant) : variant;
  let totalBytes = 0;
  let exact = true;
  for (const f of v.files) {
    totalBytes += f.size ?? 0;
    if (!f.sizeExact || f.size === null) exact = false;
  }
  return {
    modelId: model.id,
    variantId: v.id,
    totalBytes,
    exact,
    trustOnFirstUse: v.files.filter((f) => !f.hashPinned).map((f) => f.path),
    files: v.files.map((f) => ({ path: f.path, url: f.url, size: f.size, sizeExact: f.sizeExact, hashPinned: f.hashPinned })),
    licence: model.licence,
  };
}
