/**
 * The panel says what a model cannot do in the engine's own sentence (mode-support.ts), from the
 * catalogue before any download: SD 1.5 Inpainting cannot make images from text; a variant without
 * a VAE encoder cannot restyle or fill, so the panel neither offers nor picks it for those modes.
 */
import { describe, expect, it } from "vitest";
import { getCatalogue, parseCatalogue } from "../../src/engine/models";
import { modeSupport } from "../../src/engine/models/mode-support";
import { engineModeOf, modeRefusals, panelModeRefusal } from "../../src/ui/models/mode-refusals";
import { chooseModel, panelModelsFrom, supportsMode } from "../../src/ui/models/panel-models";
import { PANEL_MODES } from "../../src/ui/settings/panel-settings";

const product = panelModelsFrom(getCatalogue());
const byId = (id: string) => product.find((m) => m.id === id)!;

describe("refusals from the catalogue", () => {
  it("SD 1.5 Inpainting: text-to-image refused with mode-support's sentence, every panel mode offered", () => {
    const sd15 = byId("sd15-inpainting");
    const variant = sd15.model.variants[0];
    const expected = modeSupport(sd15.model, variant, "text-to-image");
    expect(expected.ok).toBe(false);
    expect(modeRefusals(sd15, variant)).toEqual([{ mode: "text-to-image", reason: (expected as { reason: string }).reason }]);
    expect(modeRefusals(sd15, null)[0].reason).toBe("Stable Diffusion 1.5 Inpainting (fp16) only repaints an existing image, so it cannot make one from text alone; use Fill or Restyle with it.");
    for (const mode of ["fill", "restyle", "variations", "expand"] as const) {
      expect(supportsMode(sd15, mode)).toBe(true);
      expect(panelModeRefusal(sd15, variant, mode)).toBeNull();
    }
  });

  it("models that make images from text have nothing to refuse", () => {
    for (const id of ["sd-turbo", "lcm-dreamshaper-v7"]) {
      const model = byId(id);
      for (const variant of model.model.variants) expect(modeRefusals(model, variant), `${id} ${variant.id}`).toEqual([]);
    }
  });

  it("maps panel modes onto the engine's", () => {
    expect(PANEL_MODES.map(engineModeOf)).toEqual(["inpaint", null, "img2img", "img2img", "inpaint"]);
  });
});

describe("a variant without a VAE encoder", () => {
  const raw = JSON.parse(JSON.stringify(getCatalogue())) as { models: { id: string; variants: { files: { role: string }[] }[] }[] };
  const turbo = raw.models.find((m) => m.id === "sd-turbo")!;
  for (const v of turbo.variants) v.files = v.files.filter((f) => f.role !== "vae-encoder");
  const models = panelModelsFrom(parseCatalogue(raw));
  const broken = models.find((m) => m.id === "sd-turbo")!;

  it("is refused for Restyle and Generative fill with the sentence the engine would give", () => {
    const variant = broken.model.variants[0];
    expect(supportsMode(broken, "restyle")).toBe(false);
    expect(supportsMode(broken, "fill")).toBe(false);
    expect(panelModeRefusal(broken, variant, "restyle")).toBe("SD-Turbo (fp16) has no VAE encoder in its published files, so it cannot restyle an image; choose another variant or model.");
    expect(panelModeRefusal(broken, variant, "expand")).toBe("SD-Turbo (fp16) has no VAE encoder in its published files, so it cannot fill a selection; choose another variant or model.");
    expect(modeRefusals(broken, variant).map((r) => r.mode)).toEqual(["img2img", "inpaint"]);
  });

  it("is never the model Generate picks for those modes, even when picked by hand", () => {
    const picked = chooseModel(models, { preset: "fast", mode: "restyle", modelId: "sd-turbo" }, () => "downloadable");
    expect(picked?.id).not.toBe("sd-turbo");
    expect(picked && supportsMode(picked, "restyle")).toBe(true);
  });
});
