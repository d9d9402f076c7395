/**
 * Bundled by migan-webgpu.browser.test.ts (esbuild) into the test page: MI-GAN's twin downloaded
 * into OPFS from its catalogue entry, then run through the engine's real protocol (the in-thread
 * EngineHost: the worker's device choice, RemovalService, MiganRemover) on WebGPU and on wasm.
 * Also asks ORT where each node of the graph runs on WebGPU (verbose session log: "Node(s) placed
 * on [...]"), which the product never does.
 */
import * as ort from "onnxruntime-web";
import type { EngineNotice } from "../../../src/contract/worker-protocol";
import { parseCatalogue } from "../../../src/engine/models/catalogue";
import { downloadModel } from "../../../src/engine/models";
import { OpfsModelStore } from "../../../src/engine/models/opfs-store";
import { createInThreadEngineClient } from "../../../src/engine/worker/in-thread-engine-client";
import type { EngineClient } from "../../../src/engine/worker/engine-client";

/** 600 × 400: red ramp left→right, green ramp top→bottom, blue 90; a white 60 × 40 object masked at (300, 180). */
function scene() {
  const [w, h] = [600, 400];
  const image = { width: w, height: h, data: new Uint8ClampedArray(w * h * 4) };
  const mask = { width: w, height: h, data: new Uint8Array(w * h) };
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) image.data.set([Math.round((x * 255) / w), Math.round((y * 255) / h), 90, 255], (y * w + x) * 4);
  for (let y = 180; y < 220; y++) for (let x = 300; x < 360; x++) ((mask.data[y * w + x] = 255), image.data.set([255, 255, 255], (y * w + x) * 4));
  return { image, mask };
}

const clients = new Map<string, EngineClient>();

const api = {
  async download(catalogueJson: unknown): Promise<void> {
    const catalogue = parseCatalogue(catalogueJson);
    const model = catalogue.models[0];
    await downloadModel(model, model.variants[0], { store: new OpfsModelStore("migan-device"), catalogue });
  },

  /** An engine (the worker's host, in this thread) whose device is chosen as the worker chooses it. */
  async start(name: string, catalogueJson: unknown, ortBase: string, forceBackend?: "wasm") {
    const engine = createInThreadEngineClient({ modelStore: new OpfsModelStore("migan-device"), catalogue: parseCatalogue(catalogueJson) });
    clients.set(name, engine);
    return engine.init({ ortWasmBase: ortBase, ...(forceBackend ? { forceBackend } : {}) });
  },

  async remove(name: string) {
    const { image, mask } = scene();
    const notices: EngineNotice[] = [];
    const t0 = performance.now();
    const result = await clients.get(name)!.remove({ image, mask, engine: "migan" }, { onEvent: (e) => e.type === "notice" && notices.push(e.notice) });
    const original = scene().image;
    let changedOutside = 0;
    for (let i = 0; i < original.data.length; i++) if (mask.data[i >> 2] === 0 && result.image.data[i] !== original.data[i]) changedOutside++;
    return { backend: result.backend, ms: performance.now() - t0, pixels: Array.from(result.image.data), changedOutside, notices };
  },

  /** Destroys ORT's GPUDevice (the one every WebGPU session of this page shares): a lost GPU. */
  async loseGpu(): Promise<void> {
    (await ort.env.webgpu.device).destroy();
    await new Promise((r) => setTimeout(r, 50));
  },

  /** One WebGPU session of `bytes` with ORT's verbose log on (read by the test from the page's console). */
  async placements(bytes: number[], ortBase: string): Promise<void> {
    ort.env.wasm.wasmPaths = ortBase;
    ort.env.logLevel = "verbose";
    const session = await ort.InferenceSession.create(Uint8Array.from(bytes), { executionProviders: ["webgpu"], logSeverityLevel: 0, logVerbosityLevel: 0 });
    await session.release();
  },
};

(globalThis as unknown as { miganDevice: typeof api }).miganDevice = api;
