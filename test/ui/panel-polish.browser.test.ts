/**
 * The panel as a designer checks it, in the playground in Chromium with the tiny test model, by
 * keyboard: a disabled Generate always says why (and offers the download that turns it on, keeping
 * focus when it goes away), the mode follows the selection's kind, Variations run at the Fast
 * preset's 2 steps, a strength that leaves no step is caught before the engine, a bad seed is
 * flagged, the finished run is one line instead of a full progress bar, Keep says Keep again,
 * Tab and Shift+Tab visit the same controls, focus is visible, and nothing overflows 320 px.
 */
import type { Page, Worker } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPlayground, type BrowserSession } from "../support/browser-session";
import { holdWorkerAfter } from "../support/worker-hold";
import { clickPage, focusedTestId, seriousAxeViolations, tabTo } from "./panel-support";

const TINY = '[data-testid="model-tiny-sd-test"]';
let session: BrowserSession;
let page: Page;
let pageErrors: string[];

const hint = () => page.getByTestId("generate-hint").textContent();
const status = () => page.getByTestId("selection-status").textContent();
const pressedMode = () => page.locator('[data-testid^="mode-"][aria-pressed="true"]').getAttribute("data-testid");

/** Focus at the top of the panel, as if the user had just clicked into it. */
async function focusPanelTop(): Promise<void> {
  await page.locator("#panel-root h1").evaluate((h) => {
    (h as HTMLElement).tabIndex = -1;
    (h as HTMLElement).focus();
  });
}

/** Where keyboard focus is, down to the element inside a shadow root, with its place in the panel. */
function focusedPlace(): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const r = el?.getBoundingClientRect();
    // The panel column scrolls to show what has focus: count from the top of its content.
    const scrolled = document.querySelector("#panel-column")?.scrollTop ?? 0;
    return `${el?.tagName.toLowerCase()}@${Math.round(r?.x ?? 0)},${Math.round((r?.y ?? 0) + scrolled)}`;
  });
}

/**
 * The panel column's width and anything drawn past the panel's content edge (its padding is the
 * margin every control lines up on; the Express panel is 320 px).
 */
function panelOverflow(): Promise<{ scrollWidth: number; clientWidth: number; out: string[] }> {
  return page.evaluate(() => {
    const column = document.querySelector("#panel-column")!;
    const panel = document.querySelector("main.panel")!;
    const right = panel.getBoundingClientRect().right - parseFloat(getComputedStyle(panel).paddingRight);
    const out = [...panel.querySelectorAll("*")]
      .filter((el) => getComputedStyle(el).clip !== "rect(0px, 0px, 0px, 0px)") // screen-reader-only text
      .filter((el) => el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > right + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { scrollWidth: column.scrollWidth, clientWidth: column.clientWidth, out };
  });
}

async function engineWorkers(): Promise<Worker[]> {
  const found: Worker[] = [];
  for (const worker of page.workers()) {
    if ((await worker.evaluate(() => (self as unknown as { name: string }).name)) === "generative-fill-engine") found.push(worker);
  }
  return found;
}

beforeAll(async () => {
  // Tall enough that the whole panel is on screen (the panel column is 320 px wide, as in Express).
  session = await openPlayground({ webgpu: false, viewport: { width: 1400, height: 1900 } });
  ({ page, errors: pageErrors } = session);
  await page.locator(`${TINY}[data-state="absent"]`).waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await session?.close();
});

describe("panel polish (playground, tiny model, keyboard)", () => {
  it("says why Generate is off, offers the download under it, and hands focus to Generate after", async () => {
    expect(await page.getByTestId("generate").getAttribute("disabled")).not.toBeNull();
    expect(await hint()).toBe("Select an image or shapes on the page to start.");
    expect(await page.getByTestId("generate").getAttribute("aria-describedby")).toBe("generate-hint");

    await clickPage(page, 300, 200); // the photo alone
    await expect.poll(status).toBe("Image selected (960×640)");
    expect(await hint()).toBe("“Tiny test model” is not on this device yet.");
    expect(await page.getByTestId("mode-note").textContent()).toMatch(/Generative fill needs shapes/);
    expect(await seriousAxeViolations(page, "#panel-root")).toEqual([]);

    await focusPanelTop();
    await tabTo(page, "generate-download");
    expect(await page.getByTestId("generate-download").textContent()).toMatch(/^Download \(10\.\d MB\)$/);
    await page.keyboard.press("Enter");
    await page.locator(`${TINY}[data-state="present"]`).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId("generate").getAttribute("disabled")).toBeNull();
    // The download button went away with the blocker; focus went to Generate, not to the page.
    await expect.poll(() => focusedTestId(page)).toBe("generate");
    expect(await page.getByTestId("generate-hint").count()).toBe(0);
  }, 120_000);

  it("shows mask settings only for selections with shapes, and the mode follows the selection's kind", async () => {
    await focusPanelTop();
    await tabTo(page, "advanced-toggle");
    await page.keyboard.press("Enter");
    expect(await page.getByTestId("advanced-toggle").getAttribute("aria-expanded")).toBe("true");
    expect(await page.getByTestId("grow").count()).toBe(0); // an image alone: no mask to grow
    expect(await page.getByTestId("color-match").count()).toBe(0);
    // Models that cannot run here are listed greyed out with the reason, not offered as choices.
    const turbo = page.locator('[data-testid="model-picker"] sp-menu-item[value="sd-turbo"]');
    expect(await turbo.getAttribute("disabled")).not.toBeNull();
    expect(await turbo.textContent()).toBe("SD-Turbo (cannot run on this device)");
    expect(await page.locator('[data-testid="model-picker"] sp-menu-item[value="tiny-sd-test"]').getAttribute("disabled")).toBeNull();

    await focusPanelTop();
    await tabTo(page, "mode-variations");
    await page.keyboard.press("Enter");
    expect(await pressedMode()).toBe("mode-variations");

    await clickPage(page, 793, 304, true); // + the rectangle
    await expect.poll(status).toBe("Image with 1 mask shape selected");
    await expect.poll(pressedMode).toBe("mode-fill"); // shapes joined: the panel is about filling now
    expect(await page.getByTestId("mode-note").count()).toBe(0);
    expect(await page.getByTestId("grow").isVisible()).toBe(true);
    expect(await page.getByTestId("color-match").isVisible()).toBe(true);

    await clickPage(page, 420, 575, true); // + the ellipse: same kind, the user's mode choice stays
    await expect.poll(status).toBe("Image with 2 mask shapes selected");
    await clickPage(page, 300, 200); // back to the photo alone
    await expect.poll(status).toBe("Image selected (960×640)");
    await expect.poll(pressedMode).toBe("mode-restyle");
  });

  it("runs Variations at the Fast preset's 2 steps and ends with one line, not a full bar", async () => {
    await focusPanelTop();
    await tabTo(page, "mode-variations");
    await page.keyboard.press("Space");
    // Parked after step 1's preview: live thumbnails on screen must fit the panel too.
    const hold = await holdWorkerAfter(await engineWorkers(), "preview");
    try {
      await tabTo(page, "generate");
      await page.keyboard.press("Enter");
      await hold.engaged(60_000);
      await page.locator('[data-testid="result-pending"][data-state="preview"]').first().waitFor({ timeout: 30_000 });
      expect((await panelOverflow()).out).toEqual([]);
      hold.release();
    } finally {
      await hold.dispose();
    }
    await page.locator('[data-testid="progress"][data-status="done"]').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId("generate-error").count()).toBe(0);
    expect(await page.getByTestId("run-outcome").textContent()).toMatch(/^4 images ready in [\d.]+ s\. Pick one, then Keep\.$/);
    expect(await page.locator('[data-testid="progress"] sp-progress-bar').count()).toBe(0);
    expect(await page.locator('[data-testid="progress"] [role="status"]').textContent()).toMatch(/^4 images ready/);

    await tabTo(page, "keep");
    expect(await page.getByTestId("keep").textContent()).toBe("Keep");
    await page.keyboard.press("Enter");
    await page.getByTestId("keep-done").waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId("keep").textContent()).toBe("Keep again");
    expect(await focusedTestId(page)).toBe("keep"); // pending while adding, never disabled: focus stays

    // Try again starts a run and turns disabled: focus moves to Cancel, not to the page.
    await tabTo(page, "try-again");
    await page.keyboard.press("Enter");
    await expect.poll(() => focusedTestId(page)).toMatch(/^(cancel|generate)$/);
    await expect.poll(() => page.locator(".run").count(), { timeout: 120_000 }).toBe(2);
    await page.locator('[data-testid="progress"][data-status="done"]').waitFor({ timeout: 120_000 });
  }, 180_000);

  it("catches a restyle strength that leaves no step to run, and says which values work", async () => {
    await focusPanelTop();
    await tabTo(page, "mode-restyle");
    await page.keyboard.press("Enter");
    await tabTo(page, "strength");
    await page.keyboard.press("Home"); // 0.05 at 2 steps: int(0.1) = 0 steps
    await expect.poll(hint).toBe("Strength 0.05 at 2 steps leaves nothing to repaint: raise Strength to 0.5 or Steps (Advanced) to 20.");
    expect(await page.getByTestId("generate").getAttribute("disabled")).not.toBeNull();
    await page.keyboard.press("End");
    await expect.poll(() => page.getByTestId("generate").getAttribute("disabled")).toBeNull();
  });

  it("flags a seed out of range as it is typed, and a typed seed survives other updates", async () => {
    await focusPanelTop();
    await tabTo(page, "seed");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("99999999999x"); // the x is refused: digits only
    await expect.poll(() => page.getByTestId("seed").getAttribute("invalid")).not.toBeNull();
    expect(await page.getByTestId("seed").evaluate((el) => (el as HTMLInputElement).value)).toBe("99999999999");
    expect(await page.locator('[data-testid="seed"] sp-help-text').textContent()).toMatch(/A whole number from 0 to 4294967295/);

    await page.keyboard.press("Control+A");
    await page.keyboard.type("1234");
    await expect.poll(() => page.getByTestId("seed").getAttribute("invalid")).toBeNull();
    // The selection changes while the field still has focus (nothing committed yet): the panel
    // re-renders, and what was typed must stay.
    await page.evaluate(() => {
      const doc = window.playground!.doc;
      doc.select(doc.currentPage.artboard.children.find((n) => n.name === "Mask: sun")!);
    });
    await expect.poll(status).toBe("1 shape selected: fill the page region under it");
    expect(await focusedTestId(page)).toBe("seed");
    expect(await page.getByTestId("seed").evaluate((el) => (el as HTMLInputElement).value)).toBe("1234");
  });

  it("Tab and Shift+Tab visit the same controls, focus is drawn, names are present, nothing overflows 320 px", async () => {
    await clickPage(page, 793, 304);
    await clickPage(page, 300, 200, true);
    await expect.poll(status).toBe("Image with 1 mask shape selected");
    await focusPanelTop();
    const forward: string[] = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      const place = await focusedPlace();
      if (place.startsWith("body") || forward.includes(place)) break;
      forward.push(place);
    }
    // Everything that can be used is in the order: the modes, prompt, Generate, results, Keep,
    // Advanced and its fields, and the Models section.
    expect(forward.length).toBeGreaterThan(20);
    // Past the last control focus leaves the page; come back to the last control first.
    for (let i = 0; i < 3 && (await focusedPlace()) !== forward[forward.length - 1]; i++) await page.keyboard.press("Shift+Tab");
    expect(await focusedPlace()).toBe(forward[forward.length - 1]);
    const backward: string[] = [];
    for (let i = 0; i < forward.length - 1; i++) {
      await page.keyboard.press("Shift+Tab");
      backward.push(await focusedPlace());
    }
    expect(backward).toEqual(forward.slice(0, -1).reverse());

    // Native controls draw a focus ring when reached by keyboard (Spectrum's draw their own).
    for (const testId of ["advanced-toggle", "result-thumb"]) {
      await focusPanelTop();
      await tabTo(page, testId);
      const outline = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement!);
        return `${s.outlineStyle} ${s.outlineWidth}`;
      });
      expect(outline, testId).toBe("solid 2px");
    }

    expect(await seriousAxeViolations(page, "#panel-root")).toEqual([]);
    const overflow = await panelOverflow();
    expect(overflow.clientWidth).toBeLessThanOrEqual(320);
    expect(overflow.scrollWidth).toBe(overflow.clientWidth);
    expect(overflow.out).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
