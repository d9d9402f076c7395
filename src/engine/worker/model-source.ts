/**
 * A protocol ModelSource → what the worker loads from: per-variant files it can read lazily
 * (nothing is read until a component is needed), memory figures for the execution plan, the
 * scheduler config and the tokenizer. Catalogue models come from the browser's model cache
 * (OPFS, filled by src/engine/models' downloader); ModelSpecs name URLs or carry bytes.
 */
import type { ComponentName, FileRef, MemoryFigures, ModelSource, ModelSpec, Precision, SafetyClassifierSpec } from "../../contract/worker-protocol";
import type { SchedulerConfig } from "../../core/scheduler";
import { estimateMemoryFromWeights, type PlannableVariant } from "../browser/execution-plan";
import { ModelLoadError } from "../errors";
import type { Catalogue, CatalogueModel, FileRole, ModelVariant } from "../models/catalogue-types";
import { getCatalogue, findModel } from "../models/catalogue";
import type { CachedModel } from "../models/model-downloader";
import type { ModelStore, StoredLocation } from "../models/model-store";
import { openCachedModel } from "../models";
import type { GraphSource } from "../runtime/backend";
import { safetyCompanionOf } from "../safety/safety-companion";
import type { PromptTokenizer } from "../tokenizer-port";
import { ClipTokenizer, loadBundledClipTokenizer } from "../tokenizer";
import { modelGraphPath } from "../model-layout";
import { findVariantContract } from "../models/contracts";
import type { VariantContract } from "../models/contract-types";

export interface ResolvedFile {
  /** What error messages call it ("unet/model.onnx"). */
  name: string;
  size: number | null;
  /** The whole file in memory (small files). */
  read(): Promise<Uint8Array>;
  /** Where a cached file lies (path or disk-backed Blob), so big files reach ONNX Runtime unread. */
  locate?(): Promise<StoredLocation>;
  /** ONNX external weights stored beside the graph. */
  externalData?: { path: string; file: ResolvedFile }[];
}

export interface ResolvedVariant extends PlannableVariant {
  files: Partial<Record<ComponentName, ResolvedFile>>;
  /** Catalogue variants: what each graph must look like (models/contracts.ts), checked at load. */
  contract?: VariantContract;
  /** "LCM Dreamshaper v7 fp16": how errors name the variant. */
  label?: string;
}

export interface ResolvedModel {
  id: string;
  displayName: string;
  schedulerConfig: SchedulerConfig;
  vaeScalingFactor?: number;
  loadTokenizer: (() => Promise<PromptTokenizer>) | null;
  variants: ResolvedVariant[];
  /** The content filter every result must pass; null only for test/development models without one. */
  safety: ResolvedSafety | null;
}

/** The image classifier that screens results, read lazily like the model's own files. */
export interface ResolvedSafety {
  displayName: string;
  classifier: ResolvedFile;
  config: ResolvedFile;
  preprocessorConfig: ResolvedFile;
  thresholds: Record<string, number>;
  /** Wasm heap it needs (it runs on the CPU path beside the model), for the memory plan. */
  wasmHeapBytes: number;
}

export interface ModelSourceContext {
  /** Where catalogue models are cached (OPFS in the browser). */
  store?: ModelStore;
  catalogue?: Catalogue;
  fetch?: typeof fetch;
}

export async function resolveModelSource(source: ModelSource, context: ModelSourceContext = {}): Promise<ResolvedModel> {
  return source.kind === "spec" ? resolveSpec(source.spec, context.fetch ?? fetch) : resolveCatalogueModel(source.modelId, context);
}

/** Graphs up to this size are handed over as bytes; larger ones by path / object URL. */
const GRAPH_BYTES_LIMIT = 256 * 1024 * 1024;

/**
 * A resolved file → the engine's ModelSource. Cached files are not read here: external data (and
 * any graph over 256 MiB) go to ONNX Runtime as a path (Node) or an object URL of the OPFS file
 * (browser), which it reads itself, so no JavaScript buffer of a multi-GB file is made here.
 * Call `release()` once the session exists (it revokes the object URLs).
 */
export async function readModelFile(file: ResolvedFile): Promise<GraphSource> {
  const urls: string[] = [];
  const reference = async (f: ResolvedFile): Promise<{ data: string; size: number } | null> => {
    if (!f.locate) return null;
    const where = await f.locate();
    if (where.kind === "path") return { data: where.path, size: where.size };
    const url = URL.createObjectURL(where.blob);
    urls.push(url);
    return { data: url, size: where.blob.size };
  };
  const release = () => urls.splice(0).forEach((u) => URL.revokeObjectURL(u));
  try {
    const big = file.locate && (file.size === null || file.size > GRAPH_BYTES_LIMIT);
    const graph = big ? await reference(file) : null;
    const externalData = file.externalData
      ? await Promise.all(file.externalData.map(async (e) => ({ path: e.path, ...((await reference(e.file)) ?? { data: await e.file.read() }) })))
      : undefined;
    return { name: file.name, ...(graph ? { url: graph.data } : { bytes: await file.read() }), externalData, release };
  } catch (error) {
    release();
    throw error;
  }
}

async function resolveSpec(spec: ModelSpec, fetchImpl: typeof fetch): Promise<ResolvedModel> {
  const variants: ResolvedVariant[] = [];
  for (const v of spec.variants) {
    const files: Partial<Record<ComponentName, ResolvedFile>> = {};
    for (const [component, ref] of Object.entries(v.files) as [ComponentName, FileRef][]) {
      files[component] = await fileFromRef(modelGraphPath(component), ref, fetchImpl);
    }
    const memory = v.memory ?? estimateFromFiles(files, v.precision);
    variants.push({ id: v.id, precision: v.precision, memory, minMaxBufferSize: v.minMaxBufferSize, cpuPossible: v.cpuPossible, files });
  }
  const tokenizer = spec.tokenizer;
  const safety = spec.safetyClassifier ? await resolveSpecSafety(spec.safetyClassifier, fetchImpl) : null;
  return {
    id: spec.id,
    displayName: spec.displayName ?? spec.id,
    schedulerConfig: spec.schedulerConfig as SchedulerConfig,
    vaeScalingFactor: spec.vaeScalingFactor,
    loadTokenizer: tokenizer
      ? async () => {
          const [vocab, merges] = await Promise.all([
            fileFromRef("tokenizer/vocab.json", tokenizer.vocab, fetchImpl).then(readText),
            fileFromRef("tokenizer/merges.txt", tokenizer.merges, fetchImpl).then(readText),
          ]);
          return ClipTokenizer.fromFiles({ vocab, merges });
        }
      : null,
    variants,
    safety,
  };
}

async function resolveSpecSafety(spec: SafetyClassifierSpec, fetchImpl: typeof fetch): Promise<ResolvedSafety> {
  const classifier = await fileFromRef("safety/model.onnx", spec.model, fetchImpl);
  return {
    displayName: spec.displayName ?? "image content classifier",
    classifier,
    config: await fileFromRef("safety/config.json", spec.config, fetchImpl),
    preprocessorConfig: await fileFromRef("safety/preprocessor_config.json", spec.preprocessorConfig, fetchImpl),
    thresholds: spec.thresholds,
    // Weights plus activations: the catalogue's int8 ViT needs about 4.5x its file size.
    wasmHeapBytes: (classifier.size ?? 0) * 4.5,
  };
}

/** Catalogue file role → engine component (a catalogue UNet's channel count is read at load). */
const ROLE_COMPONENTS: Partial<Record<FileRole, ComponentName>> = {
  "text-encoder": "textEncoder",
  unet: "unet",
  "vae-encoder": "vaeEncoder",
  "vae-decoder": "vaeDecoder",
};
const DATA_ROLES: Partial<Record<FileRole, FileRole>> = { "unet-data": "unet", "vae-decoder-data": "vae-decoder" };

async function resolveCatalogueModel(modelId: string, context: ModelSourceContext): Promise<ResolvedModel> {
  const catalogue = context.catalogue ?? getCatalogue();
  const model = findModel(catalogue, modelId);
  const store = context.store ?? (await defaultStore());
  const variants = model.variants.filter((v) => v.precision !== "int8").map((v) => catalogueVariant(model, v, store, catalogue));
  const config = model.recommended?.schedulerConfig;
  if (!config) throw new ModelLoadError(`${model.id} scheduler config`, new Error("the catalogue gives no recommended scheduler config for this model"));
  return {
    id: model.id,
    displayName: model.displayName,
    schedulerConfig: config as SchedulerConfig,
    vaeScalingFactor: model.vaeScalingFactor,
    // The add-on ships the tokenizer: nothing of the model's repository is read for it.
    loadTokenizer: model.tokenizer ? () => loadBundledClipTokenizer(model.tokenizer!) : null,
    variants,
    safety: catalogueSafety(model, store, catalogue),
  };
}

/** The catalogue's content filter for `model`, read from the store only when it loads. */
function catalogueSafety(model: CatalogueModel, store: ModelStore, catalogue: Catalogue): ResolvedSafety | null {
  const companion = safetyCompanionOf(catalogue, model);
  if (!companion) return null;
  let cached: Promise<CachedModel> | null = null;
  const open = () => (cached ??= openCachedModel(companion.model, companion.variant, store, catalogue));
  const file = (role: FileRole): ResolvedFile => {
    const entry = companion.variant.files.find((f) => f.role === role);
    if (!entry) throw new ModelLoadError(`${companion.model.id} ${role}`, new Error(`the catalogue gives the content filter no "${role}" file`));
    return { name: entry.path, size: entry.size, read: async () => (await open()).file(role).read() };
  };
  return {
    displayName: companion.model.displayName,
    classifier: file("classifier"),
    config: file("classifier-config"),
    preprocessorConfig: file("preprocessor-config"),
    thresholds: companion.thresholds,
    wasmHeapBytes: companion.variant.memory.wasmHeapBytes,
  };
}

function catalogueVariant(model: CatalogueModel, v: ModelVariant, store: ModelStore, catalogue: Catalogue): ResolvedVariant {
  let cached: Promise<CachedModel> | null = null;
  const open = () => (cached ??= openCachedModel(model, v, store, catalogue));
  const lazy = (role: FileRole, path: string, size: number | null): ResolvedFile => ({
    name: path,
    size,
    read: async () => (await open()).file(role).read(),
    locate: async () => (await open()).file(role).locate(),
  });
  const files: Partial<Record<ComponentName, ResolvedFile>> = {};
  for (const f of v.files) {
    const component = ROLE_COMPONENTS[f.role];
    if (component) files[component] = lazy(f.role, f.path, f.size);
  }
  for (const f of v.files) {
    const owner = DATA_ROLES[f.role];
    const component = owner ? ROLE_COMPONENTS[owner] : undefined;
    const target = component ? files[component] : undefined;
    if (target) (target.externalData ??= []).push({ path: f.externalDataPath ?? f.path.split("/").pop()!, file: lazy(f.role, f.path, f.size) });
  }
  return {
    id: v.id,
    precision: v.precision === "fp16" ? "fp16" : "fp32",
    memory: v.memory,
    minMaxBufferSize: v.requires.minMaxBufferSize,
    cpuPossible: v.cpu.possible,
    files,
    contract: findVariantContract(model.id, v.id),
    label: `${model.displayName} ${v.id}`,
  };
}

async function defaultStore(): Promise<ModelStore> {
  const { OpfsModelStore } = await import("../models/opfs-store");
  return new OpfsModelStore();
}

async function fileFromRef(name: string, ref: FileRef, fetchImpl: typeof fetch): Promise<ResolvedFile> {
  if ("bytes" in ref) {
    const bytes = ref.bytes;
    return { name, size: bytes.byteLength, read: async () => bytes };
  }
  const url = ref.url;
  let size: number | null = null;
  try {
    const head = await fetchImpl(url, { method: "HEAD" });
    const length = head.ok ? Number(head.headers.get("content-length")) : NaN;
    if (Number.isFinite(length) && length > 0) size = length;
  } catch {
    // Unknown size: the memory estimate then relies on the spec's figures only.
  }
  return {
    name,
    size,
    read: async () => {
      let response: Response;
      try {
        response = await fetchImpl(url);
      } catch (error) {
        throw new ModelLoadError(name, new Error(`could not fetch ${url}: ${error instanceof Error ? error.message : String(error)}`));
      }
      if (!response.ok) throw new ModelLoadError(name, new Error(`${url} answered HTTP ${response.status}`));
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}

function estimateFromFiles(files: Partial<Record<ComponentName, ResolvedFile>>, precision: Precision): MemoryFigures {
  let total = 0;
  for (const file of Object.values(files)) {
    total += file?.size ?? 0;
    for (const e of file?.externalData ?? []) total += e.file.size ?? 0;
  }
  return estimateMemoryFromWeights(total, precision);
}

async function readText(file: ResolvedFile): Promise<string> {
  return decodeText(await file.read());
}

function decodeText(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
