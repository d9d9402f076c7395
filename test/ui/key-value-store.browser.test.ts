/**
 * The panel's IndexedDB key-value stores in real Chromium. Several stores share one database and
 * each new store name needs a version upgrade: an upgrade is blocked while another store holds its
 * connection open, so every connection must give way on `versionchange`. Before that, Keep's
 * "other variations" write hung forever (no error) once the kept-pixels store had opened.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEsbuildPage, type BrowserSession } from "../support/browser-session";

let session: BrowserSession;

beforeAll(async () => {
  session = await openEsbuildPage(
    { bundle: fileURLToPath(new URL("./support/kv-entry.ts", import.meta.url)) },
    { pages: { "/index.html": `<!doctype html><script type="module" src="/app/bundle.js"></script>` }, open: "/index.html" },
  );
});

afterAll(async () => {
  await session?.close();
});

describe("panel key-value stores (IndexedDB, Chromium)", () => {
  it("opens a second and third store while the first one is open, and both read back", async () => {
    const { page } = session;
    await page.waitForFunction(() => "kvTest" in globalThis);
    const out = await page.evaluate(() => (globalThis as any).kvTest.twoStores());
    expect(out).toEqual({ a: 1, b: 2, c: 3, entries: 3 });
    // The only request the page makes that is not served is the browser's own favicon probe.
    expect(session.errors.filter((e) => !e.includes("404"))).toEqual([]);
  });
});
