/**
 * MI-GAN's device choice and its fallback, in Node (no GPU here: the WebGPU backend is a stand-in
 * that fails the way an unsupported kernel does; the real WebGPU run is migan-webgpu.browser.test.ts).
 * The wasm side is real: onnxruntime-web running the twin from a real model cache.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineBackendName, RunEvent } from "../../../src/contract/worker-protocol";
import type { DeviceSelection } from "../../../src/engine/browser/device-selection";
import { downloadModel } from "../../../src/engine/models";
import { NodeDirectoryStore } from "../../../src/engine/models/node-directory-store";
import { RemovalService, miganBackendChoice } from "../../../src/engine/removal/removal-service";
import type { ExecutionBackend } from "../../../src/engine/runtime/backend";
import { createOrtWebBackend } from "../../../src/engine/runtime/ort-web-backend";
import type { ModelServer } from "../models/model-server";
import { localMigan, startMiganServer } from "./migan-local";

const dir = mkdtempSync(join(tmpdir(), "lgf-migan-device-"));
const store = new NodeDirectoryStore(dir);
let server: ModelServer;
let catalogue: ReturnType<typeof localMigan>;
beforeAll(async () => {
  server = await startMiganServer();
  catalogue = localMigan(server.origin);
  await downloadModel(catalogue.models[0], catalogue.models[0].variants[0], { store, catalogue });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function gpuSelection(): DeviceSelection {
  const report = { backend: "webgpu" as const, precision: "fp32" as const, reasons: [], adapter: null, wasmThreads: false, wasmHeapLimitBytes: 2 ** 31 };
  return { report, gpu: { isLost: false, monitor: null } as unknown as DeviceSelection["gpu"] };
}

function request() {
  const image = { width: 64, height: 48, data: new Uint8ClampedArray(64 * 48 * 4).fill(120) };
  const mask = { width: 64, height: 48, data: new Uint8Array(64 * 48) };
  for (let y = 20; y < 30; y++) mask.data.fill(255, y * 64 + 20, y * 64 + 40);
  return { image, mask, engine: "migan" as const };
}

describe("MI-GAN's device", () => {
  it("follows the worker's choice: WebGPU when chosen, wasm otherwise or once MI-GAN failed on the GPU", () => {
    const gpu = gpuSelection();
    expect(miganBackendChoice(gpu, false)).toBe("webgpu");
    expect(miganBackendChoice(gpu, true)).toBe("wasm");
    expect(miganBackendChoice({ report: { ...gpu.report, backend: "wasm" }, gpu: null }, false)).toBe("wasm");
  });

  it("a WebGPU load failure becomes a fallback notice, and the Remove finishes on wasm; later Removes stay there", async () => {
    const wasm = createOrtWebBackend({ device: "wasm" });
    const asked: EngineBackendName[] = [];
    const failingGpu = { ...wasm, name: "webgpu", createSession: async () => Promise.reject(new Error("webgpu kernel not found for op Conv")) } as ExecutionBackend;
    const selection = gpuSelection();
    const service = new RemovalService({
      devices: { ensure: async () => selection, backendFor: (name) => (asked.push(name), name === "webgpu" ? failingGpu : wasm) },
      store: async () => store,
      catalogue,
    });
    const events: RunEvent[] = [];
    const result = await service.handle(request(), (e) => events.push(e));
    expect(result.backend).toBe("wasm");
    expect(result.image.data[(25 * 64 + 30) * 4]).toBe(123); // the twin: mean kept colour 120 + 3
    expect(asked).toEqual(["webgpu", "wasm"]);
    expect(events).toEqual([{ type: "notice", notice: { kind: "fallback", from: { backend: "webgpu", precision: "fp32" }, to: { backend: "wasm", precision: "fp32" }, reason: expect.objectContaining({ message: expect.stringContaining("Conv") }) } }]);
    events.length = 0;
    expect((await service.handle(request(), (e) => events.push(e))).backend).toBe("wasm");
    expect(events).toEqual([]);
    expect(service.loadedOn).toBe("wasm");
    await service.release();
  });

  it("a missing model is not a GPU problem: no fallback, one sentence that says how to get it", async () => {
    const events: RunEvent[] = [];
    const service = new RemovalService({
      devices: { ensure: async () => gpuSelection(), backendFor: () => createOrtWebBackend({ device: "wasm" }) },
      store: async () => new NodeDirectoryStore(mkdtempSync(join(tmpdir(), "lgf-migan-none-"))),
      catalogue,
    });
    await expect(service.handle(request(), (e) => events.push(e))).rejects.toMatchObject({ name: "RemovalModelUnavailableError" });
    expect(events).toEqual([]);
  });
});
