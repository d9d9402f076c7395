// Browser entry for key-value-store.browser.test.ts: two panel stores that share one IndexedDB
// database, as the kept-pixels and kept-variations stores do.
import { openKeyValueStore } from "../../../src/ui/storage/key-value-store";

function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms))]);
}

(globalThis as any).kvTest = {
  async twoStores(): Promise<{ a: unknown; b: unknown; c: unknown; entries: number }> {
    const a = openKeyValueStore<number>("store-a");
    const b = openKeyValueStore<number>("store-b");
    await within(5000, "writing to the first store", a.set("k", 1));
    // The second store needs a version upgrade while the first still holds its connection open.
    await within(5000, "writing to the second store", b.set("k", 2));
    // Both at once, each needing its own upgrade.
    const c = openKeyValueStore<number>("store-c");
    const d = openKeyValueStore<number>("store-d");
    await within(5000, "writing to two new stores at once", Promise.all([c.set("k", 3), d.set("k", 4)]));
    await within(5000, "writing to the first store again", a.set("k2", 5));
    return { a: await a.get("k"), b: await b.get("k"), c: await c.get("k"), entries: (await a.entries()).length + (await d.entries()).length };
  },
};
