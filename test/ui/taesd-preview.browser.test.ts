/**
 * Live previews through TAESD in the real panel (playground, Chromium, wasm): download the tiny
 * model and the TAESD twin from the Models section, fill under a shape, and photograph the result
 * tiles while the run is provably unfinished (the engine's worker is parked right after it posts a
 * preview). The Fast finish switch appears only once the panel sees TAESD present, and the panel
 * loads it beside the model (test/engine/preview/taesd-run.test.ts checks what the worker does with
 * it). Saves test-results/screenshots/panel-taesd-preview.png (copied to
 * docs/screenshots/).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Worker } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPlayground, type BrowserSession } from "../support/browser-session";
import { repoRoot } from "../support/fixture-dirs";
import { holdWorkerAfter } from "../support/worker-hold";
import { clickPage, tabTo } from "./panel-support";

let session: BrowserSession;

beforeAll(async () => {
  session = await openPlayground({ webgpu: false });
});

afterAll(async () => {
  await session?.close();
});

async function engineWorkers(): Promise<Worker[]> {
  const found: Worker[] = [];
  for (const worker of session.page.workers()) {
    if ((await worker.evaluate(() => (self as unknown as { name: string }).name)) === "generative-fill-engine") found.push(worker);
  }
  return found;
}

describe("TAESD live preview in the panel", () => {
  it("shows a TAESD preview mid-run once TAESD is downloaded", async () => {
    const { page } = session;
    for (const id of ["tiny-sd-test", "taesd-test"]) {
      const row = page.locator(`[data-testid="model-${id}"]`);
      await row.waitFor({ timeout: 60_000 });
      await row.getByTestId("download").click();
      await page.locator(`[data-testid="model-${id}"][data-state="present"]`).waitFor({ timeout: 60_000 });
    }
    await clickPage(page, 793, 304); // the rectangle over the sun
    await clickPage(page, 300, 200, true); // + the photo
    await expect.poll(() => page.getByTestId("selection-status").textContent()).toBe("Image with 1 mask shape selected");
    await page.getByTestId("advanced-toggle").click();
    await page.getByTestId("fast-finish").waitFor({ timeout: 10_000 }); // offered now that TAESD is present
    await page.locator("body").focus();
    await tabTo(page, "prompt");
    await page.keyboard.type("a red balloon");

    // Generate once so the worker exists and has loaded the model with TAESD beside it.
    await page.getByTestId("generate").click();
    await page.locator('[data-testid="progress"][data-status="done"]').waitFor({ timeout: 120_000 });

    // Second run, parked right after its first preview is posted, and photographed.
    const hold = await holdWorkerAfter(await engineWorkers(), "preview");
    try {
      await page.getByTestId("generate").click();
      await hold.engaged(60_000);
      await page.locator('[data-testid="result-pending"][data-state="preview"]').first().waitFor({ timeout: 30_000 });
      const dir = join(repoRoot, "test-results/screenshots");
      mkdirSync(dir, { recursive: true });
      await page.locator("#panel-column").screenshot({ path: join(dir, "panel-taesd-preview.png") });
      const posted = await hold.posted();
      expect(posted.some((m) => m.type === "preview")).toBe(true);
      expect(posted.some((m) => m.type === "result")).toBe(false); // mid-run
    } finally {
      hold.release();
      await hold.dispose();
    }
    await page.locator('[data-testid="progress"][data-status="done"]').waitFor({ timeout: 120_000 });
  });
});
