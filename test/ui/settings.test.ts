import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, MAX_SEED, PRESET_DEFAULTS, sanitizeSettings, seedsFor } from "../../src/ui/settings/panel-settings";
import { createLocalSettingsStorage, createMemorySettingsStorage } from "../../src/ui/settings/settings-storage";

/** A Storage with the Web API's string semantics, for Node (which has no localStorage). */
function mapStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

describe("panel settings", () => {
  it("turns garbage into the defaults", () => {
    for (const stored of [undefined, null, 42, "x", [], { steps: "many" }]) {
      expect(sanitizeSettings(stored)).toEqual({ ...DEFAULT_SETTINGS });
    }
  });

  it("clamps, rounds and drops what it does not know", () => {
    const s = sanitizeSettings({
      count: 9,
      steps: 12.6,
      guidanceScale: -3,
      strength: 2,
      seed: -5,
      growPx: 1e9,
      modeOverride: "text-to-image",
      preset: "quality",
      prompt: "p".repeat(5000),
      evil: "<script>",
    });
    expect(s).toMatchObject({ count: 4, steps: 13, guidanceScale: 0, strength: 1, seed: 0, growPx: 64, modeOverride: null, preset: "quality" });
    expect(s.prompt).toHaveLength(1000);
    expect("evil" in s).toBe(false);
    expect(sanitizeSettings({ preset: "quality", steps: null }).steps).toBe(PRESET_DEFAULTS.quality.steps);
    expect(sanitizeSettings({ seed: 2 ** 40 }).seed).toBe(MAX_SEED);
    expect(sanitizeSettings({ count: Number.NaN }).count).toBe(DEFAULT_SETTINGS.count);
  });

  it("gives one seed per image, wrapping at 2^32", () => {
    expect(seedsFor(7, 4)).toEqual([7, 8, 9, 10]);
    expect(seedsFor(MAX_SEED, 2)).toEqual([MAX_SEED, 0]);
  });

  it("round-trips through localStorage and ignores a corrupt entry", async () => {
    const backing = mapStorage();
    const storage = createLocalSettingsStorage("k", backing);
    expect(await storage.load()).toBeUndefined();
    const settings = { ...DEFAULT_SETTINGS, prompt: "a lighthouse", count: 2 };
    await storage.save(settings);
    expect(sanitizeSettings(await storage.load())).toEqual(settings);
    backing.setItem("k", "{not json");
    expect(await storage.load()).toBeUndefined();
  });

  it("memory storage returns copies", async () => {
    const storage = createMemorySettingsStorage();
    const value = { a: [1] };
    await storage.save(value);
    value.a.push(2);
    expect(await storage.load()).toEqual({ a: [1] });
  });
});
