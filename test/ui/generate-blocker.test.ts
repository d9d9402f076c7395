/**
 * Why Generate is disabled (components/generate-blocker.ts): every reason says what to do next,
 * the download that unblocks it comes with it, and a strength that would leave img2img no step to
 * run is caught before the engine refuses it. Also the fix behind it: Variations (no strength
 * control) always leave at least one step, checked against core's own strength rule.
 */
import { describe, expect, it } from "vitest";
import { strengthSlice } from "../../src/core/timesteps";
import { createRgbaImage } from "../../src/imaging";
import { generateBlocker, type BlockerInput } from "../../src/ui/components/generate-blocker";
import { denoisingSteps, strengthFor, VARIATIONS_STRENGTH } from "../../src/ui/flow/modes";
import { planGeneration } from "../../src/ui/flow/plan-generation";
import type { ModelStatus } from "../../src/ui/models/model-library";
import { DEFAULT_SETTINGS, LIMITS } from "../../src/ui/settings/panel-settings";
import { imageSelection, withShapes } from "./selection-fixtures";

const image = imageSelection(64, 64);
const withMask = withShapes(image, 1);
const MB = 1024 ** 2;
const model = (status: ModelStatus) => ({ id: "tiny", displayName: "Tiny", status });
const ready: BlockerInput = {
  engineStarted: true,
  engineFailed: false,
  selection: withMask,
  mode: "fill",
  model: model({ state: "present", bytesOnDisk: 10 * MB }),
  steps: 2,
  strength: 0.6,
};

describe("generate blocker", () => {
  it("is null when everything is in place", () => {
    expect(generateBlocker(ready)).toBeNull();
    expect(generateBlocker({ ...ready, selection: image, mode: "restyle" })).toBeNull();
    expect(generateBlocker({ ...ready, selection: image, mode: "variations" })).toBeNull(); // 2 steps: the bug this guards
  });

  it("names the engine, the document and the selection states in words that say what to do", () => {
    expect(generateBlocker({ ...ready, engineStarted: false })?.reason).toBe("Starting the engine…");
    expect(generateBlocker({ ...ready, engineStarted: false, engineFailed: true })?.reason).toMatch(/reload the panel/);
    expect(generateBlocker({ ...ready, selection: undefined, mode: null })?.reason).toBe("Waiting for the document…");
    const unsupported = generateBlocker({ ...ready, selection: { type: "unsupported", revision: 1, reason: "text", message: "x" }, mode: null });
    expect(unsupported).toEqual({ reason: "Select an image or shapes on the page to start.", action: null });
    expect(generateBlocker({ ...ready, model: null })?.reason).toBe("No model that can do Generative fill runs on this device: Models below says why.");
  });

  it("offers the download itself when the model is missing, and Cancel while it downloads", () => {
    expect(generateBlocker({ ...ready, model: model({ state: "absent", downloadBytes: 10.6 * MB }) })).toEqual({
      reason: "“Tiny” is not on this device yet.",
      action: { kind: "download", modelId: "tiny", label: "Download (10.6 MB)" },
    });
    expect(generateBlocker({ ...ready, model: model({ state: "partial", bytesOnDisk: 3 * MB, downloadBytes: 10.6 * MB }) })).toEqual({
      reason: "“Tiny” is partly downloaded (3.0 MB of 10.6 MB).",
      action: { kind: "download", modelId: "tiny", label: "Resume download" },
    });
    const downloading = generateBlocker({ ...ready, model: model({ state: "downloading", loadedBytes: 4 * MB, totalBytes: 10 * MB, etaSeconds: null }) });
    expect(downloading?.reason).toBe("Downloading “Tiny”… 40%. Generate turns on when it is done.");
    expect(downloading?.action).toEqual({ kind: "cancel-download", modelId: "tiny", label: "Cancel download" });
    expect(generateBlocker({ ...ready, model: model({ state: "unsupported", message: "no GPU" }) })?.reason).toMatch(/pick another model under Advanced/);
  });

  it("catches a restyle strength that leaves no step, with the strength and the steps that would", () => {
    const low = generateBlocker({ ...ready, selection: image, mode: "restyle", strength: 0.3, steps: 2 });
    expect(low?.reason).toBe("Strength 0.3 at 2 steps leaves nothing to repaint: raise Strength to 0.5 or Steps (Advanced) to 4.");
    const one = generateBlocker({ ...ready, selection: image, mode: "restyle", strength: 0.95, steps: 1 });
    expect(one?.reason).toBe("Strength 0.95 at 1 step leaves nothing to repaint: raise Strength to 1 or Steps (Advanced) to 2.");
    // The advice is right: following either half unblocks Generate.
    expect(generateBlocker({ ...ready, selection: image, mode: "restyle", strength: 0.5, steps: 2 })).toBeNull();
    expect(generateBlocker({ ...ready, selection: image, mode: "restyle", strength: 0.3, steps: 4 })).toBeNull();
    expect(generateBlocker({ ...ready, mode: "fill", strength: 0.05, steps: 1 })).toBeNull(); // fill runs at strength 1
  });
});

describe("variations strength", () => {
  it("runs at least one denoising step at every step count (core's strength rule agrees)", () => {
    for (let steps = LIMITS.steps.min; steps <= LIMITS.steps.max; steps++) {
      const strength = strengthFor("variations", 0.2, steps);
      expect(() => strengthSlice(steps, strength), `${steps} steps`).not.toThrow();
      expect(strengthSlice(steps, strength).stepsToRun).toBe(denoisingSteps(steps, strength));
      if (steps >= 3) expect(strength).toBe(VARIATIONS_STRENGTH); // as close as before when it can be
    }
    expect(strengthFor("variations", 0.2, 2)).toBe(0.5);
    expect(strengthFor("variations", 0.2)).toBe(VARIATIONS_STRENGTH);
  });

  it("denoisingSteps mirrors core's strengthSlice wherever that one runs", () => {
    for (const steps of [1, 2, 3, 7, 20, 50]) {
      for (let k = 1; k <= 20; k++) {
        const strength = k * 0.05;
        const expected = denoisingSteps(steps, strength);
        if (expected === 0) expect(() => strengthSlice(steps, strength)).toThrow(/no denoising step/);
        else expect(strengthSlice(steps, strength).stepsToRun).toBe(expected);
      }
    }
  });

  it("reaches the engine request: the Fast preset's 2 steps ask for strength 0.5", () => {
    const plan = planGeneration({
      mode: "variations",
      source: createRgbaImage(64, 64),
      maskShapes: [],
      settings: { ...DEFAULT_SETTINGS, steps: 2 },
      maxModelSide: 64,
      seed: 1,
    });
    expect(plan.request.strength).toBe(0.5);
    expect(plan.strength).toBe(0.5);
  });
});
