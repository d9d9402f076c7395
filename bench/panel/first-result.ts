/**
 * `npm run bench:panel` (also the last section of `npm run bench`): time from panel open to first
 * result, with the tiny test model already in the browser's model cache. The playground's
 * production build (the real panel, the real worker, the fake Express document) runs in headless
 * Chromium on wasm. Each round
 * reloads the page (the panel opens afresh; OPFS keeps the model), waits `thinkMs` as a user
 * would before acting, selects the photo and a shape, clicks Generate and waits for the results.
 * Printed: the median over the rounds, plus how long the Generate click itself waited.
 */
import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { openPlayground } from "../../test/support/browser-session";
import { CHROMIUM_PATH } from "../../test/support/chromium";
import { clickPage } from "../../test/ui/panel-support";

const TINY = '[data-testid="model-tiny-sd-test"]';

export interface PanelFirstResult {
  /** Panel open (navigation start) → results shown, ms, one per round. */
  openToResultMs: number[];
  /** Generate click → results shown, ms, one per round. */
  clickToResultMs: number[];
  thinkMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function oneRound(page: Page, url: string, thinkMs: number): Promise<{ open: number; click: number }> {
  const opened = Date.now();
  await page.goto(url, { timeout: 240_000 });
  await page.locator(`${TINY}[data-state="present"]`).waitFor({ timeout: 60_000 });
  await page.getByTestId("selection-status").waitFor({ timeout: 60_000 });
  // A user reads the panel and picks what to fill: the panel may use this time.
  await page.waitForTimeout(thinkMs);
  await clickPage(page, 793, 304); // the rectangle over the sun
  await clickPage(page, 300, 200, true); // + the photo
  await page.waitForFunction(() => !document.querySelector('[data-testid="generate"]')?.hasAttribute("disabled"), undefined, { timeout: 30_000 });
  const clicked = Date.now();
  await page.getByTestId("generate").click();
  await page.locator('[data-testid="progress"][data-status="done"]').waitFor({ timeout: 180_000 });
  const done = Date.now();
  return { open: done - opened, click: done - clicked };
}

export async function measurePanelFirstResult(options: { rounds?: number; thinkMs?: number } = {}): Promise<PanelFirstResult> {
  const rounds = options.rounds ?? 3;
  const thinkMs = options.thinkMs ?? 2000;
  const session = await openPlayground({ mode: "production", webgpu: false, viewport: { width: 1400, height: 1000 } });
  const { page, url } = session;
  try {
    // Put the tiny model into the cache once (this download is not timed).
    const tiny = page.locator(TINY);
    await tiny.locator('[data-state="absent"], [data-state="present"]').or(page.locator(`${TINY}[data-state]`)).first().waitFor({ timeout: 60_000 });
    if ((await tiny.getAttribute("data-state")) !== "present") {
      await tiny.getByTestId("download").click();
      await page.locator(`${TINY}[data-state="present"]`).waitFor({ timeout: 120_000 });
    }
    const open: number[] = [];
    const click: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const r = await oneRound(page, url, thinkMs);
      open.push(r.open);
      click.push(r.click);
    }
    return { openToResultMs: open, clickToResultMs: click, thinkMs };
  } finally {
    await session.close();
  }
}

export function formatPanelFirstResult(r: PanelFirstResult): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    `time from panel open to first result (tiny-sd-test cached, wasm, user waits ${r.thinkMs} ms before selecting): median ${s(median(r.openToResultMs))} [${r.openToResultMs.map(s).join(", ")}]`,
    `  of which Generate click → result: median ${s(median(r.clickToResultMs))} [${r.clickToResultMs.map(s).join(", ")}]`,
  ].join("\n");
}

/**
 * The `npm run bench` section: the figure when Chromium is there and the run allows a browser,
 * else one line saying why it was skipped.
 */
export async function panelFirstResultSection(options: { browser: boolean; quick: boolean }): Promise<string> {
  const skipped = (why: string) => `time from panel open to first result: skipped (${why}); \`npm run bench:panel\` measures it alone`;
  if (options.quick) return skipped("--quick runs no browser");
  if (!options.browser) return skipped("--no-browser");
  if (!existsSync(CHROMIUM_PATH)) return skipped(`no Chromium at ${CHROMIUM_PATH}: install it or set CHROMIUM_PATH`);
  try {
    return formatPanelFirstResult(await measurePanelFirstResult());
  } catch (error) {
    return `time from panel open to first result: failed (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`;
  }
}

if (process.argv[1]?.endsWith("first-result.ts")) {
  const think = process.argv.find((a) => a.startsWith("--think-ms="));
  const rounds = process.argv.find((a) => a.startsWith("--rounds="));
  measurePanelFirstResult({ thinkMs: think ? Number(think.split("=")[1]) : undefined, rounds: rounds ? Number(rounds.split("=")[1]) : undefined })
    .then((r) => console.log(formatPanelFirstResult(r)))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
