/**
 * Where settings persist. In Express: the add-on's client storage (addOnUISdk.instance.clientStorage,
 * see express-client-storage.ts); in the playground and tests: localStorage. Both are async and may
 * fail (quota, private mode): a failure to save is reported, never thrown into the UI.
 */

export interface SettingsStorage {
  /** The stored value, or undefined when nothing was saved yet. */
  load(): Promise<unknown>;
  save(value: unknown): Promise<void>;
}

export const SETTINGS_KEY = "local-generative-fill.settings.v1";

/** localStorage-backed storage (the playground's stand-in for clientStorage). */
export function createLocalSettingsStorage(key = SETTINGS_KEY, storage: Storage | undefined = globalThis.localStorage): SettingsStorage {
  return {
    async load() {
      const raw = storage?.getItem(key);
      if (raw === null || raw === undefined) return undefined;
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        return undefined; // a corrupt entry is treated as none; sanitizeSettings handles the rest
      }
    },
    async save(value) {
      storage?.setItem(key, JSON.stringify(value));
    },
  };
}

/** Storage that keeps values in memory only (when no persistent storage exists). */
export function createMemorySettingsStorage(): SettingsStorage {
  let stored: unknown;
  return {
    async load() {
      return stored === undefined ? undefined : structuredClone(stored);
    },
    async save(value) {
      stored = structuredClone(value);
    },
  };
}
