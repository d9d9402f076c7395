/**
 * What the engine tells the panel about the device, memory and the loaded model (replies to
 * init / estimate / load), and the options it starts with.
 */
import type { ComponentName, MemoryFigures } from "./model-spec";

export type EngineBackendName = "webgpu" | "wasm";
export type Precision = "fp16" | "fp32";
export type PreviewKind = "taesd" | "latent-projection";

export interface InitOptions {
  /** Folder URL (ending "/") of ORT's .wasm/.mjs files; default: the bundle's ort/ folder. */
  ortWasmBase?: string;
  /** Force a backend (user setting "CPU only", or tests). */
  forceBackend?: EngineBackendName;
  /** Accept `test-fault` requests (tests only). */
  allowTestFaults?: boolean;
  /** The wasm heap available to all sessions; default 4 GiB. */
  wasmHeapLimitBytes?: number;
  /**
   * Keep constant inputs (prompt embeddings) on the GPU across UNet steps. Default true; the
   * benchmark turns it off to measure what it saves.
   */
  gpuResidentInputs?: boolean;
}

/** What the worker found out about the device, in words a settings page can show. */
export interface DeviceReport {
  backend: EngineBackendName;
  /** fp16 only when the adapter has `shader-f16`. */
  precision: Precision;
  /** Why this backend/precision and not a better one ("no WebGPU adapter", …). */
  reasons: string[];
  adapter: {
    vendor: string;
    architecture: string;
    description: string;
    shaderF16: boolean;
    maxBufferSize: number;
    maxStorageBufferBindingSize: number;
  } | null;
  /** True when the wasm runtime can use threads (needs SharedArrayBuffer); false in the Express iframe. */
  wasmThreads: boolean;
  wasmHeapLimitBytes: number;
}

export interface MemoryReport {
  modelId: string;
  variantId: string;
  backend: EngineBackendName;
  precision: Precision;
  /** Estimated memory on the backend that would be used: GPU bytes or wasm heap bytes. */
  estimatedBytes: number;
  figures: MemoryFigures;
  /** False when the choice cannot run here; `message` then says why and what to do. */
  fits: boolean;
  message: string;
}

export interface LoadedModelReport {
  modelId: string;
  variantId: string;
  backend: EngineBackendName;
  precision: Precision;
  components: ComponentName[];
  /** "taesd" when a preview decoder is loaded, else the linear latent projection. */
  preview: PreviewKind;
  memory: MemoryReport;
  loadMs: number;
  /** True when a content classifier was loaded with the model and will check every result. */
  screened: boolean;
}
