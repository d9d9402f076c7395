/**
 * The run's ETA covers every stage from measured rates: it keeps counting down through the VAE
 * decode (no events arrive then), and a second run of the same model knows the decode's cost.
 */
import { describe, expect, it } from "vitest";
import { StageClock } from "../../src/ui/flow/progress-eta";
import { describeNotice } from "../../src/ui/flow/run-events";

/** A run: 4 steps of 1 s after a 2 s first step, then a 3 s decode and a 0.5 s content filter. */
function drive(clock: StageClock, probe: (label: string, now: number) => void): number {
  let now = 0;
  clock.onStage("tokenize", now);
  clock.onStage("text-encoder", (now += 100));
  clock.onStage("denoise", (now += 400));
  for (let step = 1; step <= 4; step++) {
    const ms = step === 1 ? 2000 : 1000;
    clock.onStep(step, 4, ms, (now += ms));
    probe(`step ${step}`, now);
  }
  clock.onStage("vae-decode", now);
  for (let t = 1; t <= 3; t++) probe(`decode +${t}s`, (now += 1000));
  clock.onStage("content-filter", now);
  probe("filter", (now += 500));
  clock.finish(now);
  return now;
}

describe("StageClock", () => {
  it("first run: ETA falls through the decode instead of stalling, progress never goes back", () => {
    const clock = new StageClock();
    const seen: { label: string; eta: number | null; progress: number }[] = [];
    drive(clock, (label, now) => {
      const e = clock.estimate(now);
      seen.push({ label, eta: e.etaSeconds, progress: e.progress });
    });
    const decode = seen.filter((s) => s.label.startsWith("decode"));
    // Without a measured decode the guess is one step (1 s); past it the ETA says "almost done", never a frozen figure.
    expect(decode.map((s) => s.eta)).toEqual([0, 0, 0]);
    for (let i = 1; i < seen.length; i++) expect(seen[i].progress).toBeGreaterThanOrEqual(seen[i - 1].progress);
    expect(Math.max(...seen.map((s) => s.progress))).toBeLessThan(1);
    expect(clock.measured).toMatchObject({ stepMs: 1000, vaeDecodeMs: 3000, contentFilterMs: 500 });
  });

  it("second run: the measured decode and filter are in the ETA from the first step", () => {
    const first = new StageClock();
    drive(first, () => undefined);
    const second = new StageClock(first.measured);
    const seen: Record<string, number | null> = {};
    drive(second, (label, now) => (seen[label] = second.estimate(now).etaSeconds));
    // After step 1 of 4: 3 steps × 1 s (the rate of the last run until this one has more steps) + 3 s decode + 0.5 s filter.
    expect(seen["step 1"]).toBeCloseTo(3 * 2 + 3.5, 6); // only the slow first step is measured in this run so far
    expect(seen["step 4"]).toBeCloseTo(3.5, 6);
    expect(seen["decode +1s"]).toBeCloseTo(2.5, 6);
    expect(seen["decode +2s"]).toBeCloseTo(1.5, 6);
    expect(seen["filter"]).toBeCloseTo(0, 6);
  });

  it("Remove: times each image's fill, counts down the images left, and gives the next run an ETA from its start", () => {
    const first = new StageClock({}, 3);
    first.onStage("fill", 0);
    expect(first.estimate(500).etaSeconds).toBeNull(); // nothing measured yet
    first.onStage("fill", 2000); // image 1 took 2 s: this one and the last are left
    expect(first.estimate(2500).etaSeconds).toBeCloseTo(1.5 + 2, 6);
    first.onStage("fill", 4000);
    expect(first.estimate(5000).etaSeconds).toBeCloseTo(1, 6);
    first.finish(6000);
    expect(first.measured.fillMs).toBeCloseTo(2000, 6);
    const next = new StageClock(first.measured, 1);
    next.onStage("fill", 10_000);
    expect(next.estimate(10_500).etaSeconds).toBeCloseTo(1.5, 6);
    expect(next.estimate(10_500).progress).toBeCloseTo(0.25, 6);
  });

  it("says what a fallback means for the run", () => {
    const text = describeNotice({ kind: "fallback", from: { backend: "webgpu", precision: "fp16" }, to: { backend: "wasm", precision: "fp32" }, reason: { name: "GpuDeviceLostError", message: "The graphics device was lost." } });
    expect(text).toBe("Running on the CPU instead of the GPU: slower, same results. The graphics device was lost.");
    expect(describeNotice({ kind: "warning", message: "prompt cut" })).toBe("Prompt cut.");
  });
});
