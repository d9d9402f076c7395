/**
 * The engine's ExecutionBackends in a browser (or a worker): onnxruntime-web on WebGPU with the
 * device chosen by device-selection, or on wasm. Both wrap every session in a GuardedSession so
 * runs are serialised, and GPU runs are watched for device loss and out-of-memory.
 */
import * as ortWeb from "onnxruntime-web";
import type { ExecutionBackend, ModelSource } from "../runtime/backend";
import { createOrtWebBackend, type OrtWebModule } from "../runtime/ort-web-backend";
import type { GpuContext } from "./device-selection";
import { ShaderF16UnavailableError } from "./errors";
import { GuardedSession } from "./guarded-session";
import { ResidentInputCache } from "./resident-inputs";
import type { RunLock } from "./run-lock";

export interface BrowserBackendOptions {
  lock: RunLock;
  /** Folder URL of ORT's .wasm/.mjs runtime files. */
  wasmPaths?: string;
  /** 1 unless the page is cross-origin isolated (no SharedArrayBuffer in the Express iframe). */
  numThreads?: number;
  ort?: OrtWebModule;
}

export interface WebGpuBackendOptions extends BrowserBackendOptions {
  gpu: GpuContext;
  /**
   * Inputs kept on the GPU between runs while their values do not change (the UNet's prompt
   * embeddings). Empty list = upload every input on every run (the benchmark's baseline).
   */
  residentInputNames?: readonly string[];
}

/** Inputs that are constant across the denoising steps of one run. */
export const DEFAULT_RESIDENT_INPUTS = ["encoder_hidden_states"] as const;

export function createWasmBackend(options: BrowserBackendOptions): ExecutionBackend {
  const base = createOrtWebBackend({ device: "wasm", ort: options.ort, wasmPaths: options.wasmPaths, numThreads: options.numThreads ?? 1 });
  return {
    ...base,
    async createSession(source: ModelSource) {
      const session = await options.lock.run(() => base.createSession(source));
      return new GuardedSession(session, { lock: options.lock });
    },
  };
}

export function createWebGpuBackend(options: WebGpuBackendOptions): ExecutionBackend {
  const ort = options.ort ?? ortWeb;
  const { gpu, lock } = options;
  // Must happen before the first WebGPU session: ORT then uses our device instead of making one.
  ort.env.webgpu.device = gpu.device;
  const base = createOrtWebBackend({ device: "webgpu", ort, wasmPaths: options.wasmPaths, numThreads: options.numThreads ?? 1 });
  const residentNames = new Set(options.residentInputNames ?? DEFAULT_RESIDENT_INPUTS);
  return {
    ...base,
    async createSession(source: ModelSource) {
      const session = await lock.run(() => gpu.monitor.guard(() => base.createSession(source)));
      if (!gpu.shaderF16 && usesFloat16(session)) {
        await session.release().catch(() => undefined);
        throw new ShaderF16UnavailableError();
      }
      const usesResident = session.inputNames.some((name) => residentNames.has(name));
      const resident = usesResident ? new ResidentInputCache(ort, gpu.device, residentNames) : undefined;
      return new GuardedSession(session, { lock, monitor: gpu.monitor, resident });
    },
  };
}

function usesFloat16(session: { inputMetadata: readonly { isTensor: boolean; type?: string }[]; outputMetadata: readonly { isTensor: boolean; type?: string }[] }): boolean {
  return [...session.inputMetadata, ...session.outputMetadata].some((m) => m.isTensor && m.type === "float16");
}
