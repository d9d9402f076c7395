/**
 * The parts every development catalogue entry shares (the tiny SD model, the TAESD twin): test
 * provenance, and one fp32 variant that runs anywhere, its files served from `folder` with
 * approximate sizes (the fixtures may be rebuilt, so sizes and hashes are not checked).
 */
import type { CatalogueModel, ModelFile, ModelVariant } from "../engine/models/catalogue-types";

export function devProvenance(id: string, folder: URL): Pick<CatalogueModel, "source" | "licence"> {
  return {
    source: { id: `test/${id}`, host: "test", revision: "fixture", pinned: false },
    licence: { id: "test", name: "test fixture", url: folder.href, commercialUse: "allowed", restrictions: [] },
  };
}

export function devVariant(folder: URL, files: readonly (readonly [ModelFile["role"], string, number])[], memory: { gpuBytes: number; wasmHeapBytes: number }): ModelVariant {
  return {
    id: "fp32",
    precision: "fp32",
    requires: { webgpu: false, shaderF16: false, minMaxBufferSize: 0, minMaxStorageBufferBindingSize: 0 },
    cpu: { possible: true, reason: "tiny" },
    memory: { ...memory, basis: "tiny fixture" },
    files: files.map(([role, path, size]) => ({ role, path, url: new URL(path, folder).href, size, sizeExact: false, sha256: null, hashPinned: false })),
  };
}
