/**
 * Issue 17 leftover (c): the first Remove of a session gives an ETA from a size-based prior, not
 * "estimating time left" until it ends; a measured fill replaces the prior.
 */
import { describe, expect, it } from "vitest";
import { formatEta, StageClock } from "../../src/ui/flow/progress-eta";
import { removeFillPriorMs, removeRates } from "../../src/ui/flow/remove-eta";

function holeMask(width: number, height: number, holePixels: number) {
  const data = new Uint8Array(width * height);
  data.fill(255, 0, holePixels);
  return { width, height, data };
}

describe("Remove's ETA prior", () => {
  it("grows with the hole for the built-in fill, anchored to the bench figure (512², 20 % hole ≈ 0.8 s)", () => {
    const fifth = removeFillPriorMs(holeMask(512, 512, 52_429));
    expect(fifth).toBeGreaterThan(750);
    expect(fifth).toBeLessThan(1000);
    expect(removeFillPriorMs(holeMask(512, 512, 5_000))).toBeLessThan(fifth / 4);
    // MI-GAN works at 512² whatever the hole: one figure per image.
    expect(removeFillPriorMs(holeMask(512, 512, 5_000), "migan")).toBe(removeFillPriorMs(holeMask(512, 512, 200_000), "migan"));
  });

  it("gives the first run an ETA from its first fill stage, counting every image; a measured rate wins", () => {
    const mask = holeMask(512, 512, 52_429);
    const rates = removeRates(undefined, mask, "built-in");
    const clock = new StageClock(rates, 3);
    clock.onStage("fill", 0);
    const eta = clock.estimate(0).etaSeconds!;
    expect(formatEta(eta)).not.toBe("estimating time left");
    expect(eta).toBeCloseTo((3 * rates.fillMs!) / 1000, 6);
    expect(removeRates({ fillMs: 4000 }, mask, "built-in")).toEqual({ fillMs: 4000 });
    expect(removeRates({ stepMs: 10 }, mask, "migan")).toEqual({ stepMs: 10, fillMs: removeFillPriorMs(mask, "migan") });
    expect(removeRates(undefined, undefined, "built-in")).toEqual({});
  });
});
