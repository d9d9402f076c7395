/**
 * The "remove" request kind through the real worker protocol (in-thread transport: structured
 * clone + transfer, as postMessage): no model loaded, the built-in fill runs, the same event kinds
 * as generate come back (stage, then result), and bad input is one clear error.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { createInThreadEngineClient } from "../../../src/engine/worker/in-thread-engine-client";
import { decodePng } from "../../../src/imaging/png-node";
import { cropRgba } from "../../../src/imaging/crop";
import type { PipelineStage } from "../../../src/contract/worker-protocol";

const engine = createInThreadEngineClient({ gpu: null });
afterAll(() => engine.dispose());

async function region() {
  const photo = await decodePng(readFileSync("test/fixtures/photos/coffee.png"));
  const image = cropRgba(photo, { x: 200, y: 100, width: 160, height: 120 });
  const mask = { width: 160, height: 120, data: new Uint8Array(160 * 120) };
  for (let y = 40; y < 80; y++) mask.data.fill(255, y * 160 + 50, y * 160 + 110);
  return { image, mask };
}

describe("remove request (built-in fill)", () => {
  it("fills the masked area with no model loaded, leaving the rest bit for bit", async () => {
    const { image, mask } = await region();
    const original = new Uint8ClampedArray(image.data);
    const maskCopy = new Uint8Array(mask.data);
    const stages: PipelineStage[] = [];
    const result = await engine.remove({ image, mask, seed: 3 }, { onEvent: (e) => e.type === "stage" && stages.push(e.stage) });
    expect(stages).toEqual(["fill"]);
    expect(result.engine).toBe("built-in");
    expect(image.data.length).toBe(0); // transferred, as the protocol promises
    expect(result.image.width).toBe(160);
    let changed = 0;
    for (let i = 0; i < maskCopy.length; i++) {
      if (!maskCopy[i]) for (let c = 0; c < 4; c++) expect(result.image.data[4 * i + c]).toBe(original[4 * i + c]);
      else if (result.image.data[4 * i] !== original[4 * i]) changed++;
    }
    expect(changed).toBeGreaterThan(1000);
    expect(result.timings.total).toBeGreaterThan(0);
  });

  it("refuses an empty mask and a mismatched one with a sentence that says what to do", async () => {
    const { image } = await region();
    await expect(engine.remove({ image, mask: { width: 160, height: 120, data: new Uint8Array(160 * 120) } })).rejects.toMatchObject({
      name: "InvalidInputError",
      message: "The removal mask selects no pixels: mark what to remove, then press Remove again.",
    });
    const again = await region();
    await expect(engine.remove({ image: again.image, mask: { width: 10, height: 10, data: new Uint8Array(100) } })).rejects.toMatchObject({
      name: "InvalidInputError",
      message: expect.stringMatching(/must match/),
    });
  });
});
