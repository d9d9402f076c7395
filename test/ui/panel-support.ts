/**
 * Helpers for the panel's browser tests: the playground stage (mouse selection, as in Express),
 * keyboard navigation that pierces Spectrum's shadow roots, the document's layers, axe-core.
 */
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const PAGE_WIDTH = 1200; // DEMO_PAGE in src/playground/demo-document.ts

/** Clicks the stage canvas at a page coordinate (document units): selecting is the host's job. */
export async function clickPage(page: Page, x: number, y: number, shift = false): Promise<void> {
  const box = await page.locator("canvas.stage-canvas").boundingBox();
  if (!box) throw new Error("the stage canvas is not visible");
  const scale = box.width / PAGE_WIDTH;
  await page.mouse.move(box.x + x * scale, box.y + y * scale);
  if (shift) await page.keyboard.down("Shift");
  await page.mouse.down();
  await page.mouse.up();
  if (shift) await page.keyboard.up("Shift");
}

/** data-testid of the focused element (the shadow host for Spectrum elements), or "". */
export function focusedTestId(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    // Climb out of shadow roots to the nearest element carrying a test id.
    while (el && !el.getAttribute("data-testid")) {
      el = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null);
    }
    return el?.getAttribute("data-testid") ?? "";
  });
}

/** Presses Tab until the element with this test id has focus (fails after `max` presses). */
export async function tabTo(page: Page, testId: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focusedTestId(page)) === testId) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached [data-testid="${testId}"] in ${max} presses (focus is on "${await focusedTestId(page)}")`);
}

export interface LayerInfo {
  id: string;
  name: string | undefined;
  kind: string;
  opacity: number;
}

/** The current page's layers, bottom to top. */
export function layers(page: Page): Promise<LayerInfo[]> {
  return page.evaluate(() =>
    window.playground!.doc.currentPage.artboard.children.map((n) => ({ id: n.id, name: n.name, kind: n.kind, opacity: n.opacity })),
  );
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core on the panel and returns its serious and critical violations. It first lets every
 * running CSS transition end: a button that has just become selected fades between its two colours,
 * and axe would otherwise measure the contrast of a colour the user sees for 130 ms, not the one
 * that stays.
 */
export async function seriousAxeViolations(page: Page, selector: string): Promise<AxeViolation[]> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  const require = createRequire(import.meta.url);
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  return page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(ctx: Element, opts: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document.querySelector(sel)!, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, selector);
}
