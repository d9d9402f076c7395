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

export function openKeyValueStore<V>(name: string): KeyValueStore<V> {
  if (typeof indexedDB === "undefined") return memoryKeyValueStore<V>();
  let db: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> =>
    (db ??= new Promise((resolve, reject) => {
      // One object store per name; a new name bumps the version so it gets created.
      const probe = indexedDB.open(DATABASE);
      probe.onerror = () => reject(probe.error);
      probe.onsuccess = () => {
        const existing = probe.result;
        if (existing.objectStoreNames.contains(name)) return resolve(existing);
        const version = existing.version + 1;
        existing.close();
        const upgrade = indexedDB.open(DATABASE, version);
        upgrade.onupgradeneeded = () => upgrade.result.createObjectStore(name);
        upgrade.onerror = () => reject(upgrade.error);
        upgrade.onsuccess = () => resolve(upgrade.result);
      };
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
