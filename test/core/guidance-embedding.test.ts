import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guidanceScaleEmbedding, guidanceScaleEmbeddingBatch } from "../../src/core/guidance-embedding";
import { fixturePath, readFloat32 } from "../support/fixture-dirs";

const cases = fixturePath("TINY_SD_LCM_CASES_DIR", "test/fixtures/tiny-sd-lcm/cases");

describe("guidanceScaleEmbedding (diffusers' get_guidance_scale_embedding)", () => {
  it.each([
    ["lcm_txt2img_4steps", 7],
    ["lcm_txt2img_batch2_48x64", 0.5],
  ])("matches the recorded timestep_cond of %s (w = %s) within 1e-6", (name, w) => {
    const expected = readFloat32(join(cases, name, "timestep_cond.bin")).subarray(0, 256);
    const got = guidanceScaleEmbedding(w, 256);
    let worst = 0;
    for (let i = 0; i < 256; i++) worst = Math.max(worst, Math.abs(got[i] - expected[i]));
    expect(worst).toBeLessThan(1e-6);
  });

  it("is sin then cos of 1000·w times the frequencies, zero-padded when odd", () => {
    const even = guidanceScaleEmbedding(0, 8);
    expect([...even]).toEqual([0, 0, 0, 0, 1, 1, 1, 1]); // w = 0: sin 0, cos 0
    const odd = guidanceScaleEmbedding(0.25, 9);
    expect(odd[8]).toBe(0);
    expect(odd[0]).toBeCloseTo(Math.sin(250), 4); // k = 0: frequency 1
    expect(odd[4]).toBeCloseTo(Math.cos(250), 4);
  });

  it("repeats one row per image", () => {
    const batch = guidanceScaleEmbeddingBatch(3, 16, 3);
    expect(batch.length).toBe(48);
    expect([...batch.subarray(32)]).toEqual([...guidanceScaleEmbedding(3, 16)]);
  });

  it("refuses a non-finite weight or a length below 4", () => {
    expect(() => guidanceScaleEmbedding(Number.NaN, 256)).toThrow(/finite/);
    expect(() => guidanceScaleEmbedding(1, 2)).toThrow(/at least 4/);
  });
});
