/**
 * The region editor's way in and out of the panel, in Node: which source a mask belongs to, masks
 * resized to another working size, a painted mask planned exactly as a shapes mask (every mode),
 * the dialog result parsing, and the dialog launcher's fallbacks (against a stub of the SDK's
 * dialog surface; the playground's full fake runs in the browser test).
 */
import { describe, expect, it } from "vitest";
import { parseRegionEditorResult, REGION_EDITOR_INPUT_KEY, type RegionEditorInput } from "../../../src/contract/region-editor";
import { prepareFill, createRgbaImage, type GrayImage } from "../../../src/imaging";
import { availableModes, effectiveMode } from "../../../src/ui/flow/modes";
import { planGeneration } from "../../../src/ui/flow/plan-generation";
import { DEFAULT_SETTINGS } from "../../../src/ui/settings/panel-settings";
import { dialogLauncher, type DialogSdk, type RegionEditorLauncher } from "../../../src/ui/editor/open-region-editor";
import { maskAtSize, regionKey, RegionMaskStore } from "../../../src/ui/editor/region-masks";
import { imageSelection, pageRegion, withShapes } from "../selection-fixtures";

function square(w: number, h: number, x0: number, y0: number, size: number): GrayImage {
  const m = { width: w, height: h, data: new Uint8Array(w * h) };
  for (let y = y0; y < y0 + size; y++) for (let x = x0; x < x0 + size; x++) m.data[y * w + x] = 255;
  return m;
}

describe("masks per source", () => {
  it("keys an image (with or without shapes) by its node, a page region by page and box", () => {
    const image = imageSelection(400, 300);
    expect(regionKey(image)).toBe(regionKey(withShapes(image, 2)));
    expect(regionKey(pageRegion(1))).toMatch(/^region:p1:/);
  });

  it("stores non-empty masks, drops empty ones, and notifies", () => {
    const store = new RegionMaskStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.set("a", square(4, 4, 1, 1, 2));
    expect(store.get("a")).not.toBeNull();
    store.set("a", { width: 4, height: 4, data: new Uint8Array(16) });
    expect(store.get("a")).toBeNull();
    expect(calls).toBe(2);
  });

  it("resizes a mask to another working size and re-thresholds it", () => {
    const m = maskAtSize(square(8, 8, 0, 0, 4), 4, 4);
    expect(Array.from(m.data)).toEqual([255, 255, 0, 0, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("an image alone offers Generative fill once a mask is painted for it", () => {
    const image = imageSelection(400, 300);
    expect(availableModes(image, true)).toEqual(["fill", "remove", "restyle", "variations", "expand"]);
    expect(effectiveMode(image, null, true)).toBe("fill");
  });
});

describe("planning with a painted mask", () => {
  const source = createRgbaImage(200, 120);
  const mask = square(200, 120, 50, 30, 40);
  for (const mode of ["fill", "restyle", "variations"] as const) {
    it(`${mode}: the engine gets exactly prepareFill's model mask for the painted raster`, () => {
      const plan = planGeneration({ mode, source, maskShapes: [], paintedMask: mask, settings: DEFAULT_SETTINGS, maxModelSide: 64, seed: 1 });
      const expected = prepareFill(source, { mask }, { maxModelSide: 64, growPx: DEFAULT_SETTINGS.growPx, featherPx: DEFAULT_SETTINGS.featherPx });
      expect(plan.request.mode).toBe("inpaint");
      expect(plan.request.mask?.data).toEqual(expected.modelMask.data);
      expect(plan.prepared?.plan.context).toEqual(expected.plan.context);
    });
  }

  it("the painted mask wins over the selection's shapes", () => {
    const shapes = [{ shape: { kind: "rectangle" as const, width: 10, height: 10 }, transform: [1, 0, 0, 1, 0, 0] as const }];
    const plan = planGeneration({ mode: "fill", source, maskShapes: shapes, paintedMask: mask, settings: DEFAULT_SETTINGS, maxModelSide: 64, seed: 1 });
    expect(plan.prepared?.plan.maskBounds.x).toBeGreaterThan(30);
  });
});

describe("dialog result and launcher", () => {
  const input: RegionEditorInput = { version: 1, sessionId: "s1", title: "t", width: 2, height: 1, image: new Uint8Array([1]), imageType: "image/png", mask: null, growPx: 8, featherPx: 8 };
  const done = { status: "done", sessionId: "s1", width: 2, height: 1, mask: new Uint8Array([0, 255]), growPx: 4, featherPx: 2 };

  it("accepts only a complete result of this opening", () => {
    expect(parseRegionEditorResult(done, "s1")).toEqual(done);
    expect(parseRegionEditorResult(done, "s2").status).toBe("cancelled");
    expect(parseRegionEditorResult(undefined, "s1").status).toBe("cancelled"); // Express's X button
    expect(parseRegionEditorResult({ ...done, mask: new Uint8Array(3) }, "s1").status).toBe("cancelled");
  });

  function stubSdk(behaviour: { store?: "ok" | "quota"; dialog?: "ok" | "refuse" }) {
    const stored = new Map<string, unknown>();
    const calls: string[] = [];
    const sdk: DialogSdk = {
      app: {
        async showModalDialog(options) {
          calls.push(`dialog:${options.src}:${options.size?.width}x${options.size?.height}`);
          if (behaviour.dialog === "refuse") throw new Error("not supported");
          expect(stored.get(REGION_EDITOR_INPUT_KEY)).toEqual(input);
          return { result: done };
        },
      },
      instance: {
        clientStorage: {
          async setItem(key, value) {
            if (behaviour.store === "quota") throw new Error("quota");
            stored.set(key, value);
          },
          async removeItem(key) {
            calls.push(`remove:${key}`);
            stored.delete(key);
          },
        },
      },
    };
    const fallback: RegionEditorLauncher = { kind: "in-panel", open: async () => (calls.push("fallback"), { status: "cancelled", sessionId: "s1" }) };
    return { launcher: dialogLauncher(sdk, fallback), calls, stored };
  }

  it("opens editor.html in a custom dialog, returns its result and removes the input", async () => {
    const { launcher, calls, stored } = stubSdk({});
    expect(await launcher.open(input)).toEqual(done);
    expect(calls).toEqual(["dialog:editor.html:960x720", `remove:${REGION_EDITOR_INPUT_KEY}`]);
    expect(stored.size).toBe(0);
  });

  it("falls back to the in-panel editor when the dialog or the storage refuses", async () => {
    const refused = stubSdk({ dialog: "refuse" });
    expect((await refused.launcher.open(input)).status).toBe("cancelled");
    expect(refused.calls).toContain("fallback");
    const full = stubSdk({ store: "quota" });
    await full.launcher.open(input);
    expect(full.calls).toEqual(["fallback"]);
  });
});
