/**
 * "Models on this device" for the panel: which models are present (complete in the browser's
 * model cache), how big they are, downloads with progress and cancel, deletion, and what the
 * engine should load for a model. Downloads go through engine/models (resumable, verified, OPFS).
 *
 * A generation model's content filter (its catalogue `safetyClassifier`) is part of the model here:
 * its size is in the size shown before the download, it is downloaded with (before) the model, and
 * the model is "present" only when both are. Deleting a model keeps the filter (every model shares it).
 */
import type { ModelSource as EngineModelSource, ModelSpec, PreviewDecoderSpec, VariantSpec } from "../../contract/worker-protocol";
import {
  deleteCachedModel,
  describeDownload,
  downloadModel,
  listCachedModels,
  openCachedModel,
  verifyCachedModel,
  probeModel,
  type AdapterDescription,
  type CachedModel,
  type CatalogueModel,
  type CachedModelSummary,
  type ModelStore,
  type ModelVariant,
} from "../../engine/models";
import { safetyCompanionOf } from "../../engine/safety/safety-companion";
import { DownloadSpeed } from "./download-speed";
import type { ModelAvailability, PanelModel } from "./panel-models";
import { PreviewDecoderReader } from "./preview-decoder-reader";

export type ModelStatus =
  | { state: "absent"; downloadBytes: number }
  | { state: "partial"; bytesOnDisk: number; downloadBytes: number }
  | { state: "present"; bytesOnDisk: number }
  | { state: "downloading"; loadedBytes: number; totalBytes: number; etaSeconds: number | null }
  /** Cannot run on this device (the probe's reason), so it is not offered for download. */
  | { state: "unsupported"; message: string };

export interface ModelEntry {
  model: PanelModel;
  /** The variant this device would use (null when unsupported). */
  variant: ModelVariant | null;
  status: ModelStatus;
  /** The last download, delete or verify failure, in plain words. */
  error: string | null;
  /** "Verify" is hashing the model's files. */
  verifying: boolean;
  /** The last Verify's good news (its bad news is an error). */
  note: string | null;
}

const ROLE_TO_COMPONENT = {
  "text-encoder": "textEncoder",
  unet: "unet",
  "vae-encoder": "vaeEncoder",
  "vae-decoder": "vaeDecoder",
} as const;

export class ModelLibrary {
  private entries: ModelEntry[];
  private readonly listeners = new Set<() => void>();
  private readonly downloads = new Map<string, AbortController>();
  private readonly previewReader: PreviewDecoderReader;

  constructor(
    models: readonly PanelModel[],
    private readonly store: ModelStore,
    adapter: AdapterDescription,
    /** The measured download speed (confirmations say how long a download takes). */
    readonly speed = new DownloadSpeed(),
  ) {
    this.previewReader = new PreviewDecoderReader(store);
    this.entries = models.map((model) => {
      // The tiny test model runs anywhere; product models are probed against this device.
      const probe = probeModel(model.model, adapter);
      const variant = probe.ok ? probe.variant : null;
      const status: ModelStatus = probe.ok
        ? { state: "absent", downloadBytes: downloadParts(model, probe.variant).reduce((sum, part) => sum + part.bytes, 0) }
        : { state: "unsupported", message: probe.message };
      return { model, variant, status, error: null, verifying: false, note: null };
    });
  }

  /** For useSyncExternalStore: a new array whenever anything changes. */
  snapshot = (): readonly ModelEntry[] => this.entries;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  entry(id: string): ModelEntry | undefined {
    return this.entries.find((e) => e.model.id === id);
  }

  isPresent = (id: string): boolean => this.entry(id)?.status.state === "present";

  availability = (id: string): ModelAvailability => {
    const state = this.entry(id)?.status.state;
    return state === "present" ? "present" : state === undefined || state === "unsupported" ? "unsupported" : "downloadable";
  };

  private update(id: string, change: Partial<ModelEntry>): void {
    this.entries = this.entries.map((e) => (e.model.id === id ? { ...e, ...change } : e));
    for (const listener of this.listeners) listener();
  }

  /** Reads the cache and updates every model's status. */
  async refresh(): Promise<void> {
    const catalogues = [...new Set(this.entries.map((e) => e.model.catalogue))];
    const cached = (await Promise.all(catalogues.map((c) => listCachedModels(c, this.store)))).flat();
    for (const entry of this.entries) {
      if (!entry.variant || entry.status.state === "downloading") continue;
      this.update(entry.model.id, { status: statusOf(downloadParts(entry.model, entry.variant), cached) });
    }
  }

  /** Downloads (or resumes) a model; resolves when it is present, cancelled or failed. */
  async download(id: string): Promise<void> {
    const entry = this.entry(id);
    if (!entry?.variant || this.downloads.has(id)) return;
    const controller = new AbortController();
    this.downloads.set(id, controller);
    const parts = downloadParts(entry.model, entry.variant);
    const totalBytes = parts.reduce((sum, part) => sum + part.bytes, 0);
    this.update(id, { status: { state: "downloading", loadedBytes: 0, totalBytes, etaSeconds: null }, error: null });
    const started = Date.now();
    let failedPart: DownloadPart | null = null;
    try {
      // The content filter first (small, and the model cannot run without it), then the model.
      let offset = 0;
      for (const [index, part] of parts.entries()) {
        failedPart = part;
        const last = index === parts.length - 1;
        await downloadModel(part.model, part.variant, {
          store: this.store,
          catalogue: entry.model.catalogue,
          signal: controller.signal,
          onEvent: (event) => {
            if (event.type !== "model-progress") return;
            this.speed.observe(offset + event.loadedBytes, (Date.now() - started) / 1000);
            // The ETA of a part before the last would only cover that part: none is better than a wrong one.
            this.update(id, { status: { state: "downloading", loadedBytes: offset + event.loadedBytes, totalBytes, etaSeconds: last ? event.etaSeconds : null } });
          },
        });
        offset += part.bytes;
      }
    } catch (error) {
      if (!controller.signal.aborted) this.update(id, { error: downloadFailure(entry.model.displayName, failedPart?.model.id !== entry.model.model.id, error) });
    } finally {
      this.downloads.delete(id);
      this.update(id, { status: { state: "absent", downloadBytes: totalBytes } });
      await this.refresh().catch(() => undefined);
    }
  }

  /** Stops a download; the bytes already fetched stay, so a later download resumes. */
  cancelDownload(id: string): void {
    this.downloads.get(id)?.abort();
  }

  async delete(id: string): Promise<void> {
    const entry = this.entry(id);
    if (!entry?.variant) return;
    try {
      await deleteCachedModel(entry.model.catalogue, this.store, entry.model.model, entry.variant);
      this.update(id, { error: null });
    } catch (error) {
      this.update(id, { error: `${entry.model.displayName} could not be deleted (${(error as Error).message}). Reload the panel and try again.` });
    }
    await this.refresh();
  }

  /**
   * Hashes every stored file of the model (and its content filter) again against the sha256 it
   * was verified with. Damaged files are removed, so Download fetches exactly those again.
   */
  async verify(id: string): Promise<void> {
    const entry = this.entry(id);
    if (!entry?.variant || entry.verifying || this.downloads.has(id)) return;
    const name = entry.model.displayName;
    this.update(id, { verifying: true, error: null, note: null });
    let change: Partial<ModelEntry> = {};
    try {
      let checked = 0;
      const failed: string[] = [];
      for (const part of downloadParts(entry.model, entry.variant)) {
        const result = await verifyCachedModel(part.variant, this.store);
        checked += result.checked;
        failed.push(...result.failed);
      }
      change = failed.length
        ? { error: `${name}: ${failed.length === 1 ? "1 file was" : `${failed.length} files were`} damaged (${failed.join(", ")}) and removed. Press Download to fetch ${failed.length === 1 ? "it" : "them"} again.` }
        : { note: `${name}: all ${checked} files match their recorded sha256.` };
    } catch (error) {
      change = { error: `${name} could not be verified (${(error as Error).message}). Reload the panel and try again.` };
    } finally {
      this.update(id, { ...change, verifying: false });
      await this.refresh().catch(() => undefined);
    }
  }

  /** The downloaded preview decoder (TAESD), if any: present means real previews and the Fast finish. */
  previewDecoderEntry(): ModelEntry | undefined {
    return this.entries.find((e) => e.model.previewDecoder && e.status.state === "present");
  }

  /** The preview decoder's graph for the engine's load (read from the cache once), or undefined. */
  previewDecoderSpec(): Promise<PreviewDecoderSpec | undefined> {
    return this.previewReader.spec(this.previewDecoderEntry());
  }

  /**
   * What the engine loads. Product models stay in the cache for the engine worker to open itself
   * (with their content filter, which the worker loads beside them); development models are read
   * here and handed over as bytes (they have no filter, and their results say "not screened").
   */
  async engineSource(id: string): Promise<EngineModelSource> {
    const entry = this.entry(id);
    if (!entry?.variant) throw new Error(`Model "${id}" cannot run on this device.`);
    if (!entry.model.devOnly) return { kind: "catalogue", modelId: id };
    const cached = await openCachedModel(entry.model.model, entry.variant, this.store, entry.model.catalogue);
    return { kind: "spec", spec: await specFromCache(entry.model, entry.variant, cached) };
  }
}

async function specFromCache(model: PanelModel, variant: ModelVariant, cached: CachedModel): Promise<ModelSpec> {
  const files: VariantSpec["files"] = {};
  for (const file of cached.files) {
    const component = ROLE_TO_COMPONENT[file.role as keyof typeof ROLE_TO_COMPONENT];
    if (component) files[component] = { bytes: await file.read() };
  }
  return {
    id: model.id,
    displayName: model.displayName,
    schedulerConfig: model.model.recommended?.schedulerConfig ?? {},
    vaeScalingFactor: model.model.vaeScalingFactor,
    variants: [{ id: variant.id, precision: variant.precision === "fp16" ? "fp16" : "fp32", files }],
  };
}

interface DownloadPart {
  model: CatalogueModel;
  variant: ModelVariant;
  /** Size of the part's files (the catalogue's figures). */
  bytes: number;
}

/** What "download this model" fetches: its content filter (when it has one), then the model. */
function downloadParts(model: PanelModel, variant: ModelVariant): DownloadPart[] {
  const companion = safetyCompanionOf(model.catalogue, model.model);
  const parts = companion ? [{ model: companion.model, variant: companion.variant }] : [];
  parts.push({ model: model.model, variant });
  return parts.map((part) => ({ ...part, bytes: describeDownload(part.model, part.variant).totalBytes }));
}

/** Present only when every part is complete; absent when nothing of the model itself is stored. */
function statusOf(parts: DownloadPart[], cached: CachedModelSummary[]): ModelStatus {
  const summaries = parts.map((part) => cached.find((s) => s.modelId === part.model.id && s.variantId === part.variant.id));
  const bytesOnDisk = summaries.reduce((sum, s) => sum + (s?.bytesOnDisk ?? 0), 0);
  const totalBytes = parts.reduce((sum, part) => sum + part.bytes, 0);
  if (summaries.every((s) => s?.complete)) return { state: "present", bytesOnDisk };
  if (!summaries.at(-1)) {
    // The model itself is not stored: the download is what is still missing (a filter already here is not fetched again).
    const missing = parts.filter((_, i) => !summaries[i]?.complete).reduce((sum, part) => sum + part.bytes, 0);
    return { state: "absent", downloadBytes: missing };
  }
  return { state: "partial", bytesOnDisk, downloadBytes: totalBytes };
}

/**
 * A failed download in the panel's 320 px: which part failed (the model, or the content filter that
 * comes with it), file names instead of long URLs, and the next step.
 */
export function downloadFailure(name: string, filterPart: boolean, error: unknown): string {
  const what = filterPart ? `the content filter that comes with ${name}` : name;
  const resume = "What was downloaded is kept: press Download to resume.";
  const errorName = (error as { name?: string } | null)?.name;
  const url = (error as { url?: unknown } | null)?.url;
  if (errorName === "NetworkError") {
    const file = typeof url === "string" ? ` (${shortFileName(url)})` : "";
    return `${name} did not finish downloading: the connection failed while fetching ${what}${file}. Check that this device is online, then press Download to resume; what was downloaded is kept.`;
  }
  const message = (error instanceof Error ? error.message : String(error)).replace(/https?:\/\/\S+?(?=[\s),;]|\.?(\s|$))/g, (u) => shortFileName(u));
  return `${name} did not finish downloading${filterPart ? ` (${what})` : ""}: ${message} ${resume}`;
}

/** "…/resolve/abc123/unet/model.onnx" → "unet/model.onnx": the part of a URL that names the file. */
function shortFileName(url: string): string {
  try {
    const parts = new URL(url).pathname.split("/").filter(Boolean);
    return parts.slice(-2).join("/") || url;
  } catch {
    return url;
  }
}
