/**
 * onnxruntime-node (optional dependency) behind the same ExecutionBackend: it loads when
 * installed, and a whole pipeline gives the same images as onnxruntime-web wasm.
 */
import { describe, expect, it } from "vitest";
import { loadEngineFromSources } from "../../src/engine/worker/engine-from-sources";
import { tryCreateOrtNodeBackend } from "../../src/engine/runtime/ort-node-backend";
import { fixtureImage, fixtureMask, loadTinyEngine, maxAbsDiff, SD15_DDIM, tinyIds } from "./support/tiny-engine";
import { tinyModel } from "./support/tiny-models";

const native = await tryCreateOrtNodeBackend({ intraOpNumThreads: 1 });
let installed = false;
try {
  await import("onnxruntime-node" as string);
  installed = true;
} catch {
  installed = false;
}

describe("onnxruntime-node backend", () => {
  it("is found exactly when the package is installed", () => {
    expect(native !== null).toBe(installed);
  });

  it.skipIf(!installed)("inpaints like the wasm backend (same graphs, same pipeline)", async () => {
    const nodeEngine = await loadEngineFromSources(
      native!,
      { textEncoder: tinyModel("text_encoder"), unet: tinyModel("unet"), unetInpaint: tinyModel("unet_inpaint"), vaeEncoder: tinyModel("vae_encoder"), vaeDecoder: tinyModel("vae_decoder") },
      { schedulerConfig: SD15_DDIM },
    );
    const wasmEngine = await loadTinyEngine();
    const options = { prompt: tinyIds(5, 6, 7), negativePrompt: tinyIds(), image: fixtureImage(), mask: fixtureMask(), numInferenceSteps: 5, seeds: [3, 4] };
    const a = await nodeEngine.inpaint(options);
    const b = await wasmEngine.inpaint(options);
    const diff = maxAbsDiff(a.pixels, b.pixels);
    console.log(`onnxruntime-node vs wasm, inpaint 2 images: max |Δ| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(1e-4);
  });
});
