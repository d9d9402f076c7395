/**
 * ModelStore on the browser's Origin Private File System. Why OPFS rather than Cache Storage:
 * a download must be appended to chunk by chunk and resumed after a reload, and Cache Storage
 * only stores whole Responses. Files are named by the sha256 of their key (URL + pinned hash):
 * `<id>.part` while downloading, `<id>.bin` + `<id>.json` once verified.
 *
 * Writes go through FileSystemWritableFileStream, whose data becomes visible only on close(), so
 * the partial file is checkpointed (closed and reopened) as it grows. Reopening with
 * keepExistingData can copy the whole file (the spec's swap file starts as a copy), so checkpoints are spaced
 * by the size already written (32 MiB, 64, 128, … up to every 512 MiB): a 3.4 GB file is copied
 * about 11 GB in total instead of ~180 GB with a fixed 32 MiB step, and a crash or reload loses at
 * most 512 MiB, fetched again by the resume.
 */
import type { FileStamp, ModelStore, PartialFile, StorageEstimate, StoredFileMeta, StoredLocation } from "./model-store";
import { StoreQuotaError } from "./model-store";
import { sha256Hex } from "./sha256";

const MIN_CHECKPOINT_BYTES = 32 * 1024 * 1024;
const MAX_CHECKPOINT_BYTES = 512 * 1024 * 1024;

export class OpfsModelStore implements ModelStore {
  readonly kind = "opfs";

  constructor(private readonly folderName = "local-generative-fill-models") {}

  private async dir(): Promise<FileSystemDirectoryHandle> {
    const root = await navigator.storage.getDirectory();
    return root.getDirectoryHandle(this.folderName, { create: true });
  }

  private name(key: string, ext: "part" | "bin" | "json" | "etag" | "record"): string {
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
    return new Uint8Array(await (await this.binFile(key)).arrayBuffer());
  }

  private async binFile(key: string): Promise<File> {
    const bin = await this.fileIfExists(this.name(key, "bin"));
    if (!bin) throw new Error(`OPFS store has no complete file for ${key}`);
    return bin;
  }

  async *stream(key: string): AsyncIterable<Uint8Array> {
    yield* readStream((await this.binFile(key)).stream());
  }

  /** The OPFS File itself: a Blob backed by disk, so an object URL of it never loads it into memory. */
  async locate(key: string): Promise<StoredLocation> {
    return { kind: "blob", blob: await this.binFile(key) };
  }

  async stamp(key: string): Promise<FileStamp | null> {
    const bin = await this.fileIfExists(this.name(key, "bin"));
    return bin ? { size: bin.size, modifiedMs: bin.lastModified } : null;
  }

  async writeMeta(key: string, meta: StoredFileMeta): Promise<void> {
    await this.writeText(this.name(key, "json"), JSON.stringify(meta));
  }

  async putRecord(name: string, text: string): Promise<void> {
    await this.writeText(this.name(name, "record"), text);
  }

  async getRecord(name: string): Promise<string | null> {
    return (await this.fileIfExists(this.name(name, "record")))?.text() ?? null;
  }

  private async writeText(name: string, text: string): Promise<void> {
    const handle = await (await this.dir()).getFileHandle(name, { create: true });
    const w = await handle.createWritable();
    await w.write(text);
    await w.close();
  }

  async openPartial(key: string): Promise<PartialFile> {
    const dir = await this.dir();
    const handle = await dir.getFileHandle(this.name(key, "part"), { create: true });
    let size = (await handle.getFile()).size;
    const etagName = this.name(key, "etag");
    let validator = size > 0 ? ((await (await this.fileIfExists(etagName))?.text()) ?? null) : null;
    const store = this;
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
      get validator() {
        return validator;
      },
      async setValidator(value: string | null) {
        validator = value;
        if (value === null) await dir.removeEntry(etagName).catch(() => undefined);
        else await store.writeText(etagName, value);
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
        if (sinceCheckpoint >= Math.min(MAX_CHECKPOINT_BYTES, Math.max(MIN_CHECKPOINT_BYTES, size - sinceCheckpoint))) await closeWritable();
      },
      async *read() {
        yield* readStream((await handle.getFile()).stream());
      },
      close: closeWritable,
    };
  }

  async discardPartial(key: string): Promise<void> {
    const dir = await this.dir();
    for (const ext of ["part", "etag"] as const) await dir.removeEntry(this.name(key, ext)).catch(() => undefined);
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
    await dir.removeEntry(this.name(key, "etag")).catch(() => undefined);
    await this.writeMeta(key, { ...meta, stamp: (await this.stamp(key)) ?? undefined });
  }

  async delete(key: string): Promise<void> {
    const dir = await this.dir();
    for (const ext of ["json", "bin", "part", "etag"] as const) await dir.removeEntry(this.name(key, ext)).catch(() => undefined);
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

async function* readStream(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}
