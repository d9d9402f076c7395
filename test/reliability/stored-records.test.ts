/** Layer records from the document: unknown keys dropped, values clamped, and the note says so. */
import { describe, expect, it } from "vitest";
import type { GenerationRecord } from "../../src/contract";
import { GENERATION_RECORD_KEY, readGenerationRecord } from "../../src/sandbox/generation-record-store";
import type { AddOnDataSurface } from "../../src/sandbox/express-surface";
import { layerRecordText, recordSettings } from "../../src/ui/settings/from-record";
import { DEFAULT_SETTINGS } from "../../src/ui/settings/panel-settings";

const good: GenerationRecord = {
  model: "sd-turbo",
  prompt: "a red fox",
  negativePrompt: "",
  seed: 42,
  steps: 4,
  strength: 0.6,
  guidanceScale: 1,
  mode: "fill",
  addOnVersion: "0.1.0",
  createdAt: "2026-12-01T00:00:00Z",
};

function stored(value: unknown): AddOnDataSurface {
  const text = JSON.stringify(value);
  return { getItem: (key: string) => (key === GENERATION_RECORD_KEY ? text : undefined) } as unknown as AddOnDataSurface;
}

describe("stored generation records", () => {
  it("drops keys the record does not define before the panel sees it", () => {
    const read = readGenerationRecord(stored({ ...good, __proto__x: 1, script: "<img onerror=alert(1)>", nested: { deep: true } }));
    expect(Object.keys(read!).sort()).toEqual(Object.keys(good).sort());
  });

  it("clamps a seed of −1e308 and says so", () => {
    const { settings, adjustments } = recordSettings(DEFAULT_SETTINGS, { ...good, seed: -1e308 });
    expect(settings.seed).toBe(0);
    expect(adjustments).toEqual(["seed -1E308 → 0"]);
  });

  it("clamps 1,000,000,000 steps to the panel's 50 and says so", () => {
    const { settings, adjustments } = recordSettings(DEFAULT_SETTINGS, { ...good, steps: 1e9 });
    expect(settings.steps).toBe(50);
    expect(adjustments).toEqual(["steps 1,000,000,000 → 50"]);
  });

  it("cuts a 200 KB prompt to the panel's limit and says so", () => {
    const { settings, adjustments } = recordSettings(DEFAULT_SETTINGS, { ...good, prompt: "fox ".repeat(50_000) });
    expect(settings.prompt).toHaveLength(1000);
    expect(adjustments).toEqual(["prompt cut to 1,000 characters"]);
  });

  it("lists nothing for a record inside the limits", () => {
    expect(recordSettings(DEFAULT_SETTINGS, good).adjustments).toEqual([]);
  });

  it("shows the clamped values in the layer note, not the stored ones, and says the record was adjusted", () => {
    const { settings, adjustments } = recordSettings(DEFAULT_SETTINGS, { ...good, seed: -1e308, steps: 1e9, prompt: "x".repeat(200_000) });
    const text = layerRecordText(settings, adjustments);
    expect(text.summary).toBe("Made with this add-on from “" + "x".repeat(120) + "…”, seed 0, 50 steps.");
    expect(text.adjusted).toBe(
      "Its stored settings were outside this panel's limits, so these are used instead: prompt cut to 1,000 characters; seed -1E308 → 0; steps 1,000,000,000 → 50.",
    );
  });
});
