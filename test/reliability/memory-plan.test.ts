/** Large inputs are planned like the panel plans them; what cannot fit is refused with the largest size that would. */
import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../../src/engine/node/cli-args";
import { finishImage, planJob } from "../../src/engine/node/cli-plan";
import { estimatePeakBytes, largestFitting } from "../../src/engine/node/memory-plan";
import { createRgbaImage } from "../../src/imaging";
import type { ModelDirFacts } from "../../src/engine/node/model-dir";

const facts: ModelDirFacts = { workingSide: 512, memory: { weightBytes: 17e6, unetTopHeads: 0 } };
const args = (...extra: string[]) => parseCliArgs(["--model-dir", "m", "--token-ids", "0,2", "--memory-limit-mb", "8000", ...extra]);

function image(width: number, height: number) {
  const img = createRgbaImage(width, height);
  for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 31) % 256;
  return img;
}

describe("genfill size and memory planning", () => {
  it("downscales a 2048² image to the model's 512² working size", () => {
    const planned = planJob(args("--image", "x.png"), facts, "node", image(2048, 2048));
    expect(planned.size).toEqual({ width: 512, height: 512 });
    expect(planned.notes[0]).toMatch(/2048×2048 image runs at 512×512/);
  });

  it("keeps the aspect when downscaling (multiples of 8)", () => {
    expect(planJob(args("--image", "x.png"), facts, "node", image(3000, 1000)).size).toEqual({ width: 512, height: 168 });
  });

  it("crops a mask's neighbourhood with context instead of running the whole image", () => {
    const mask = { width: 2048, height: 2048, data: new Uint8Array(2048 * 2048) };
    for (let y = 1000; y < 1100; y++) mask.data.fill(255, y * 2048 + 900, y * 2048 + 1000);
    const planned = planJob(args("--image", "x.png", "--mask", "m.png"), facts, "node", image(2048, 2048), mask);
    expect(Math.max(planned.size.width, planned.size.height)).toBeLessThanOrEqual(512);
    expect(planned.job.mode).toBe("inpaint");
  });

  it("composites a masked result so pixels away from the mask are the input's, bit for bit", () => {
    const source = image(256, 256);
    const mask = { width: 256, height: 256, data: new Uint8Array(256 * 256) };
    for (let y = 100; y < 140; y++) mask.data.fill(255, y * 256 + 100, y * 256 + 140);
    const { job, size } = planJob(args("--image", "x.png", "--mask", "m.png"), facts, "node", source, mask);
    const generated = createRgbaImage(size.width, size.height); // all zeros: anything it touches changes
    const out = finishImage(job, generated, false);
    expect([out.width, out.height]).toEqual([256, 256]);
    expect(out.data.subarray(0, 256 * 4 * 50)).toEqual(source.data.subarray(0, 256 * 4 * 50));
    expect(out.data[(120 * 256 + 120) * 4]).not.toBe(source.data[(120 * 256 + 120) * 4]);
  });

  it("writes the model's output as generated with --raw", () => {
    const source = image(256, 256);
    const mask = { width: 256, height: 256, data: new Uint8Array(256 * 256).fill(255, 0, 256 * 40) };
    const { job, size } = planJob(args("--image", "x.png", "--mask", "m.png", "--raw"), facts, "node", source, mask);
    expect(finishImage(job, createRgbaImage(size.width, size.height), true)).toMatchObject(size);
  });

  it("refuses text-to-image at a size that cannot fit, naming the largest that would", () => {
    expect(() => planJob(args("--width", "2048", "--height", "2048"), facts, "node")).toThrow(
      /Running at 2048×2048 needs about 11\d\.\d GB of memory but 8\.0 GB is available .*the largest that fits is \d+×\d+: use --width \d+ --height \d+\./,
    );
  });

  it("refuses a --max-side that cannot fit, naming the --max-side that would", () => {
    expect(() => planJob(args("--image", "x.png", "--max-side", "2048"), facts, "node", image(2048, 2048))).toThrow(/use --max-side \d+\./);
  });

  it("caps the wasm backend at its 4 GiB heap", () => {
    expect(() => planJob(args("--width", "1024", "--height", "1024", "--memory-limit-mb", "100000"), facts, "wasm")).toThrow(/4\.3 GB is available/);
  });

  it("finds a largest size whose estimate fits and whose next step does not", () => {
    const fit = largestFitting(facts.memory, 2048, 2048, 4e9)!;
    expect(estimatePeakBytes(facts.memory, fit.width, fit.height)).toBeLessThanOrEqual(4e9);
    expect(estimatePeakBytes(facts.memory, fit.width + 8, fit.height + 8)).toBeGreaterThan(4e9);
  });

  it("estimates the fourth-power growth measured on the tiny model (512² ≈ 0.9 GB, 768² ≈ 3 GB)", () => {
    expect(estimatePeakBytes(facts.memory, 512, 512) / 1e9).toBeCloseTo(0.9, 0);
    expect(estimatePeakBytes(facts.memory, 768, 768) / 1e9).toBeCloseTo(3.1, 0);
  });

  it("refuses text-to-image sizes that are not multiples of 8, suggesting one", () => {
    expect(() => planJob(args("--width", "500", "--height", "512"), facts, "node")).toThrow(/must be multiples of 8 \(got 500×512\); try 504×512/);
  });
});
