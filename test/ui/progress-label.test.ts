/**
 * Issue 19 point 7's small things that are words on the progress line: loading a model counts its
 * parts (a real fraction, not an indeterminate bar for 10–20 s), every later stage shows the time
 * left, and percentages read like the Spectrum bar's own ("49%", no space) everywhere under Generate.
 */
import { describe, expect, it } from "vitest";
import { generateBlocker } from "../../src/ui/components/generate-blocker";
import { progressLabel } from "../../src/ui/components/progress-label";
import type { GenerationRun } from "../../src/ui/flow/generation-session";
import { layerRecordText } from "../../src/ui/settings/from-record";
import { DEFAULT_SETTINGS } from "../../src/ui/settings/panel-settings";
import { imageSelection } from "./selection-fixtures";

function run(change: Partial<GenerationRun>): GenerationRun {
  return {
    id: 1, mode: "fill", modelId: "m", modelName: "Model", settings: DEFAULT_SETTINGS, seed: 7, sourceKey: "image:n1",
    stage: null, load: null, expectedEndAt: null, notices: [], status: "running", step: 0, totalSteps: 4, progress: 0,
    etaSeconds: null, items: [], screened: null, error: null, startedAt: 0, finishedAt: null, ...change,
  };
}

describe("progress line", () => {
  it("counts the model's parts while loading instead of an indeterminate bar", () => {
    expect(progressLabel(run({ status: "loading", load: { part: "UNet", done: 1, total: 4, loadedBytes: 0, totalBytes: null } }))).toEqual({ label: "Loading the model: UNet (2 of 4)", determinate: true, percent: 25 });
    // With byte counts the fraction follows the bytes.
    const bytes = progressLabel(run({ status: "loading", load: { part: "UNet", done: 1, total: 4, loadedBytes: 3 * 1024 ** 2, totalBytes: 4 * 1024 ** 2 } }));
    expect(bytes).toEqual({ label: "Loading the model: UNet (2 of 4) · 3.0 MB of 4.0 MB", determinate: true, percent: 75 });
    // Only before the first part is known is there nothing to count.
    expect(progressLabel(run({ status: "loading" })).determinate).toBe(false);
  });

  it("names the stage with the time left, and counts steps while denoising", () => {
    expect(progressLabel(run({ stage: "vae-decode", progress: 0.8, etaSeconds: 3 })).label).toMatch(/^Decoding the images · /);
    expect(progressLabel(run({ stage: "denoise", step: 3, progress: 0.6, etaSeconds: 4 }))).toMatchObject({ label: expect.stringMatching(/^Step 3 of 4 · /), determinate: true, percent: 60 });
  });

  it("writes percentages as the Spectrum progress bar does", () => {
    const spectrum = new Intl.NumberFormat("en-US", { style: "percent" }).format(0.49); // what sp-progress-bar shows
    const blocker = generateBlocker({
      engineStarted: true, engineFailed: false, selection: imageSelection(960, 640), mode: "restyle",
      model: { id: "m", displayName: "LCM", status: { state: "downloading", loadedBytes: 49, totalBytes: 100, etaSeconds: null } },
      steps: 4, strength: 0.6,
    });
    expect(blocker?.reason).toContain(`… ${spectrum}.`);
  });

  it("a layer made without a prompt is not described as if “no prompt” were its prompt", () => {
    const text = layerRecordText({ ...DEFAULT_SETTINGS, prompt: "", seed: 5, steps: 4 }, []);
    expect(text.summary).toBe("Made with this add-on, without a prompt, seed 5, 4 steps.");
  });
});
