/**
 * Issue 15 in the playground, in Chromium, with the tiny test model on wasm: the overlap note for a
 * text lying over the photo; a transparent cut-out on a white page restyled and kept as
 * transparent (its alpha read from a rendition with a transparent background); a platform that
 * only downscales renditions (the working size follows what came back); a document whose export
 * is not allowed (Keep refuses, nothing changes). Screenshots: test-results/screenshots/fidelity-*.png.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPlayground, type BrowserSession } from "../support/browser-session";
import { repoRoot } from "../support/fixture-dirs";

const screenshotDir = join(repoRoot, "test-results/screenshots");
const TINY = '[data-testid="model-tiny-sd-test"]';

let session: BrowserSession;
let page: Page;

async function shoot(name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `fidelity-${name}.png`) });
}

async function generate(): Promise<void> {
  await page.getByTestId("generate").click();
  await page.locator('[data-testid="progress"][data-status="done"]').waitFor({ timeout: 120_000 });
}

/** Alpha mean (0–1) of a fake-document bitmap, decoded in the page. */
function bitmapAlphaMean(nodeId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const node = window.playground!.doc.find(id)!;
    const png = (node.media ?? node).bitmap!.png!;
    const bitmap = await createImageBitmap(new Blob([png], { type: "image/png" }), { premultiplyAlpha: "none" });
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext("2d")!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let sum = 0;
    for (let i = 3; i < data.length; i += 4) sum += data[i];
    return sum / (255 * bitmap.width * bitmap.height);
  }, nodeId);
}

beforeAll(async () => {
  session = await openPlayground({ webgpu: false, viewport: { width: 1400, height: 900 } });
  page = session.page;
  await page.locator(`${TINY}[data-state="absent"]`).waitFor({ timeout: 60_000 });
  await page.locator(TINY).getByTestId("download").click();
  await page.locator(`${TINY}[data-state="present"]`).waitFor({ timeout: 60_000 });
  // A second page: a cut-out (a disc on transparent pixels) on a white page, nothing under it.
  await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(256, 256);
    const ctx = canvas.getContext("2d")!;
    const gradient = ctx.createRadialGradient(128, 128, 10, 128, 128, 100);
    gradient.addColorStop(0, "#f4c430");
    gradient.addColorStop(1, "#c0392b");
    ctx.fillStyle = gradient;
    ctx.beginPath();
    ctx.arc(128, 128, 100, 0, 2 * Math.PI);
    ctx.fill();
    const png = await (await canvas.convertToBlob({ type: "image/png" })).arrayBuffer();
    const { doc } = window.playground!;
    const cutoutPage = doc.build.page({ width: 1200, height: 800, name: "Cut-out" });
    doc.build.image(cutoutPage.artboard, { x: 200, y: 150, width: 480, height: 480, name: "Cut-out", bitmap: { width: 256, height: 256, png } });
    // Small on the page: the panel asks for 4 px per unit (the tiny model works at 64 px).
    doc.build.image(cutoutPage.artboard, { x: 900, y: 500, width: 16, height: 16, name: "Small cut-out", bitmap: { width: 256, height: 256, png } });
  });
});

afterAll(async () => {
  await session?.close();
});

describe("source fidelity in the playground", () => {
  it("warns in one line that a text over the photo will be baked in, with the select-them hint", async () => {
    await page.evaluate(() => {
      const { doc } = window.playground!;
      const photo = doc.currentPage.artboard.children.find((n) => n.name === "Landscape photo")!;
      doc.build.text(doc.currentPage.artboard, { x: 180, y: 120, text: "SUMMER SALE", width: 300, height: 48, fillColor: "#ffffff", name: "Headline" });
      doc.select(photo);
    });
    await expect.poll(() => page.getByTestId("overlap-note").textContent()).toBe("2 shapes and a text lie over this image and will be baked into the result: select them to move or hide them first.");
    expect(await page.getByTestId("working-note").textContent()).toMatch(/^Working at \d+×\d+ of this image\.$/);
    await shoot("overlap-warning");
  });

  it("keeps a transparent cut-out transparent after Restyle (alpha from a transparent-background rendition)", async () => {
    const ids = await page.evaluate(() => {
      const { doc } = window.playground!;
      doc.showPage(1);
      const cutout = doc.currentPage.artboard.children.find((n) => n.name === "Cut-out")!;
      doc.select(cutout);
      return { cutout: cutout.id };
    });
    await expect.poll(() => page.getByTestId("selection-status").textContent()).toMatch(/^Image selected/);
    expect(await page.getByTestId("transparency-note").count()).toBe(0); // nothing under it, white page: recoverable
    expect(await page.getByTestId("overlap-note").count()).toBe(0);
    await page.getByTestId("prompt").click();
    await page.keyboard.type("a glossy red ball");
    await generate();
    await page.getByTestId("keep").click();
    await page.getByTestId("keep-done").waitFor({ timeout: 30_000 });
    const keptId = await page.evaluate(() => window.playground!.doc.currentPage.artboard.children.at(-2)!.id);
    const source = await bitmapAlphaMean(ids.cutout);
    const kept = await bitmapAlphaMean(keptId);
    console.log(`Transparent cut-out restyled and kept: source alpha mean ${source.toFixed(3)}, kept layer ${kept.toFixed(3)}`);
    expect(source).toBeLessThan(0.6);
    expect(Math.abs(kept - source)).toBeLessThan(0.02);
    await shoot("transparent-kept");
  }, 180_000);

  it("a platform that only downscales: the working size is what came back; export not allowed: Keep refuses", async () => {
    await page.evaluate(() => {
      const { doc } = window.playground!;
      doc.renditionMaxScale = 1;
      doc.exportAllowed = false;
      doc.select(doc.currentPage.artboard.children.find((n) => n.name === "Small cut-out")!);
    });
    await expect.poll(() => page.getByTestId("working-note").textContent()).toBe("Working at 64×64 of this image.");
    await generate();
    await expect.poll(() => page.getByTestId("working-note").textContent()).toBe("Express gave a smaller picture on this device: working at 16×16 of this image.");
    const before = await page.evaluate(() => JSON.stringify(window.playground!.doc.snapshot(window.playground!.doc.currentPage.artboard)));
    await page.getByTestId("keep").click();
    await page.getByTestId("keep-error").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("keep-error").textContent()).toMatch(/can't be exported/);
    expect(await page.evaluate(() => JSON.stringify(window.playground!.doc.snapshot(window.playground!.doc.currentPage.artboard)))).toBe(before);
  }, 180_000);
});
