/**
 * Every event kind the engine sends changes what the run shows (run-events.ts): loading with
 * parts and bytes, stages, steps, previews, and each notice kind in the user's words.
 */
import { describe, expect, it } from "vitest";
import type { RunEvent } from "../../src/contract/worker-protocol";
import { StageClock } from "../../src/ui/flow/progress-eta";
import { applyEvent } from "../../src/ui/flow/run-events";
import { newRun, type GenerationRun } from "../../src/ui/flow/run-state";
import { DEFAULT_SETTINGS } from "../../src/ui/settings/panel-settings";

function run(): GenerationRun {
  const selection = { type: "image", image: { nodeId: "n1" } } as unknown as Parameters<typeof newRun>[1]["selection"];
  return newRun(1, { selection, settings: { ...DEFAULT_SETTINGS, count: 2 }, model: null, mode: "fill", seed: 5 }, 0);
}

function apply(events: RunEvent[]): GenerationRun {
  const clock = new StageClock();
  return events.reduce<GenerationRun>((r, e, i) => ({ ...r, ...applyEvent(r, e, clock, i * 10) }), run());
}

describe("run events", () => {
  it("load-progress: the part, parts done and the bytes read, for the loading bar (generate-bar.tsx)", () => {
    const r = apply([{ type: "load-progress", component: "unet", index: 1, total: 4, loadedBytes: 2_500_000, totalBytes: 10_000_000 }]);
    expect(r.status).toBe("loading");
    expect(r.load).toEqual({ part: "UNet", done: 1, total: 4, loadedBytes: 2_500_000, totalBytes: 10_000_000 });
  });

  it("stage and step end the loading and move the bar; previews fill the tiles", () => {
    const image = { width: 2, height: 2, data: new Uint8ClampedArray(16) };
    const r = apply([
      { type: "load-progress", component: "vaeDecoder", index: 3, total: 4, loadedBytes: 9, totalBytes: null },
      { type: "stage", stage: "denoise" },
      { type: "step", step: 1, totalSteps: 2, timestep: 999, ms: 10 },
      { type: "preview", step: 1, totalSteps: 2, kind: "latent-projection", images: [image, image] },
    ]);
    expect(r).toMatchObject({ status: "running", load: null, stage: "denoise", step: 1, totalSteps: 2 });
    expect(r.items.map((it) => it.state)).toEqual(["preview", "preview"]);
  });

  it("notices: GPU → CPU fallback, a released model and warnings each become one sentence", () => {
    const r = apply([
      { type: "notice", notice: { kind: "fallback", from: { backend: "webgpu", precision: "fp32" }, to: { backend: "wasm", precision: "fp32" }, reason: { name: "GpuDeviceLostError", message: "The graphics device was lost." } } },
      { type: "notice", notice: { kind: "released", reason: "the model was unloaded after 5 minutes unused, to free memory" } },
      { type: "notice", notice: { kind: "warning", message: "the prompt was cut at 77 tokens" } },
    ]);
    expect(r.notices).toEqual([
      "Running on the CPU instead of the GPU: slower, same results. The graphics device was lost.",
      "The model was unloaded after 5 minutes unused, to free memory.",
      "The prompt was cut at 77 tokens.",
    ]);
  });
});
