/**
 * The engine's ExecutionBackends in a browser (or a worker): onnxruntime-web on WebGPU with the
 * adapter chosen by device-selection, or on wasm. Both wrap every session in a GuardedSession so
 * runs are serialised, and GPU runs are watched for device loss and out-of-memory.
 *
 * Two ORT instances on purpose: WebGPU uses the default JSEP build ("onnxruntime-web"), the CPU
 * path the CPU-only build ("onnxruntime-web/wasm", its own wasm module and heap). A GPU run stuck
 * on a lost device leaves the JSEP instance unable to run anything else ("Session already
 * started"); the CPU fallback must not depend on it. The CPU-only build is also leaner (no
 * asyncify) for machines without WebGPU.
 */
import * as ortWeb from "onnxruntime-web";
import * as ortCpu from "onnxruntime-web/wasm";
import type { ExecutionBackend, GraphSource } from "../runtime/backend";
import { createOrtWebBackend, type OrtWebModule } from "../runtime/ort-web-backend";
import type { GpuContext } from "./device-selection";
import { ShaderF16UnavailableError } from "./errors";
import { GuardedSession } from "./guarded-session";
import { ResidentInputCache, type ResidentStats } from "./resident-inputs";
import type { RuntimeMutex } from "./runtime-mutex";

export interface BrowserBackendOptions {
  lock: RuntimeMutex;
  /** Folder URL of ORT's .wasm/.mjs runtime files. */
  wasmPaths?: string;
  /** 1 unless the page is cross-origin isolated (no SharedArrayBuffer in the Express iframe). */
  numThreads?: number;
  /** Default: "onnxruntime-web" for WebGPU, "onnxruntime-web/wasm" for the CPU. */
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
  const base = createOrtWebBackend({ device: "wasm", ort: options.ort ?? (ortCpu as OrtWebModule), wasmPaths: options.wasmPaths, numThreads: options.numThreads ?? 1 });
  return {
    ...base,
    async createSession(source: GraphSource) {
      const session = await options.lock.exclusive(() => base.createSession(source));
      return new GuardedSession(session, { lock: options.lock });
    },
  };
}

/** The WebGPU backend also counts GPU-resident input uploads and reuses (benchmarks, diagnostics). */
export interface WebGpuExecutionBackend extends ExecutionBackend {
  readonly residentStats: Readonly<ResidentStats>;
}

export function createWebGpuBackend(options: WebGpuBackendOptions): WebGpuExecutionBackend {
  const ort = options.ort ?? ortWeb;
  const { gpu, lock } = options;
  // Before the first WebGPU session: ORT then makes its device from our adapter (see device-selection).
  ort.env.webgpu.adapter = gpu.adapter;
  const base = createOrtWebBackend({ device: "webgpu", ort, wasmPaths: options.wasmPaths, numThreads: options.numThreads ?? 1 });
  const residentNames = new Set(options.residentInputNames ?? DEFAULT_RESIDENT_INPUTS);
  const residentStats: ResidentStats = { uploads: 0, reuses: 0 };
  return {
    ...base,
    residentStats,
    async createSession(source: GraphSource) {
      const session = await lock.exclusive(async () => {
        const monitor = gpu.monitor;
        const created = await (monitor ? monitor.guard(() => base.createSession(source)) : base.createSession(source));
        // The first session created ORT's device: watch it from now on.
        if (!monitor) gpu.attach(await ort.env.webgpu.device);
        return created;
      });
      if (!gpu.shaderF16 && usesFloat16(session)) {
        await session.release().catch(() => undefined);
        throw new ShaderF16UnavailableError();
      }
      const monitor = gpu.monitor!;
      const usesResident = session.inputNames.some((name) => residentNames.has(name));
      const resident = usesResident ? new ResidentInputCache(ort, monitor.device, residentNames, residentStats) : undefined;
      return new GuardedSession(session, { lock, monitor, resident });
    },
  };
}

function usesFloat16(session: { inputMetadata: readonly { isTensor: boolean; type?: string }[]; outputMetadata: readonly { isTensor: boolean; type?: string }[] }): boolean {
  return [...session.inputMetadata, ...session.outputMetadata].some((m) => m.isTensor && m.type === "float16");
}
