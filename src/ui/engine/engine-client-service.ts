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

    async load(source, onEvent, options = {}) {
      await init();
      // A TAESD downloaded since the last load makes it a different load (previews, Fast finish).
      const key = `${modelSourceKey(source)}${options.preview ? "+preview" : ""}`;
      if (loadedKey === key) return;
      loadedKey = null;
      await client.load(source, { onEvent, preview: options.preview });
      loadedKey = key;
    },

    async generate(request, onEvent, signal) {
      await init();
      return client.generate(request, { signal, onEvent });
    },

    async remove(request, onEvent, signal) {
      await init();
      signal.throwIfAborted();
      const result = await client.remove(request, { onEvent });
      // The fill runs to its end in the worker (it takes about a second); a cancel drops its result.
      signal.throwIfAborted();
      return result;
    },

    async dispose() {
      client.dispose();
    },
  };
}
