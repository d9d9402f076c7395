/**
 * The development preview decoder: the TAESD twin (TAESD's own layers at width 4, weights that
 * project latents to colour; scripts/twins/make-taesd-twin.ts), which the playground's dev server
 * serves under `dev-models/taesd-twin/`. Downloaded from the panel like the product TAESD, it turns
 * on real preview decodes and the Fast finish with the tiny test model.
 */
import type { CatalogueModel } from "../engine/models/catalogue-types";
import { devProvenance, devVariant } from "./dev-fixture-model";

/** Approximate sizes for the UI (the twin may be rebuilt, so they are not checked). */
const FILES = [
  ["vae-decoder", "vae_decoder/model.onnx", 27_930],
  ["vae-encoder", "vae_encoder/model.onnx", 27_172],
] as const;

/** @param base URL of the folder holding `taesd-twin/` (e.g. new URL("dev-models/", document.baseURI)). */
export function devTaesdModel(base: URL): CatalogueModel {
  const folder = new URL("taesd-twin/", base);
  return {
    id: "taesd-test",
    displayName: "Tiny TAESD (test twin)",
    use: "development only: TAESD's layers, projection weights; previews and the Fast finish",
    family: "taesd",
    capabilities: ["preview-decoder"],
    nativeResolution: { width: 64, height: 64 },
    ...devProvenance("taesd-twin", folder),
    variants: [devVariant(folder, FILES, { gpuBytes: 1e6, wasmHeapBytes: 1e7 })],
  };
}
