/** The tiny test model as the panel hands development models to the engine: a spec with the bytes. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ModelSource } from "../../src/contract/worker-protocol";
import { devPanelModels } from "../../src/ui/dev-models";
import { fixturePath } from "../support/fixture-dirs";

const modelsDir = fixturePath("TINY_SD_MODELS_DIR", "test/fixtures/tiny-sd/models");
export const tinyPanelModel = devPanelModels(new URL("http://127.0.0.1/dev-models/"))[0];

export function tinySource(): ModelSource {
  const bytes = (name: string) => ({ bytes: new Uint8Array(readFileSync(join(modelsDir, name, "model.onnx"))) });
  return {
    kind: "spec",
    spec: {
      id: tinyPanelModel.id,
      schedulerConfig: tinyPanelModel.model.recommended!.schedulerConfig,
      variants: [{ id: "fp32", precision: "fp32", files: { textEncoder: bytes("text_encoder"), unet: bytes("unet"), vaeEncoder: bytes("vae_encoder"), vaeDecoder: bytes("vae_decoder") } }],
    },
  };
}
