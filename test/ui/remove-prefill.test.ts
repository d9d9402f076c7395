/**
 * Issue 17 leftover (d): SD's exemplar start is filled in the engine worker, not on the panel's
 * thread. planGeneration leaves the hole unfilled and marks the plan; fillStartInWorker sends the
 * region to the worker's built-in removal (in-thread transport here, the real protocol) and gets
 * exactly what prepareFill's in-thread exemplar start gave. The start is forced to "exemplar" here
 * (today's measured default is "blur": sd-prefill.ts), so the path runs whatever the default is.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import type { RunEvent } from "../../src/contract/worker-protocol";
import { createInThreadEngineClient } from "../../src/engine/worker/in-thread-engine-client";
import { prepareFill } from "../../src/imaging/fill";
import { createEngineClientService } from "../../src/ui/engine/engine-client-service";
import { planGeneration } from "../../src/ui/flow/plan-generation";
import { fillStartInWorker } from "../../src/ui/flow/remove-prefill";
import { DEFAULT_SETTINGS } from "../../src/ui/settings/panel-settings";

vi.mock("../../src/ui/flow/sd-prefill", () => ({ sdPrefillFor: () => "exemplar", SURROUNDINGS_PREFILL: "exemplar" }));

const service = createEngineClientService(createInThreadEngineClient({ gpu: null }), { forceBackend: "wasm" });
afterAll(() => service.dispose());

function stripes(width: number, height: number) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([(x >> 2) % 2 ? 220 : 30, 120, (y * 255) / height, 255], (y * width + x) * 4);
  return { width, height, data };
}

const source = stripes(96, 96);
const mask = { width: 96, height: 96, data: new Uint8Array(96 * 96) };
for (let y = 36; y < 60; y++) mask.data.fill(255, y * 96 + 36, y * 96 + 60);
const settings = { ...DEFAULT_SETTINGS, prompt: "", strength: 0.6, growPx: 0, featherPx: 0 };

describe("SD's exemplar start, filled in the worker", () => {
  it("is not filled while planning; the worker's fill is the in-thread exemplar start, bit for bit", async () => {
    const plan = planGeneration({ mode: "fill", source, maskShapes: [], paintedMask: mask, settings, maxModelSide: 96, seed: 1 });
    expect(plan.workerPrefill).toBe("exemplar");
    const options = { maxModelSide: 96, growPx: 0, featherPx: 0 };
    const keep = prepareFill(source, { mask }, { ...options, prefill: "keep" });
    const inThread = prepareFill(source, { mask }, { ...options, prefill: "exemplar" });
    expect(plan.request.image!.data).toEqual(keep.modelImage.data); // the hole still holds the object

    const events: RunEvent[] = [];
    await fillStartInWorker(service, plan, (e) => events.push(e), new AbortController().signal);
    expect(events.filter((e) => e.type === "stage").map((e) => (e as { stage: string }).stage)).toEqual(["fill"]);
    expect(plan.workerPrefill).toBeUndefined();
    expect(plan.request.image!.data).toEqual(inThread.modelImage.data);
    expect(plan.prepared!.modelImage.data).toEqual(inThread.modelImage.data);
    expect(plan.request.image!.data).not.toEqual(keep.modelImage.data);
    expect(plan.request.mask!.data).toEqual(inThread.modelMask.data); // the mask stays the plan's
  });

  it("Remove's plan asks for no start fill (its engines read only the pixels around the hole)", () => {
    const plan = planGeneration({ mode: "remove", source, maskShapes: [], paintedMask: mask, settings, maxModelSide: 96, seed: 1 });
    expect(plan.workerPrefill).toBeUndefined();
  });
});
