/**
 * ModelStore on the browser's Origin Private File System. Why OPFS rather than Cache Storage:
 * a download must be appended to chunk by chunk and resumed after a reload, and Cache Storage
 * only stores whole Responses. Files are named by the sha256 of their key (URL + pinned hash):
 * `<id>.part` while downloading, `<id>.bin` + `<id>.json` once verified.
 *
 * Writes go through FileSystemWritableFileStream, whose data becomes visible only on close(), so
 * the partial file is checkpointed every CHECKPOINT_BYTES: after a crash or reload at most that
 * much is fetched again.
 */
import type { ModelStore, PartialFile, StorageEstimate, StoredFileMeta } from "./model-store";
import { StoreQuotaError } from "./model-store";
import { sha256Hex } from "./sha256";

const CHECKPOINT_BYTES = 32 * 1024 * 1024;

export class OpfsModelStore implements ModelStore {
  readonly kind = "opfs";

  constructor(private readonly folderName = "local-generative-fill-models") {}

  private async dir(): Promise<FileSystemDirectoryHandle> {
    const root = await navigator.storage.getDirectory();
    return root.getDirectoryHandle(this.folderName, { create: true });
  }

  private name(key: string, ext: "part" | "bin" | "json"): string {
    return `${sha256Hex(key).slice(0, 32)}.${ext}`;
  }

  private async fileIfExists(name: string): Promise<File | null> {
    try {
      const handle = await (await this.dir()).getFileHandle(name);
      return await handle.getFile();
    } catch {
      return null;
    }
  }

  async getMeta(key: string): Promise<StoredFileMeta | null> {
    const metaFile = await this.fileIfExists(this.name(key, "json"));
    const bin = await this.fileIfExists(this.name(key, "bin"));
    if (!metaFile || !bin) return null;
    try {
      const meta = JSON.parse(await metaFile.text()) as StoredFileMeta;
      return meta.key === key && meta.size === bin.size ? meta : null;
    } catch {
      return null;
    }
  }

  async read(key: string): Promise<Uint8Array> {
    const bin = await this.fileIfExists(this.name(key, "bin"));
    if (!bin) throw new Error(`OPFS store has no complete file for ${key}`);
    return new Uint8Array(await bin.arrayBuffer());
  }

  async openPartial(key: string): Promise<PartialFile> {
    const dir = await this.dir();
    const handle = await dir.getFileHandle(this.name(key, "part"), { create: true });
    let size = (await handle.getFile()).size;
    let writable: FileSystemWritableFileStream | null = null;
    let sinceCheckpoint = 0;
    const openWritable = async () => {
      writable = await handle.createWritable({ keepExistingData: true });
      await writable.seek(size);
    };
    const closeWritable = async () => {
      if (writable) await writable.close();
      writable = null;
      sinceCheckpoint = 0;
    };
    return {
      get size() {
        return size;
      },
      async append(chunk: Uint8Array) {
        if (!writable) await openWritable();
        try {
          await writable!.write(chunk as Uint8Array<ArrayBuffer>);
        } catch (error) {
          if (error instanceof DOMException && error.name === "QuotaExceededError") {
            const estimate = await navigator.storage.estimate();
            throw new StoreQuotaError(chunk.length, (estimate.quota ?? 0) - (estimate.usage ?? 0));
          }
          throw error;
        }
        size += chunk.length;
        sinceCheckpoint += chunk.length;
        if (sinceCheckpoint >= CHECKPOINT_BYTES) await closeWritable();
      },
      async *read() {
        const file = await handle.getFile();
        const reader = file.stream().getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      },
      close: closeWritable,
    };
  }

  async discardPartial(key: string): Promise<void> {
    await (await this.dir()).removeEntry(this.name(key, "part")).catch(() => undefined);
  }

  async commit(key: string, meta: StoredFileMeta): Promise<void> {
    const dir = await this.dir();
    const part = await dir.getFileHandle(this.name(key, "part"));
    // FileSystemHandle.move is Chromium's rename; without it, copy through a stream.
    const movable = part as FileSystemFileHandle & { move?: (name: string) => Promise<void> };
    if (typeof movable.move === "function") {
      await movable.move(this.name(key, "bin"));
    } else {
      const target = await dir.getFileHandle(this.name(key, "bin"), { create: true });
      const w = await target.createWritable();
      await (await part.getFile()).stream().pipeTo(w);
      await dir.removeEntry(this.name(key, "part"));
    }
    const metaHandle = await dir.getFileHandle(this.name(key, "json"), { create: true });
    const w = await metaHandle.createWritable();
    await w.write(JSON.stringify(meta));
    await w.close();
  }

  async delete(key: string): Promise<void> {
    const dir = await this.dir();
    for (const ext of ["json", "bin", "part"] as const) await dir.removeEntry(this.name(key, ext)).catch(() => undefined);
  }

  async list(): Promise<StoredFileMeta[]> {
    const dir = await this.dir();
    const metas: StoredFileMeta[] = [];
    // entries() is async-iterable in Chromium; typed loosely because lib.dom lags behind.
    for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
      if (!name.endsWith(".json") || handle.kind !== "file") continue;
      try {
        const meta = JSON.parse(await (await (handle as FileSystemFileHandle).getFile()).text()) as StoredFileMeta;
        if (await this.getMeta(meta.key)) metas.push(meta);
      } catch {
        // Half-written meta: not an entry.
      }
    }
    return metas;
  }

  async estimate(): Promise<StorageEstimate | null> {
    if (!navigator.storage?.estimate) return null;
    const e = await navigator.storage.estimate();
    return e.quota === undefined ? null : { usage: e.usage ?? 0, quota: e.quota };
  }

  async persist(): Promise<boolean> {
    if (!navigator.storage?.persist) return false;
    return (await navigator.storage.persisted?.()) || navigator.storage.persist();
  }
}
