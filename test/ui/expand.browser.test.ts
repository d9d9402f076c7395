/**
 * Expand in the playground, in Chromium, with the tiny test model (wasm): select the photo, switch
 * to Expand, read the size line, Generate a 16:9 expansion, Keep it. Checks the kept layer covers
 * the grown box directly above the photo, and saves the two screenshots the README shows
 * (docs/screenshots/expand-controls.png, expand-kept.png).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPlayground, type BrowserSession } from "../support/browser-session";
import { repoRoot } from "../support/fixture-dirs";
import { clickPage, layers } from "./panel-support";

const docsDir = join(repoRoot, "docs/screenshots");
const TINY = '[data-testid="model-tiny-sd-test"]';

let session: BrowserSession;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  session = await openPlayground({
    webgpu: false,
    // One image per Generate keeps the run short (each tile is a model run).
    initScript: () => localStorage.setItem("local-generative-fill.settings.v1", JSON.stringify({ count: 1, steps: 1, guidanceScale: 1 })),
  });
  ({ page, errors: pageErrors } = session);
});

afterAll(async () => {
  await session?.close();
});

describe("Expand (playground, tiny model)", () => {
  it("shows the controls for the photo: size, anchor grid, the new layer's size", async () => {
    await page.locator(`${TINY}[data-state="absent"]`).waitFor({ timeout: 120_000 });
    await page.getByTestId("download").first().click();
    await page.locator(`${TINY}[data-state="present"]`).waitFor({ timeout: 60_000 });
    await clickPage(page, 300, 200); // the photo alone
    await expect.poll(() => page.getByTestId("selection-status").textContent()).toBe("Image selected (960×640)");
    await page.getByTestId("mode-expand").click();
    await page.getByTestId("expand-settings").waitFor();
    // 16:9 of a 960 × 640 photo, centred: 1138 × 640.
    await expect.poll(() => page.getByTestId("expand-summary").textContent()).toBe("New layer 1138 × 640 (the image is 960 × 640).");
    await page.getByTestId("anchor-left-top").click();
    await expect.poll(() => page.getByTestId("anchor-left-top").getAttribute("aria-pressed")).toBe("true");
    await page.getByTestId("anchor-centre-middle").click();
    mkdirSync(docsDir, { recursive: true });
    await page.locator("#panel-column").screenshot({ path: join(docsDir, "expand-controls.png") });
  }, 300_000);

  it("generates tile by tile and keeps one layer over the grown box, directly above the photo", async () => {
    const before = await layers(page);
    await page.getByTestId("generate").click();
    await page.locator('[data-testid="progress"][data-status="done"]').waitFor({ timeout: 580_000 });
    await page.getByTestId("keep").click();
    await page.getByTestId("keep-done").waitFor({ timeout: 60_000 });
    const after = await layers(page);
    expect(after).toHaveLength(before.length + 1);
    const photo = after.findIndex((l) => l.name === "Landscape photo");
    const inserted = after[photo + 1];
    expect(before.some((l) => l.id === inserted.id)).toBe(false);
    const bounds = await page.evaluate(async (id) => {
      const { host } = window.playground!;
      const record = await host.sandbox.getGenerationRecord(id);
      const node = window.playground!.doc.find(id)!;
      return { record, width: node.width, height: node.height };
    }, inserted.id);
    expect(bounds.record).toMatchObject({ mode: "expand", expand: { target: "16:9", anchor: "centre-middle" } });
    expect(bounds.width / bounds.height).toBeCloseTo(16 / 9, 2);
    expect(bounds.height).toBeCloseTo(640, 0);
    await page.screenshot({ path: join(docsDir, "expand-kept.png") });
    expect(pageErrors).toEqual([]);
  }, 600_000);
});
