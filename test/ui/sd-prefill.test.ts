/**
 * SD's start image in the hole: the exemplar start is available to prepareFill (outside the mask the
 * model image is the keep start's, inside it is filled from the surroundings), and sdPrefillFor
 * picks the measured default only for runs that keep part of the start or follow no prompt.
 */
import { describe, expect, it } from "vitest";
import { prepareFill } from "../../src/imaging/fill";
import { DEFAULT_PREFILL } from "../../src/imaging/prefill";
import { sdPrefillFor, SURROUNDINGS_PREFILL } from "../../src/ui/flow/sd-prefill";

function stripes(width: number, height: number) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([(x >> 2) % 2 ? 220 : 30, 120, (y * 255) / height, 255], (y * width + x) * 4);
  return { width, height, data };
}

describe("SD start image", () => {
  it("exemplar: the hole continues the stripes; outside the mask the start is the original, bit for bit", () => {
    const source = stripes(96, 96);
    const mask = { width: 96, height: 96, data: new Uint8Array(96 * 96) };
    for (let y = 36; y < 60; y++) mask.data.fill(255, y * 96 + 36, y * 96 + 60);
    const options = { maxModelSide: 96, growPx: 0, featherPx: 0, upscaleSmallRegions: false };
    const keep = prepareFill(source, { mask }, { ...options, prefill: "keep" });
    const blur = prepareFill(source, { mask }, { ...options, prefill: "blur" });
    const exemplar = prepareFill(source, { mask }, { ...options, prefill: "exemplar" });
    const m = keep.modelMask.data;
    let outsideDiff = 0, insideRange = 0, blurRange = 0;
    const inside: number[] = [], blurInside: number[] = [];
    for (let i = 0; i < m.length; i++) {
      if (m[i] === 0) outsideDiff += Math.abs(exemplar.modelImage.data[4 * i] - keep.modelImage.data[4 * i]);
      else if (m[i] === 255) (inside.push(exemplar.modelImage.data[4 * i]), blurInside.push(blur.modelImage.data[4 * i]));
    }
    insideRange = Math.max(...inside) - Math.min(...inside);
    blurRange = Math.max(...blurInside) - Math.min(...blurInside);
    expect(outsideDiff).toBe(0);
    expect(insideRange).toBeGreaterThan(150); // stripes copied in (30 … 220)
    expect(blurRange).toBeLessThan(insideRange); // the push-pull blur averages them away
  });

  it("uses the measured start only when part of the start image survives or no prompt leads", () => {
    expect(sdPrefillFor(1, "a red balloon")).toBe(DEFAULT_PREFILL);
    expect(sdPrefillFor(0.6, "a red balloon")).toBe(SURROUNDINGS_PREFILL);
    expect(sdPrefillFor(1, "   ")).toBe(SURROUNDINGS_PREFILL);
  });
});
