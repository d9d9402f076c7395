/**
 * The removal model (MI-GAN) as Remove mode shows it: present or not in the model cache, its
 * download with progress and cancel, and which engine a Remove click uses — MI-GAN once it is
 * downloaded, the built-in exemplar fill (no download) until then.
 */
import type { RemovalEngineName } from "../../contract/worker-protocol";
import { deleteCachedModel, downloadModel, findModel, getCatalogue, openCachedModel, type Catalogue, type ModelStore } from "../../engine/models";

export const REMOVAL_MODEL_ID = "migan-512-places2";

export type RemovalModelStatus =
  | { state: "checking" }
  | { state: "absent" }
  | { state: "downloading"; fraction: number }
  | { state: "present" }
  /** Not in this catalogue (tests with a catalogue of their own): only the built-in fill. */
  | { state: "unavailable" };

export interface RemovalModelSnapshot {
  status: RemovalModelStatus;
  /** The engine Remove uses now. */
  engine: RemovalEngineName;
  displayName: string;
  downloadBytes: number;
  licence: string;
  /** The last download failure, in plain words. */
  error: string | null;
}

export class RemovalModel {
  private state: RemovalModelSnapshot;
  private readonly listeners = new Set<() => void>();
  private download: AbortController | null = null;

  constructor(
    private readonly store: ModelStore,
    private readonly catalogue: Catalogue = getCatalogue(),
  ) {
    const model = catalogue.models.find((m) => m.id === REMOVAL_MODEL_ID);
    const bytes = model ? model.variants[0].files.reduce((n, f) => n + (f.size ?? 0), 0) : 0;
    this.state = {
      status: model ? { state: "checking" } : { state: "unavailable" },
      engine: "built-in",
      displayName: model?.displayName ?? "MI-GAN",
      downloadBytes: bytes,
      licence: model?.licence.id ?? "",
      error: null,
    };
  }

  snapshot = (): RemovalModelSnapshot => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(status: RemovalModelStatus, error: string | null = this.state.error): void {
    this.state = { ...this.state, status, error, engine: status.state === "present" ? "migan" : "built-in" };
    for (const listener of this.listeners) listener();
  }

  /** Reads the model cache: is MI-GAN complete and verified there? */
  async refresh(): Promise<void> {
    if (this.state.status.state === "unavailable" || this.download) return;
    const model = findModel(this.catalogue, REMOVAL_MODEL_ID);
    const present = await openCachedModel(model, model.variants[0], this.store, this.catalogue).then(
      () => true,
      () => false,
    );
    this.set({ state: present ? "present" : "absent" });
  }

  /** Downloads (or resumes) MI-GAN through the verified downloader; resolves when done, cancelled or failed. */
  async startDownload(): Promise<void> {
    if (this.download || this.state.status.state !== "absent") return;
    const controller = new AbortController();
    this.download = controller;
    const model = findModel(this.catalogue, REMOVAL_MODEL_ID);
    this.set({ state: "downloading", fraction: 0 }, null);
    try {
      await downloadModel(model, model.variants[0], {
        store: this.store,
        catalogue: this.catalogue,
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === "model-progress" && event.totalBytes) this.set({ state: "downloading", fraction: event.loadedBytes / event.totalBytes });
        },
      });
      this.set({ state: "present" });
    } catch (error) {
      const cancelled = controller.signal.aborted;
      this.set({ state: "absent" }, cancelled ? null : `${model.displayName} could not be downloaded: ${(error as Error).message}`);
    } finally {
      this.download = null;
    }
  }

  cancelDownload(): void {
    this.download?.abort();
  }

  /** Deletes MI-GAN from the model cache (Remove goes back to the built-in fill). */
  async delete(): Promise<void> {
    if (this.state.status.state !== "present") return;
    const model = findModel(this.catalogue, REMOVAL_MODEL_ID);
    await deleteCachedModel(this.catalogue, this.store, model, model.variants[0], { force: true });
    this.set({ state: "absent" }, null);
  }
}
