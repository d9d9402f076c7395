/**
 * Which generation modes a catalogued variant really runs, decided from the catalogue alone
 * (before any download), with the one sentence the panel shows when it cannot. The rules follow
 * the engine: img2img and fill need the VAE encoder; a model claiming img2img also fills, by
 * latent blending with the same UNet (the 9-channel UNet when it has one); text-to-image needs the
 * model to claim it (an inpainting-only UNet repaints, it does not draw from nothing).
 * test/engine/models/catalogue-walk.test.ts runs every supported pair on the variant's twin.
 */
import type { CatalogueModel, ModelVariant } from "./catalogue-types";

export type GenerationModeName = "text-to-image" | "img2img" | "inpaint";
export const GENERATION_MODES: readonly GenerationModeName[] = ["text-to-image", "img2img", "inpaint"];

export type ModeSupport = { ok: true } | { ok: false; reason: string };

export function modeSupport(model: CatalogueModel, variant: ModelVariant, mode: GenerationModeName): ModeSupport {
  const has = (role: string) => variant.files.some((f) => f.role === role);
  const can = (capability: string) => model.capabilities.includes(capability as never);
  const name = `${model.displayName} (${variant.id})`;
  if (!has("unet") || !has("text-encoder") || !has("vae-decoder")) return { ok: false, reason: `${name} is not an image generator, so it cannot ${verb(mode)}.` };
  switch (mode) {
    case "text-to-image":
      return can("text2img") ? { ok: true } : { ok: false, reason: `${name} only repaints an existing image, so it cannot make one from text alone; use Fill or Restyle with it.` };
    case "img2img":
      if (!can("img2img")) return { ok: false, reason: `${name} cannot restyle an image; choose a model that offers Restyle.` };
      return has("vae-encoder") ? { ok: true } : { ok: false, reason: `${name} has no VAE encoder in its published files, so it cannot restyle an image; choose another variant or model.` };
    case "inpaint":
      if (!can("inpaint") && !can("img2img")) return { ok: false, reason: `${name} cannot fill a selection; choose a model that offers Fill.` };
      return has("vae-encoder") ? { ok: true } : { ok: false, reason: `${name} has no VAE encoder in its published files, so it cannot fill a selection; choose another variant or model.` };
  }
}

function verb(mode: GenerationModeName): string {
  return mode === "text-to-image" ? "make images from text" : mode === "img2img" ? "restyle an image" : "fill a selection";
}
