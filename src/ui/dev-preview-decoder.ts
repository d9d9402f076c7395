/**
 * The development preview decoder: the TAESD twin (TAESD's own layers at width 4, weights that
 * project latents to colour; scripts/twins/make-taesd-twin.ts), which the playground's dev server
 * serves under `dev-models/taesd-twin/`. Downloaded from the panel like the product TAESD, it turns
 * on real preview decodes and the Fast finish with the tiny test model.
 */
import type { CatalogueModel } from "../engine/models/catalogue-types";

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
    source: { id: "test/taesd-twin", host: "test", revision: "fixture", pinned: false },
    licence: { id: "test", name: "test fixture", url: folder.href, commercialUse: "allowed", restrictions: [] },
    variants: [
      {
        id: "fp32",
        precision: "fp32",
        requires: { webgpu: false, shaderF16: false, minMaxBufferSize: 0, minMaxStorageBufferBindingSize: 0 },
        cpu: { possible: true, reason: "tiny" },
        memory: { gpuBytes: 1e6, wasmHeapBytes: 1e7, basis: "tiny twin" },
        files: FILES.map(([role, path, size]) => ({ role, path, url: new URL(path, folder).href, size, sizeExact: false, sha256: null, hashPinned: false })),
      },
    ],
  };
}
