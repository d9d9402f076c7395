/**
 * The downloaded preview decoder (TAESD) as the engine's load takes it: its decoder graph's bytes
 * (about 5 MB), read from the model cache once and kept, since every Generate asks for it.
 */
import type { PreviewDecoderSpec } from "../../contract/worker-protocol";
import { openCachedModel, type ModelStore } from "../../engine/models";
import type { ModelEntry } from "./model-library";

export class PreviewDecoderReader {
  private read: { id: string; bytes: Promise<Uint8Array> } | null = null;

  constructor(private readonly store: ModelStore) {}

  /** The spec for a present preview-decoder entry; undefined without one. */
  spec(entry: ModelEntry | undefined): Promise<PreviewDecoderSpec | undefined> {
    const variant = entry?.variant;
    if (!entry || !variant) return Promise.resolve(undefined);
    if (this.read?.id !== entry.model.id) {
      const bytes = openCachedModel(entry.model.model, variant, this.store, entry.model.catalogue).then((cached) => cached.file("vae-decoder").read());
      this.read = { id: entry.model.id, bytes };
      bytes.catch(() => (this.read = null)); // a failed read is tried again next time
    }
    // TAESD reads the pipeline's latents as they are (its scale factor is 1) and outputs [-1, 1]:
    // the spec's defaults. A copy, because the load transfers its buffers to the worker.
    return this.read.bytes.then((bytes) => ({ file: { bytes: bytes.slice() } }));
  }
}
