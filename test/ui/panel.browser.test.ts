/**
 * The panel's whole flow in the playground, in Chromium, with the tiny test model (64², random
 * weights: results are coloured noise) on the wasm backend: download the model, select an image
 * and a shape on the simulated document, Generate four variations, pick one, Keep it — using the
 * keyboard for everything in the panel — then Cancel mid-run, a refused prompt, axe-core, and
 * settings surviving a reload. Screenshots land in test-results/screenshots/panel-*.png.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page, Worker } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPlayground, type BrowserSession } from "../support/browser-session";
import { repoRoot } from "../support/fixture-dirs";
import { holdWorkerAfter } from "../support/worker-hold";
import { clickPage, focusedTestId, layers, seriousAxeViolations, tabTo } from "./panel-support";

const screenshotDir = join(repoRoot, "test-results/screenshots");
const TINY = '[data-testid="model-tiny-sd-test"]';

let session: BrowserSession;
let page: Page;
let pageErrors: string[];

async function shoot(name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.locator("#panel-column").screenshot({ path: join(screenshotDir, `panel-${name}.png`) });
}

const progress = () => page.getByTestId("progress");

/** The engine's Web Workers (create-engine-worker.ts names them; a development build may start two). */
async function engineWorkers(): Promise<Worker[]> {
  const found: Worker[] = [];
  for (const worker of page.workers()) {
    if ((await worker.evaluate(() => (self as unknown as { name: string }).name)) === "generative-fill-engine") found.push(worker);
  }
  if (found.length === 0) throw new Error(`No engine worker in the page (workers: ${page.workers().map((w) => w.url()).join(", ") || "none"})`);
  return found;
}

beforeAll(async () => {
  // No WebGPU: the in-page engine runs on wasm, SwiftShader would only slow it down.
  session = await openPlayground({ webgpu: false });
  ({ page, errors: pageErrors } = session);
});

afterAll(async () => {
  await session?.close();
});

describe("panel (playground, tiny model, keyboard only)", () => {
  it("starts empty: no selection, Generate disabled, models listed with sizes", async () => {
    await expect.poll(() => page.getByTestId("selection-status").textContent(), { timeout: 60_000 }).toMatch(/^Select one image/);
    await page.locator(`${TINY}[data-state="absent"]`).waitFor({ timeout: 30_000 });
    expect(await page.locator(TINY).textContent()).toMatch(/not downloaded · 10\.\d MB/);
    expect(await page.getByTestId("generate").getAttribute("disabled")).not.toBeNull();
    expect(await page.getByTestId("device-badge").textContent()).toBe("CPU");
    await shoot("empty");
  });

  it("downloads the tiny model from the Models section with the keyboard", async () => {
    await page.locator("body").focus();
    await tabTo(page, "download");
    await page.keyboard.press("Enter");
    await page.locator(`${TINY}[data-state="present"]`).waitFor({ timeout: 60_000 });
    expect(await page.locator(TINY).textContent()).toMatch(/on this device · 10\.\d MB/);
  });

  it("fills under a shape: 4 live thumbnails, 100 %, Keep inserts a layer above the image with the settings", async () => {
    await clickPage(page, 793, 304); // the rectangle over the sun
    await clickPage(page, 300, 200, true); // + the photo
    await expect.poll(() => page.getByTestId("selection-status").textContent()).toBe("Image with 1 mask shape selected");
    const before = await layers(page);

    await page.locator("body").focus();
    await tabTo(page, "prompt");
    await page.keyboard.type("a red balloon");
    await tabTo(page, "generate");
    await page.keyboard.press("Enter");
    // Focus stays on the same button, now Cancel, while the run goes on.
    await expect.poll(() => focusedTestId(page)).toMatch(/^(cancel|generate)$/);
    await page.locator('[data-testid="progress"][data-status="done"]').waitFor({ timeout: 120_000 });
    expect(await progress().getAttribute("data-progress")).toBe("100");
    await expect.poll(() => page.getByTestId("result-thumb").count()).toBe(4);
    await shoot("results");

    // The first result is picked; pick the second with the keyboard, then Keep.
    await tabTo(page, "result-thumb"); // first thumb
    await page.keyboard.press("Tab"); // second thumb
    await page.keyboard.press("Space");
    await expect.poll(() => page.getByTestId("result-thumb").nth(1).getAttribute("aria-pressed")).toBe("true");
    const seedLabel = await page.getByTestId("result-thumb").nth(1).getAttribute("aria-label");
    const seed = Number(/seed (\d+)/.exec(seedLabel ?? "")?.[1]);
    await tabTo(page, "keep");
    await page.keyboard.press("Enter");
    await page.getByTestId("keep-done").waitFor({ timeout: 30_000 });

    const after = await layers(page);
    expect(after).toHaveLength(before.length); // + the new layer, − the mask shape (removed by default)
    const imageIndex = after.findIndex((l) => l.name === "Landscape photo");
    const inserted = after[imageIndex + 1];
    expect(before.some((l) => l.id === inserted.id)).toBe(false);
    expect(inserted.kind).toBe("mediaContainer");
    expect(after.find((l) => l.name === "Mask: sun")).toBeUndefined(); // the mask shape is removed
    const record = await page.evaluate((id) => window.playground!.host.sandbox.getGenerationRecord(id), inserted.id);
    expect(record).toMatchObject({ model: "tiny-sd-test", prompt: "a red balloon", negativePrompt: "", seed, steps: 2, strength: 1, guidanceScale: 1, mode: "fill" });
    expect(await seriousAxeViolations(page, "#panel-root")).toEqual([]);

    // Selecting the new layer offers its recorded settings back (regenerate from a layer).
    await clickPage(page, 300, 200); // the topmost layer there: the one just inserted
    await page.getByTestId("layer-record").waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("layer-record").textContent()).toContain(`seed ${seed}`);
    await page.locator("body").focus();
    await tabTo(page, "use-layer-settings");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("seed").evaluate((el) => (el as HTMLInputElement).value)).toBe(String(seed));
    // The lock is a switch now (SWC deprecates toggling action buttons), and Generate shows it with Unlock.
    expect(await page.getByTestId("seed-lock").evaluate((el) => (el as HTMLInputElement).checked)).toBe(true);
    expect(await page.getByTestId("seed-lock-chip").textContent()).toContain(`Seed ${seed} locked`);
  }, 180_000);

  it("Cancel mid-run stops the engine and leaves the document unchanged", async () => {
    await clickPage(page, 300, 200); // the photo alone (restyle)
    await expect.poll(() => page.getByTestId("selection-status").textContent()).toBe("Image selected (960×640)");
    const before = await layers(page);
    await page.locator("body").focus();
    await tabTo(page, "strength");
    await page.keyboard.press("End"); // strength 1: the whole schedule runs
    await tabTo(page, "advanced-toggle");
    await page.keyboard.press("Enter");
    await tabTo(page, "steps");
    await page.keyboard.press("End"); // 50 steps
    await tabTo(page, "guidance");
    await page.keyboard.press("End"); // guidance 20: two UNet passes per step
    // The engine's worker is parked right after it posts step 1's preview, so the run is provably
    // unfinished while it is photographed and cancelled (unparked, the whole run takes ~2 s here,
    // less than a screenshot may take on a loaded machine).
    const workers = await engineWorkers();
    const hold = await holdWorkerAfter(workers, "preview");
    try {
      await tabTo(page, "generate");
      await page.keyboard.press("Enter");
      await hold.engaged(60_000);
      // Step 1 has reached the panel: progress and live thumbnails.
      await page.locator('[data-testid="result-pending"][data-state="preview"]').first().waitFor({ timeout: 30_000 });
      await expect.poll(() => progress().getAttribute("data-progress")).not.toBe("0");
      expect(await progress().getAttribute("data-status")).toBe("running");
      await shoot("running");
      expect(await focusedTestId(page)).toBe("cancel");
      await page.keyboard.press("Enter"); // the cancel message waits in the parked worker's queue
      hold.release();
      // The panel says cancelled once the engine has answered the cancel.
      await page.locator('[data-testid="progress"][data-status="cancelled"]').waitFor({ timeout: 30_000 });
      expect(Number(await progress().getAttribute("data-progress"))).toBeLessThan(100);
      const posted = await hold.posted();
      const steps = posted.filter((m) => m.type === "step");
      expect(steps.length, "step events the engine posted").toBeGreaterThan(0);
      const lastStep = Math.max(...steps.map((m) => m.step!));
      console.log(`Cancel after step 1: the engine stopped after step ${lastStep} of ${steps[0].totalSteps}`);
      expect(lastStep, "last step the engine ran").toBeLessThan(steps[0].totalSteps!);
      expect(posted.some((m) => m.type === "result"), "a result after Cancel").toBe(false);
    } finally {
      await hold.dispose();
    }
    expect(await layers(page)).toEqual(before);
    // The earlier run's results are still browsable.
    expect(await page.getByTestId("result-thumb").count()).toBe(4);
    // Back to 2 steps and guidance 1 for the next tests.
    await tabTo(page, "steps");
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowRight");
    await tabTo(page, "guidance");
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
  }, 180_000);

  it("explains a refused prompt in plain words and keeps everything", async () => {
    await page.locator("body").focus();
    await tabTo(page, "prompt");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("nude portrait");
    await tabTo(page, "generate");
    await page.keyboard.press("Enter");
    const error = page.getByTestId("generate-error");
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toMatch(/Prompt not allowed/);
    expect(await error.getAttribute("role")).toBe("alert");
    await shoot("error");
    expect(await page.getByTestId("result-thumb").count()).toBe(4);
    expect(await seriousAxeViolations(page, "#panel-root")).toEqual([]);
  }, 60_000);

  it("restores the settings after a reload (Express resets panels often)", async () => {
    await page.waitForTimeout(500); // settings are saved 300 ms after a change
    await page.reload();
    await page.locator(`${TINY}[data-state="present"]`).waitFor({ timeout: 60_000 });
    const prompt = await page.getByTestId("prompt").evaluate((el) => (el as HTMLInputElement).value);
    expect(prompt).toBe("nude portrait");
    expect(await page.getByTestId("steps").evaluate((el) => (el as HTMLInputElement).value)).toBe(2);
    expect(await page.getByTestId("advanced-toggle").getAttribute("aria-expanded")).toBe("true");
    // A seed lock does not survive a reload (a lock nobody sees would repeat the same images).
    expect(await page.getByTestId("seed-lock-chip").count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
