/**
 * onnxruntime-web as an ExecutionBackend: the wasm CPU backend (Node 20 and browsers) and WebGPU
 * (browsers). In Node, `import "onnxruntime-web"` resolves to its node build, which finds its
 * .wasm files next to itself; a browser bundle sets `wasmPaths` instead.
 */
import * as ortWeb from "onnxruntime-web";
import type { BatchingPreference, ExecutionBackend, GraphSource, TensorElementType } from "./backend";
import { ModelLoadError } from "../errors";

export type OrtWebModule = typeof ortWeb;

export interface OrtWebBackendOptions {
  /** "wasm" (default) or "webgpu"; WebGPU falls back to nothing — the caller decides fallbacks. */
  device?: "wasm" | "webgpu";
  /** wasm threads; 1 needs no SharedArrayBuffer / cross-origin isolation. Default 1. */
  numThreads?: number;
  /** Where the browser fetches ort-wasm-*.wasm/.mjs from (unused in Node). */
  wasmPaths?: string;
  /** Another build of the same package (e.g. `onnxruntime-web/webgpu`) to use instead of the default import. */
  ort?: OrtWebModule;
  /** Override the batching preference (tests use this to force both schedules). */
  batching?: Partial<BatchingPreference>;
}

export function createOrtWebBackend(options: OrtWebBackendOptions = {}): ExecutionBackend {
  const ort = options.ort ?? ortWeb;
  const device = options.device ?? "wasm";
  ort.env.wasm.numThreads = options.numThreads ?? 1;
  if (options.wasmPaths !== undefined) ort.env.wasm.wasmPaths = options.wasmPaths;
  // Errors only: at the default "warning" level every WebGPU load prints ~8 red "nodes not assigned
  // to the preferred execution providers" lines (shape ops ORT puts on the CPU on purpose).
  ort.env.logLevel = "error";

  // CPU: batch 1 is cheaper per image and keeps the heap small. GPU: one call for everything.
  const batching: BatchingPreference =
    device === "wasm" ? { maxUnetBatch: 1, maxVaeBatch: 1 } : { maxUnetBatch: 8, maxVaeBatch: 4 };

  return {
    name: device,
    batching: { ...batching, ...options.batching },
    async createSession(source: GraphSource) {
      const sessionOptions: ortWeb.InferenceSession.SessionOptions = {
        executionProviders: [device],
        logSeverityLevel: 3, // errors only (see env.logLevel above)
        graphOptimizationLevel: "all",
      };
      if (source.externalData) {
        checkWasmExternalDataLimit(source);
        sessionOptions.externalData = source.externalData.map(({ path, data }) => ({ path, data }));
      }
      try {
        if (source.bytes) return await ort.InferenceSession.create(source.bytes, sessionOptions);
        if (source.url) return await ort.InferenceSession.create(source.url, sessionOptions);
      } catch (error) {
        throw new ModelLoadError(source.name, error);
      }
      throw new ModelLoadError(source.name, new Error("no bytes or url given"));
    },
    createTensor(type: TensorElementType | "uint8", data, dims) {
      return new ort.Tensor(type, data, dims);
    },
  };
}

/**
 * onnxruntime-web (1.30) reads each external-data file whole into one JS buffer and copies
 * tensors out of it with 32-bit offsets (wasm32 `size_t`): a file of 4 GiB or more cannot load,
 * whatever the device. Checked here so the message names the limit instead of a RangeError.
 */
const WASM_EXTERNAL_DATA_LIMIT = 4 * 1024 ** 3;

function checkWasmExternalDataLimit(source: GraphSource): void {
  for (const e of source.externalData ?? []) {
    const size = e.size ?? (typeof e.data === "string" ? undefined : e.data.byteLength);
    if (size !== undefined && size >= WASM_EXTERNAL_DATA_LIMIT) {
      throw new ModelLoadError(
        source.name,
        new Error(`its external-data file ${e.path} is ${(size / 1024 ** 3).toFixed(2)} GiB; onnxruntime-web addresses external data with 32-bit offsets, so each file must be under 4 GiB (re-export it split into smaller files)`),
      );
    }
  }
}
