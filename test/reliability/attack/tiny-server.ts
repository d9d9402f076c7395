/** The tiny model served over 127.0.0.1 for the worker client's attacks (the real fetch path). */
import type { ModelSpec } from "../../../src/contract/worker-protocol";
import { SD15_SCHEDULER_CONFIG } from "../../../src/engine/model-layout";
import { serveStatic } from "../../support/static-server";

export async function startTinyServer(modelsDir: string): Promise<{ spec: ModelSpec; close(): Promise<void> }> {
  const server = await serveStatic({ mounts: { "/models/": modelsDir } });
  const url = (component: string) => ({ url: `${server.origin}/models/${component}/model.onnx` });
  const spec: ModelSpec = {
    id: "tiny-sd",
    displayName: "Tiny SD (attack)",
    schedulerConfig: { ...SD15_SCHEDULER_CONFIG },
    variants: [{ id: "fp32", precision: "fp32", files: { textEncoder: url("text_encoder"), unet: url("unet"), unetInpaint: url("unet_inpaint"), vaeEncoder: url("vae_encoder"), vaeDecoder: url("vae_decoder") } }],
  };
  return { spec, close: () => server.close() };
}
