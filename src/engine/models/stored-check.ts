/**
 * Re-checking files already in the store. A complete entry was verified when it was written; its
 * meta keeps the size and modification time the bytes had then. When either changed (the browser
 * or a user touched the file, a disk error, an entry written before stamps existed) the bytes are
 * hashed again against the recorded sha256 / git blob id, and an entry that no longer matches is
 * deleted so that Download fetches it again. `verifyStored` is also what the user's "Verify" runs.
 */
import { gitBlobOid } from "./git-oid";
import type { ModelVariant } from "./catalogue-types";
import { storeKey, type ModelStore, type StoredFileMeta } from "./model-store";
import { Sha256 } from "./sha256";

/** The entry's meta when its bytes are still the verified ones (re-hashing only when they changed). */
export async function checkedMeta(store: ModelStore, key: string): Promise<StoredFileMeta | null> {
  const meta = await store.getMeta(key);
  if (!meta) return null;
  const stamp = await store.stamp(key);
  if (!stamp) return null;
  if (meta.stamp && meta.stamp.size === stamp.size && meta.stamp.modifiedMs === stamp.modifiedMs) return meta;
  return (await verifyStored(store, key, meta)) ? { ...meta, stamp } : null;
}

/** Hashes the stored bytes again; true when they match the meta. A mismatch deletes the entry. */
export async function verifyStored(store: ModelStore, key: string, meta: StoredFileMeta): Promise<boolean> {
  const stamp = await store.stamp(key);
  let ok = stamp !== null && stamp.size === meta.size;
  if (ok) {
    const hasher = new Sha256();
    let size = 0;
    for await (const chunk of store.stream(key)) {
      hasher.update(chunk);
      size += chunk.length;
    }
    ok = size === meta.size && hasher.digestHex() === meta.sha256;
    if (ok && meta.gitOid) ok = (await gitBlobOid(store.stream(key), size)) === meta.gitOid;
  }
  if (!ok) {
    await store.delete(key);
    return false;
  }
  await store.writeMeta(key, { ...meta, stamp: stamp! });
  return true;
}

/** Verifies every stored file of a variant; returns how many were checked and the paths that failed. */
export async function verifyVariant(store: ModelStore, variant: ModelVariant): Promise<{ checked: number; failed: string[] }> {
  const failed: string[] = [];
  let checked = 0;
  for (const f of variant.files) {
    const key = storeKey(f.url, f.sha256);
    const meta = await store.getMeta(key);
    if (!meta) continue;
    checked++;
    if (!(await verifyStored(store, key, meta))) failed.push(f.path);
  }
  return { checked, failed };
}
