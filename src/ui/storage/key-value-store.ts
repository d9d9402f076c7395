/**
 * A tiny async key → value store: IndexedDB in the panel (one object store per name, values
 * structured-cloned, so ArrayBuffers are stored as they are), a Map where IndexedDB is missing
 * (Node tests, private windows that refuse it). Reusable by any local store of the panel.
 */
export interface KeyValueStore<V> {
  get(key: string): Promise<V | undefined>;
  set(key: string, value: V): Promise<void>;
  delete(key: string): Promise<void>;
  entries(): Promise<[string, V][]>;
}

const DATABASE = "local-generative-fill";

export function memoryKeyValueStore<V>(): KeyValueStore<V> {
  const map = new Map<string, V>();
  return {
    get: async (key) => map.get(key),
    set: async (key, value) => void map.set(key, value),
    delete: async (key) => void map.delete(key),
    entries: async () => [...map.entries()],
  };
}

/**
 * Opens the shared database with `name` as one of its object stores. A missing store needs a
 * version upgrade, which IndexedDB blocks while any other connection stays open: every connection
 * therefore closes on `versionchange` (see `openKeyValueStore`). Two stores upgrading at once may
 * race for the same version; the loser retries.
 */
function openDatabaseWith(name: string, onClosed: () => void): Promise<IDBDatabase> {
  const ready = (db: IDBDatabase): IDBDatabase => {
    // Another store of this panel needs an upgrade: give way, reopen on the next call.
    db.onversionchange = () => {
      db.close();
      onClosed();
    };
    return db;
  };
  return new Promise((resolve, reject) => {
    const probe = indexedDB.open(DATABASE);
    probe.onerror = () => reject(probe.error);
    probe.onsuccess = () => {
      const existing = probe.result;
      if (existing.objectStoreNames.contains(name)) return resolve(ready(existing));
      const version = existing.version + 1;
      existing.close();
      const upgrade = indexedDB.open(DATABASE, version);
      upgrade.onupgradeneeded = () => {
        if (!upgrade.result.objectStoreNames.contains(name)) upgrade.result.createObjectStore(name);
      };
      upgrade.onerror = () => {
        // VersionError: another store upgraded past this version first; start again from its version.
        if (upgrade.error?.name === "VersionError") openDatabaseWith(name, onClosed).then(resolve, reject);
        else reject(upgrade.error);
      };
      upgrade.onsuccess = () => {
        const db = upgrade.result;
        if (db.objectStoreNames.contains(name)) return resolve(ready(db));
        // Another store took this version number without creating ours: upgrade once more.
        db.close();
        openDatabaseWith(name, onClosed).then(resolve, reject);
      };
    };
  });
}

export function openKeyValueStore<V>(name: string): KeyValueStore<V> {
  if (typeof indexedDB === "undefined") return memoryKeyValueStore<V>();
  let db: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> =>
    (db ??= openDatabaseWith(name, () => {
      db = null;
    }).catch((error: unknown) => {
      db = null;
      throw error;
    }));
  const run = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const database = await open();
    return new Promise<T>((resolve, reject) => {
      const request = work(database.transaction(name, mode).objectStore(name));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  };
  return {
    get: (key) => run("readonly", (s) => s.get(key) as IDBRequest<V | undefined>),
    set: async (key, value) => void (await run("readwrite", (s) => s.put(value, key))),
    delete: async (key) => void (await run("readwrite", (s) => s.delete(key))),
    entries: async () => {
      const [keys, values] = await Promise.all([run("readonly", (s) => s.getAllKeys()), run("readonly", (s) => s.getAll() as IDBRequest<V[]>)]);
      return keys.map((k, i) => [String(k), values[i]] as [string, V]);
    },
  };
}
