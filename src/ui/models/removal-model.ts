/**
 * The removal model (MI-GAN) as Remove mode shows it: a view over its row in the Models list
 * (ModelLibrary), so the Remove section and the list are one state — a download started in either
 * shows in both, a delete in either switches Remove back to the built-in fill. Remove uses MI-GAN
 * once it is complete in the model cache, the built-in exemplar fill (no download) until then.
 */
import type { RemovalEngineName } from "../../contract/worker-protocol";
import type { ModelEntry, ModelLibrary } from "./model-library";

export const REMOVAL_MODEL_ID = "migan-512-places2";

export type RemovalModelStatus =
  | { state: "absent" }
  | { state: "downloading"; fraction: number }
  | { state: "present" }
  /** Not in this catalogue (tests with a catalogue of their own) or cannot run here: only the built-in fill. */
  | { state: "unavailable" };

export interface RemovalModelSnapshot {
  status: RemovalModelStatus;
  /** The engine Remove uses now. */
  engine: RemovalEngineName;
  displayName: string;
  /** What a Download fetches (what is still missing after a cancelled one). */
  downloadBytes: number;
  licence: string;
  /** The last download or delete failure, in plain words (the Models list's sentence). */
  error: string | null;
}

export function removalSnapshot(entry: ModelEntry | undefined): RemovalModelSnapshot {
  const status = statusOf(entry);
  const s = entry?.status;
  const downloadBytes = s?.state === "absent" || s?.state === "partial" ? s.downloadBytes - (s.state === "partial" ? s.bytesOnDisk : 0) : s?.state === "downloading" ? s.totalBytes : 0;
  return {
    status,
    engine: status.state === "present" ? "migan" : "built-in",
    displayName: entry?.model.displayName ?? "MI-GAN",
    downloadBytes,
    licence: entry?.model.model.licence.id ?? "",
    error: entry?.error ?? null,
  };
}

function statusOf(entry: ModelEntry | undefined): RemovalModelStatus {
  switch (entry?.status.state) {
    case "present":
      return { state: "present" };
    case "downloading":
      return { state: "downloading", fraction: entry.status.totalBytes > 0 ? entry.status.loadedBytes / entry.status.totalBytes : 0 };
    case "absent":
    case "partial":
      return { state: "absent" };
    default:
      return { state: "unavailable" };
  }
}

export class RemovalModel {
  private state: RemovalModelSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(readonly library: ModelLibrary) {
    this.state = removalSnapshot(library.entry(REMOVAL_MODEL_ID));
    library.subscribe(() => {
      const next = removalSnapshot(library.entry(REMOVAL_MODEL_ID));
      if (JSON.stringify(next) === JSON.stringify(this.state)) return;
      this.state = next;
      for (const listener of this.listeners) listener();
    });
  }

  snapshot = (): RemovalModelSnapshot => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Reads the model cache again (the Models list's refresh). */
  refresh(): Promise<void> {
    return this.library.refresh();
  }

  /** Downloads (or resumes) MI-GAN through the Models list; resolves when done, cancelled or failed. */
  startDownload(): Promise<void> {
    return this.library.download(REMOVAL_MODEL_ID);
  }

  cancelDownload(): void {
    this.library.cancelDownload(REMOVAL_MODEL_ID);
  }

  /** Deletes MI-GAN from the model cache (Remove goes back to the built-in fill). */
  delete(): Promise<void> {
    return this.library.delete(REMOVAL_MODEL_ID);
  }
}
