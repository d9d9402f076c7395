/**
 * Remove in the playground, in Chromium, with NO model downloaded (issue 17's acceptance): select
 * the demo photo and the shape over the sun, pick Remove, run it, Keep. The engine's built-in fill
 * runs in the Web Worker; the kept layer sits above the photo with a 'remove' record and the mask
 * shape is gone. The button says Remove, and the panel names the engine (built-in fill) and offers
 * the MI-GAN download. Before/after pictures of the page land in test-results/screenshots/remove-*.png.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPlayground, type BrowserSession } from "../support/browser-session";
import { repoRoot } from "../support/fixture-dirs";
import { clickPage, layers } from "./panel-support";

const screenshotDir = join(repoRoot, "test-results/screenshots");
const TINY = '[data-testid="model-tiny-sd-test"]';

let session: BrowserSession;
let page: Page;
let pageErrors: string[];

async function shoot(selector: string, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.locator(selector).screenshot({ path: join(screenshotDir, `${name}.png`) });
}

beforeAll(async () => {
  session = await openPlayground({ webgpu: false });
  ({ page, errors: pageErrors } = session);
});

afterAll(async () => {
  await session?.close();
});

describe("Remove in the playground, no model downloaded", () => {
  it("removes the sun from the demo photo with the built-in fill and keeps it as a layer", async () => {
    await expect.poll(() => page.getByTestId("selection-status").textContent(), { timeout: 60_000 }).toMatch(/^Select one image/);
    await page.locator(`${TINY}[data-state="absent"]`).waitFor({ timeout: 30_000 }); // nothing downloaded
    await clickPage(page, 793, 304); // the rectangle over the sun
    await clickPage(page, 300, 200, true); // + the photo
    await expect.poll(() => page.getByTestId("selection-status").textContent()).toBe("Image with 1 mask shape selected");
    await shoot("#stage-column", "remove-playground-before");
    const before = await layers(page);

    await page.getByTestId("mode-remove").click();
    await expect.poll(() => page.getByTestId("mode-remove").getAttribute("aria-pressed")).toBe("true");
    expect(await page.getByTestId("prompt").count()).toBe(0); // Remove takes no prompt
    expect(await page.getByTestId("count").count()).toBe(0); // …and makes one image (its removers are deterministic)
    await expect.poll(() => page.getByTestId("generate").getAttribute("disabled")).toBeNull();
    expect((await page.getByTestId("generate").textContent())?.trim()).toBe("Remove"); // nothing is generated here
    // Which engine runs, and the download that would switch it to MI-GAN (not pressed: no network).
    await expect.poll(() => page.getByTestId("removal-engine").getAttribute("data-engine")).toBe("built-in");
    expect(await page.getByTestId("removal-engine-text").textContent()).toMatch(/^Removes with the built-in fill: instant, no download\. MI-GAN object remover \(26\.8 MB, MIT\)/);
    expect((await page.getByTestId("removal-download").textContent())?.trim()).toBe("Download MI-GAN (26.8 MB)");
    // The same model is a row of the Models list (one state with the Remove section), as is SlimSAM.
    const migan = page.locator('[data-testid="model-migan-512-places2"]');
    expect(await migan.getAttribute("data-state")).toBe("absent");
    expect(await migan.getByTestId("model-licence").textContent()).toBe("Licence: MIT");
    expect((await migan.getByTestId("download").textContent())?.trim()).toBe("Download (26.8 MB)");
    expect(await page.locator('[data-testid="model-slimsam-77-uniform"] [data-testid="model-licence"]').textContent()).toBe("Licence: Apache-2.0");
    await migan.scrollIntoViewIfNeeded();
    await shoot('[data-testid="model-migan-512-places2"]', "models-list-migan");
    await page.getByTestId("generate").click();
    await page.locator('[data-testid="progress"][data-status="done"]').waitFor({ timeout: 150_000 });
    await expect.poll(() => page.getByTestId("result-thumb").count()).toBe(1);
    expect(await page.getByTestId("try-again").count()).toBe(0); // a deterministic remover: no "Try again"
    expect(await page.getByTestId("run-outcome").textContent()).toMatch(/^1 image ready in .+\. Keep it\.$/);
    await shoot("#panel-column", "remove-panel-results");
    expect(await page.locator(`${TINY}[data-state="absent"]`).count()).toBe(1); // still nothing downloaded

    await page.getByTestId("keep").click();
    await page.getByTestId("keep-done").waitFor({ timeout: 30_000 });
    const after = await layers(page);
    const imageIndex = after.findIndex((l) => l.name === "Landscape photo");
    const inserted = after[imageIndex + 1];
    expect(before.some((l) => l.id === inserted.id)).toBe(false);
    expect(after.find((l) => l.name === "Mask: sun")).toBeUndefined();
    const record = await page.evaluate((id) => window.playground!.host.sandbox.getGenerationRecord(id), inserted.id);
    expect(record).toMatchObject({ model: "built-in-fill", prompt: "", mode: "remove" });
    await clickPage(page, 1300, 950); // deselect, so the picture shows the page as it is
    await shoot("#stage-column", "remove-playground-after");
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
