/**
 * PNG in Chromium, page and module worker, through the add-on's own webpack build: the selector
 * picks the OffscreenCanvas codec, and the bundle builds without pngjs or Node built-ins.
 * Cross-checked against pngjs in Node in both directions.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWebpackFixture, type BrowserSession } from "../support/browser-session";
import { repoRoot } from "../support/fixture-dirs";
import { randomImage } from "./helpers";

interface PngApi {
  runtime(): string | null;
  encode(width: number, height: number, rgba: number[]): Promise<number[]>;
  decode(bytes: number[]): Promise<{ width: number; height: number; rgba: number[] }>;
  decodeError(bytes: number[]): Promise<string>;
  inWorker(request: { width: number; height: number; rgba: number[] }): Promise<{ runtime: string | null; encoded: number[]; decoded: number[] }>;
}

let session: BrowserSession;
let outDir: string;
let page: Page;

beforeAll(async () => {
  session = await openWebpackFixture(join(repoRoot, "test/imaging/fixtures/png-entry.ts"), { open: "/index.html" });
  ({ dir: outDir, page } = session);
  await page.waitForFunction(() => "imagingPng" in window);
});

afterAll(async () => {
  await session?.close();
});

function call<K extends keyof PngApi>(name: K, ...args: Parameters<PngApi[K]>): Promise<Awaited<ReturnType<PngApi[K]>>> {
  return page.evaluate(
    ([n, a]) => ((window as unknown as { imagingPng: Record<string, (...x: unknown[]) => unknown> }).imagingPng[n as string](...(a as unknown[]))),
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<PngApi[K]>>>;
}

function pngjsDecode(bytes: number[]): { width: number; height: number; data: Uint8Array } {
  const png = PNG.sync.read(Buffer.from(bytes));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}

describe("PNG in the browser build", () => {
  it("bundles no Node PNG code", () => {
    const js = readdirSync(outDir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".js"))
      .map((f) => readFileSync(join(outDir, f), "utf8"))
      .join("\n");
    expect(js).toContain("convertToBlob");
    // The Node codec stays an unresolved import("./png-node") that the browser never reaches.
    expect(js).not.toMatch(/zlib|inflateSync|PNG\.sync|Buffer\.from/);
  });

  it("picks the browser codec; browser-encoded PNG decodes in pngjs exactly (opaque)", async () => {
    expect(await call("runtime")).toBe("browser");
    const img = randomImage(37, 23, 21);
    const bytes = await call("encode", 37, 23, Array.from(img.data));
    const back = pngjsDecode(bytes);
    expect([back.width, back.height]).toEqual([37, 23]);
    expect(Array.from(back.data)).toEqual(Array.from(img.data));
  });

  it("pngjs-encoded PNG decodes in the browser exactly (opaque), and semi-transparent within rounding", async () => {
    const opaque = randomImage(41, 19, 22);
    const png = new PNG({ width: 41, height: 19 });
    png.data = Buffer.from(opaque.data);
    const decoded = await call("decode", Array.from(PNG.sync.write(png)));
    expect([decoded.width, decoded.height]).toEqual([41, 19]);
    expect(decoded.rgba).toEqual(Array.from(opaque.data));

    // Canvas keeps premultiplied colour: alpha must survive exactly, colour within a few levels where alpha is high.
    const translucent = randomImage(16, 16, 23, false);
    for (let i = 3; i < translucent.data.length; i += 4) translucent.data[i] = 128 + (translucent.data[i] >> 1);
    const png2 = new PNG({ width: 16, height: 16 });
    png2.data = Buffer.from(translucent.data);
    const d2 = await call("decode", Array.from(PNG.sync.write(png2)));
    let worst = 0;
    for (let i = 0; i < d2.rgba.length; i++) {
      if ((i & 3) === 3) expect(d2.rgba[i]).toBe(translucent.data[i]);
      else worst = Math.max(worst, Math.abs(d2.rgba[i] - translucent.data[i]));
    }
    expect(worst).toBeLessThanOrEqual(2);
  });

  it("rejects bytes that are not a PNG with PngError", async () => {
    expect(await call("decodeError", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe("PngError");
  });

  it("works in a module worker (OffscreenCanvas there)", async () => {
    const img = randomImage(24, 12, 24);
    const reply = await call("inWorker", { width: 24, height: 12, rgba: Array.from(img.data) });
    expect(reply.runtime).toBe("browser");
    expect(reply.decoded).toEqual(Array.from(img.data));
    expect(Array.from(pngjsDecode(reply.encoded).data)).toEqual(Array.from(img.data));
  });
});
