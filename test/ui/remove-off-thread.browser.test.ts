/**
 * Issue 17 leftover (d), measured in Chromium: the panel's longest main-thread stall while SD's
 * exemplar start is made for a 16 MP image with a 512² hole, the old way (the fill on the panel's
 * thread inside prepareFill) and now (planning on the panel's thread, the fill in the engine's Web
 * Worker: remove-prefill.ts). A 10 ms interval ticks throughout; its longest gap is the stall the
 * user feels (no clicks, no repaint). Planning itself (masks, crop, resize of the 16 MP source) stays
 * on the panel's thread in both, so "now" is that planning alone.
 * Also the panel's stall while it plans a region of a 16 MP source on its own (planGenerationSteps,
 * a step per turn as plan-run.ts does: mask grow and feather, crop, resize, pre-fill), first call
 * (cold code) and the fastest of the next four. Both print figures for the README; speed targets
 * live in bench/, not in timed tests.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type BrowserHarness } from "../engine/browser/support/browser-harness";

let h: BrowserHarness;

beforeAll(async () => {
  h = await openHarness({ webgpu: false });
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe("SD's exemplar start off the panel's thread", () => {
  it("stalls the panel far less with the fill in the worker than on the panel's thread (16 MP, 512² hole)", async () => {
    await h.call("start", "cpu", { forceBackend: "wasm" });
    const panel = await h.call("exemplarStartStall", "panel", 4000, 512);
    const worker = await h.call("exemplarStartStall", "worker", 4000, 512, "cpu");
    console.log(
      `exemplar start, 4000×4000 source, 512² hole: panel thread ${panel.maxGapMs.toFixed(0)} ms longest stall (${panel.totalMs.toFixed(0)} ms total); ` +
        `worker ${worker.maxGapMs.toFixed(0)} ms longest stall (${worker.totalMs.toFixed(0)} ms total)`,
    );
    expect(worker.modelWidth).toBe(panel.modelWidth);
    expect(panel.maxGapMs).toBeGreaterThan(0.8 * panel.totalMs); // the old way: one block, the whole fill
    expect(worker.maxGapMs).toBeLessThan(panel.maxGapMs / 2);
  }, 300_000);
});

describe("planning a region on the panel's thread", () => {
  it("reports the longest stall of planning (a step per turn, as the panel plans) on a 4000×4000 source with a 512² hole", async () => {
    const stalls: number[] = await h.call("planStall", 4000, 512, 5);
    console.log(`planning, 4000×4000 source, 512² hole: first call ${stalls[0].toFixed(0)} ms longest stall, then ${stalls.slice(1).map((s) => s.toFixed(0)).join(" / ")} ms`);
    expect(stalls).toHaveLength(5);
    for (const s of stalls) expect(Number.isFinite(s) && s > 0).toBe(true);
  }, 300_000);
});
