/**
 * GenerateService over the engine's EngineClient (src/engine/worker): the Web Worker in the
 * product, so the panel never blocks while the engine works. Init happens once, on first use.
 */
import type { InitOptions } from "../../contract/worker-protocol";
import type { EngineClient } from "../../engine/worker";
import { modelSourceKey, type GenerateService } from "./generate-service";

export function createEngineClientService(client: EngineClient, initOptions: InitOptions = {}): GenerateService {
  let device: ReturnType<EngineClient["init"]> | null = null;
  let loadedKey: string | null = null;
  const init = () => (device ??= client.init(initOptions));

  return {
    device: init,

    async load(source, onProgress) {
      await init();
      const key = modelSourceKey(source);
      if (loadedKey === key) return;
      loadedKey = null;
      await client.load(source, { onProgress: (component, index, total) => onProgress?.({ component, index, total }) });
      loadedKey = key;
    },

    async generate(request, onEvent, signal) {
      await init();
      return client.generate(request, {
        signal,
        onStage: (stage) => onEvent({ type: "stage", stage }),
        onStep: (e) => onEvent({ type: "step", step: e.step, totalSteps: e.totalSteps, ms: e.ms }),
        onPreview: (e) => onEvent({ type: "preview", step: e.step, totalSteps: e.totalSteps, kind: e.kind, images: e.images }),
        onNotice: (notice) => onEvent({ type: "notice", notice }),
      });
    },

    async remove(request, onEvent, signal) {
      await init();
      signal.throwIfAborted();
      const result = await client.remove(request, { onStage: (stage) => onEvent({ type: "stage", stage }) });
      // The fill runs to its end in the worker (it takes about a second); a cancel drops its result.
      signal.throwIfAborted();
      return result;
    },

    async dispose() {
      client.dispose();
    },
  };
}
