/**
 * A catalogue for tests, pointing at the tiny-sd fixture models served by startModelServer.
 * Hashes come from node:crypto (independent of the Sha256 under test); one file is left unpinned
 * to exercise trust on first use.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Catalogue, CatalogueModel, ModelFile } from "../../../src/engine/models/catalogue-types";
import { parseCatalogue } from "../../../src/engine/models/catalogue";
import { fixturePath } from "../../support/fixture-dirs";
import { encodeOnnxModel } from "../../../scripts/onnx/onnx-writer";

export const TINY_MODELS_DIR = fixturePath("TINY_SD_MODELS_DIR", "test/fixtures/tiny-sd/models");

/** Server path → bytes of the fixture files the test catalogue uses. */
export function fixtureFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const name of ["text_encoder", "unet", "vae_decoder", "vae_encoder"]) {
    files.set(`/tiny-sd/${name}/model.onnx`, new Uint8Array(readFileSync(join(TINY_MODELS_DIR, name, "model.onnx"))));
  }
  return files;
}

/** Source and licence of a model entry made from test fixtures. */
export function fixtureProvenance(id: string, origin: string): Pick<CatalogueModel, "source" | "licence"> {
  return {
    source: { id: `test/${id}`, host: "test", revision: "fixture", pinned: false },
    licence: { id: "test", name: "test fixture", url: origin, commercialUse: "allowed", restrictions: [] },
  };
}

/** An fp32 variant small enough for any device, CPU included. */
export function tinyFp32Variant(memory: { gpuBytes: number; wasmHeapBytes: number }, files: ModelFile[]): CatalogueModel["variants"][number] {
  return {
    id: "fp32",
    precision: "fp32",
    requires: { webgpu: false, shaderF16: false, minMaxBufferSize: 0, minMaxStorageBufferBindingSize: 0 },
    cpu: { possible: true, reason: "tiny" },
    memory: { ...memory, basis: "tiny" },
    files,
  };
}

/**
 * @param options.listing  give the source the test server as its Hub endpoint, so downloads read
 *   the tree listing first (as product models do from huggingface.co).
 */
export function testCatalogue(origin: string, files: Map<string, Uint8Array>, options: { unpinned?: string[]; listing?: boolean; redirectHosts?: string[] } = {}): Catalogue {
  const host = new URL(origin).host;
  const file = (role: ModelFile["role"], path: string): ModelFile => {
    const bytes = files.get(`/tiny-sd/${path}`)!;
    const pinned = !(options.unpinned ?? []).includes(path);
    return {
      role,
      path,
      url: `${origin}/tiny-sd/${path}`,
      size: bytes.length,
      sizeExact: true,
      sha256: pinned ? createHash("sha256").update(bytes).digest("hex") : null,
      hashPinned: pinned,
    };
  };
  const provenance = fixtureProvenance("tiny-sd", origin);
  if (options.listing) provenance.source = { ...provenance.source, endpoint: origin };
  return parseCatalogue({
    version: 1,
    allowedHosts: [host],
    ...(options.redirectHosts ? { redirectHosts: options.redirectHosts } : {}),
    models: [
      {
        id: "tiny-sd",
        displayName: "Tiny SD (test)",
        use: "tests",
        family: "test",
        capabilities: ["img2img", "text2img"],
        nativeResolution: { width: 64, height: 64 },
        ...provenance,
        variants: [
          tinyFp32Variant({ gpuBytes: 1e7, wasmHeapBytes: 1e8 }, [
            file("text-encoder", "text_encoder/model.onnx"),
            file("unet", "unet/model.onnx"),
            file("vae-decoder", "vae_decoder/model.onnx"),
            file("vae-encoder", "vae_encoder/model.onnx"),
          ]),
        ],
      },
    ],
  });
}

/**
 * A UNet stand-in whose one float32 weight `w` [4] lives at `offset` of "model.onnx_data" (y = x + w),
 * as exporters store weights over 2 GB: for the external-data paths of Node and Chromium.
 */
export function externalWeightGraph(offset: number): Uint8Array {
  return encodeOnnxModel({
    name: "external_weight",
    nodes: [{ op: "Add", inputs: ["x", "w"], outputs: ["y"] }],
    inputs: [{ name: "x", dims: [4] }],
    outputs: [{ name: "y", dims: [4] }],
    initializers: [{ name: "w", dims: [4], external: { location: "model.onnx_data", offset, length: 16 } }],
  });
}
