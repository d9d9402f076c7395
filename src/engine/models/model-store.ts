/**
 * Where verified model files live between sessions. Two implementations: OPFS in the browser
 * (opfs-store.ts) and a directory in Node (node-directory-store.ts, for the CLI and tests).
 *
 * A file is stored under a key made of its URL and its expected sha256 ("tofu" when the catalogue
 * does not pin one), so a catalogue update that changes either never reuses stale bytes. Bytes
 * arrive in a *partial* file that only `commit` turns into a complete entry, after verification:
 * a complete entry is always a verified file.
 */

export interface StoredFileMeta {
  key: string;
  url: string;
  /** The sha256 the bytes have (verified against the catalogue, or recorded on first use). */
  sha256: string;
  size: number;
  /** True when the catalogue pinned the hash; false for trust-on-first-use entries. */
  hashPinned: boolean;
  storedAt: string;
  /**
   * What the bytes were checked against: the catalogue's pin, the Hub's file listing for the
   * revision, or nothing (recorded on first use). Absent in entries written before listings.
   */
  verifiedBy?: "catalogue" | "listing" | "first-use";
  /** Git blob id from the listing (non-LFS files: the Hub gives no sha256 for them). */
  gitOid?: string;
  /** Size and modification time of the stored bytes when they were last hashed: a change means re-hash. */
  stamp?: FileStamp;
}

export interface FileStamp {
  size: number;
  modifiedMs: number;
}

/** Where a complete entry's bytes are, for loaders that read them themselves (never one big buffer). */
export type StoredLocation = { kind: "path"; path: string; size: number } | { kind: "blob"; blob: Blob };

export interface StorageEstimate {
  usage: number;
  quota: number;
}

/** An in-progress download, appended to as chunks arrive. */
export interface PartialFile {
  /** Bytes already stored (where a Range request resumes). */
  readonly size: number;
  /** The ETag (or Last-Modified) of the response the bytes came from, sent as If-Range on resume. */
  readonly validator: string | null;
  setValidator(value: string | null): Promise<void>;
  append(chunk: Uint8Array): Promise<void>;
  /** Streams the stored bytes back (to rebuild the hash state after a restart). */
  read(): AsyncIterable<Uint8Array>;
  /** Makes appended bytes durable and releases the handle; size stays readable. */
  close(): Promise<void>;
}

export interface ModelStore {
  /** "opfs", "directory", … for messages. */
  readonly kind: string;
  /** Meta of a complete, verified entry, or null. */
  getMeta(key: string): Promise<StoredFileMeta | null>;
  /** The bytes of a complete entry (small files only: configs, tokenizers). */
  read(key: string): Promise<Uint8Array>;
  /** Streams a complete entry's bytes (re-hashing without holding the file). */
  stream(key: string): AsyncIterable<Uint8Array>;
  /** Path or Blob of a complete entry, for ONNX Runtime to read itself. */
  locate(key: string): Promise<StoredLocation>;
  /** Current size and modification time of a complete entry's bytes, or null when they are gone. */
  stamp(key: string): Promise<FileStamp | null>;
  /** Rewrites a complete entry's meta (after a re-check). */
  writeMeta(key: string, meta: StoredFileMeta): Promise<void>;
  /** Small named records kept with the models (the Hub listings files were verified against). */
  putRecord(name: string, text: string): Promise<void>;
  getRecord(name: string): Promise<string | null>;
  /** Opens (creating if needed) the partial file for a key; its size is the resume offset. */
  openPartial(key: string): Promise<PartialFile>;
  /** Drops partial bytes (corrupt or restarted download). */
  discardPartial(key: string): Promise<void>;
  /** Turns the partial file into a complete entry with this meta. */
  commit(key: string, meta: StoredFileMeta): Promise<void>;
  /** Deletes a complete entry and any partial bytes. */
  delete(key: string): Promise<void>;
  list(): Promise<StoredFileMeta[]>;
  /** Space used and available, or null when the platform cannot tell. */
  estimate(): Promise<StorageEstimate | null>;
  /** Asks the platform not to evict the store under pressure; true when granted. */
  persist(): Promise<boolean>;
}

/** The store key of a catalogue file: URL plus pinned hash ("tofu" when unpinned). */
export function storeKey(url: string, sha256: string | null): string {
  return `${url}#sha256=${sha256 ?? "tofu"}`;
}

/** Thrown by stores when a write would exceed their quota; the downloader turns it into QuotaExceededError. */
export class StoreQuotaError extends Error {
  override name = "StoreQuotaError";
  constructor(readonly neededBytes: number, readonly availableBytes: number) {
    super(`store quota exceeded: ${neededBytes} bytes needed, ${availableBytes} available`);
  }
}
