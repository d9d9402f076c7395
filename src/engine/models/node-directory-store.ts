/**
 * ModelStore on a local directory, for Node (CLI, tests). Layout per key (named by the sha256 of
 * the key, so URLs never become paths): `<id>.part` while downloading, `<id>.bin` + `<id>.json`
 * once verified. `quotaBytes` lets tests and the CLI cap the space the store may use.
 */
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { StoreQuotaError, type FileStamp, type ModelStore, type PartialFile, type StorageEstimate, type StoredFileMeta, type StoredLocation } from "./model-store";
import { sha256Hex } from "./sha256";

export interface NodeDirectoryStoreOptions {
  /** Largest total the store may hold (bytes); unlimited when absent. */
  quotaBytes?: number;
}

export class NodeDirectoryStore implements ModelStore {
  readonly kind = "directory";

  constructor(
    readonly dir: string,
    private readonly options: NodeDirectoryStoreOptions = {},
  ) {}

  private path(key: string, ext: "part" | "bin" | "json" | "etag" | "record"): string {
    return join(this.dir, `${sha256Hex(key).slice(0, 32)}.${ext}`);
  }

  async getMeta(key: string): Promise<StoredFileMeta | null> {
    try {
      const meta = JSON.parse(await readFile(this.path(key, "json"), "utf8")) as StoredFileMeta;
      const st = await stat(this.path(key, "bin"));
      // A meta whose bytes went missing or changed size is not a complete entry.
      return meta.key === key && st.size === meta.size ? meta : null;
    } catch {
      return null;
    }
  }

  async read(key: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(this.path(key, "bin")));
  }

  async *stream(key: string): AsyncIterable<Uint8Array> {
    for await (const chunk of createReadStream(this.path(key, "bin"))) yield new Uint8Array(chunk as Buffer);
  }

  async locate(key: string): Promise<StoredLocation> {
    const path = this.path(key, "bin");
    return { kind: "path", path, size: (await stat(path)).size };
  }

  async stamp(key: string): Promise<FileStamp | null> {
    try {
      const st = await stat(this.path(key, "bin"));
      return { size: st.size, modifiedMs: st.mtimeMs };
    } catch {
      return null;
    }
  }

  async writeMeta(key: string, meta: StoredFileMeta): Promise<void> {
    await writeFile(this.path(key, "json"), JSON.stringify(meta));
  }

  async putRecord(name: string, text: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.path(name, "record"), text);
  }

  async getRecord(name: string): Promise<string | null> {
    return readFile(this.path(name, "record"), "utf8").catch(() => null);
  }

  async openPartial(key: string): Promise<PartialFile> {
    await mkdir(this.dir, { recursive: true });
    const path = this.path(key, "part");
    const handle = await open(path, "a");
    let size = (await handle.stat()).size;
    let open_: FileHandle | null = handle;
    const quota = this.options.quotaBytes;
    // Usage read once per open, then tracked: a readdir per chunk would dominate multi-GB downloads.
    let used = quota === undefined ? 0 : await this.usage();
    const etagPath = this.path(key, "etag");
    let validator: string | null = size > 0 ? await readFile(etagPath, "utf8").catch(() => null) : null;
    return {
      get size() {
        return size;
      },
      get validator() {
        return validator;
      },
      async setValidator(value: string | null) {
        validator = value;
        if (value === null) await rm(etagPath, { force: true });
        else await writeFile(etagPath, value);
      },
      async append(chunk: Uint8Array) {
        if (!open_) throw new Error("partial file is closed");
        if (quota !== undefined && used + chunk.length > quota) throw new StoreQuotaError(chunk.length, quota - used);
        await open_.write(chunk);
        size += chunk.length;
        used += chunk.length;
      },
      async *read() {
        for await (const chunk of createReadStream(path)) yield new Uint8Array(chunk as Buffer);
      },
      async close() {
        if (open_) await open_.close();
        open_ = null;
      },
    };
  }

  async discardPartial(key: string): Promise<void> {
    await rm(this.path(key, "part"), { force: true });
    await rm(this.path(key, "etag"), { force: true });
  }

  async commit(key: string, meta: StoredFileMeta): Promise<void> {
    await rename(this.path(key, "part"), this.path(key, "bin"));
    await rm(this.path(key, "etag"), { force: true });
    // Meta last: an entry counts as complete only once its meta exists.
    await writeFile(this.path(key, "json"), JSON.stringify({ ...meta, stamp: (await this.stamp(key)) ?? undefined }));
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key, "json"), { force: true });
    await rm(this.path(key, "bin"), { force: true });
    await rm(this.path(key, "part"), { force: true });
    await rm(this.path(key, "etag"), { force: true });
  }

  async list(): Promise<StoredFileMeta[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const metas: StoredFileMeta[] = [];
    for (const name of names.filter((n) => n.endsWith(".json"))) {
      try {
        const meta = JSON.parse(await readFile(join(this.dir, name), "utf8")) as StoredFileMeta;
        if (await this.getMeta(meta.key)) metas.push(meta);
      } catch {
        // A half-written meta is not an entry.
      }
    }
    return metas;
  }

  async estimate(): Promise<StorageEstimate | null> {
    if (this.options.quotaBytes === undefined) return null;
    return { usage: await this.usage(), quota: this.options.quotaBytes };
  }

  async persist(): Promise<boolean> {
    return true; // a directory is not evicted
  }

  private async usage(): Promise<number> {
    let total = 0;
    try {
      for (const name of await readdir(this.dir)) total += (await stat(join(this.dir, name))).size;
    } catch {
      return 0;
    }
    return total;
  }
}
