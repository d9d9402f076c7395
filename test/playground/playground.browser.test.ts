/**
 * The playground as a user sees it: `npm run playground` serves it on 127.0.0.1, Chromium opens
 * it, the add-on's panel renders next to the simulated document, selecting on the canvas reaches
 * the panel through the real sandbox code and the fake bridge, and page renditions come back as
 * PNGs. Leaves a screenshot in test-results/screenshots/playground.png.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPlayground, type BrowserSession } from "../support/browser-session";
import { repoRoot } from "../support/fixture-dirs";
import { clickPage } from "../ui/panel-support";

const screenshotDir = join(repoRoot, "test-results/screenshots");

let session: BrowserSession;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  session = await openPlayground({ webgpu: true, viewport: { width: 1400, height: 900 }, devServer: true });
  ({ page, errors: pageErrors } = session);
});

afterAll(async () => {
  await session?.close();
});

const status = () => page.getByTestId("selection-status");

describe("playground", () => {
  it("renders the add-on's panel next to the document, with the first selection pushed by the sandbox", async () => {
    await expect.poll(() => page.locator("#panel-root h1").textContent(), { timeout: 60_000 }).toBe("Local Generative Fill");
    await expect.poll(() => status().textContent()).toMatch(/^Select one image to restyle it/);
    expect(await page.locator("canvas.stage-canvas").isVisible()).toBe(true);
  });

  it("selects with clicks and Shift-clicks, and the panel follows", async () => {
    await clickPage(page, 793, 304); // the rectangle over the sun
    await expect.poll(() => status().textContent()).toBe("1 shape selected: fill the page region under it");
    await clickPage(page, 300, 200, true); // + the photo
    await expect.poll(() => status().textContent()).toBe("Image with 1 mask shape selected");
    await clickPage(page, 420, 575, true); // + the ellipse
    await expect.poll(() => status().textContent()).toBe("Image with 2 mask shapes selected");
    await clickPage(page, 793, 304, true); // − the rectangle
    await expect.poll(() => status().textContent()).toBe("Image with 1 mask shape selected");
    const names = await page.evaluate(() => window.playground!.doc.selection.map((node) => node.name));
    expect(names).toEqual(["Landscape photo", "Mask: hills"]);
    await clickPage(page, 30, 30); // empty page
    await expect.poll(() => status().textContent()).toMatch(/^Select one image/);
    await clickPage(page, 300, 200); // the photo alone
    await expect.poll(() => status().textContent()).toBe("Image selected (960×640)");
  });

  it("answers the panel's calls through the bridge and renders the page to PNG", async () => {
    const result = await page.evaluate(async () => {
      const { host } = window.playground!;
      const summary = await host.sandbox.getSelection();
      if (summary.type !== "image") throw new Error(`expected an image selection, got ${summary.type}`);
      const rendition = await host.renderPage({ pageId: summary.page.pageId, requestedSize: { width: 600 } });
      const bitmap = await createImageBitmap(rendition.png);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext("2d")!;
      ctx.drawImage(bitmap, 0, 0);
      const pixel = (x: number, y: number) => Array.from(ctx.getImageData(x, y, 1, 1).data);
      return {
        type: rendition.png.type,
        size: [bitmap.width, bitmap.height],
        image: summary.image,
        corner: pixel(5, 5), // page background, outside the photo
        sun: pixel(Math.round((120 + 0.7 * 960) / 2), Math.round((80 + 0.35 * 640) / 2)), // the photo's sun, under the rectangle
      };
    });
    expect(result.type).toBe("image/png");
    expect(result.size).toEqual([600, 400]);
    expect(result.image.boundsOnPage).toEqual({ x: 120, y: 80, width: 960, height: 640 });
    expect(result.corner).toEqual([255, 255, 255, 255]);
    // The sun (pale yellow) seen through the half-transparent red rectangle: red dominates, not white.
    const [r, g, b] = result.sun;
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(200);
    expect(b).toBeLessThan(180);
  });

  it("saves a screenshot and logged no page error", async () => {
    await clickPage(page, 793, 304);
    await clickPage(page, 300, 200, true);
    await expect.poll(() => status().textContent()).toBe("Image with 1 mask shape selected");
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, "playground.png") });
    expect(pageErrors).toEqual([]);
  });
});
