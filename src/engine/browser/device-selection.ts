/**
 * Picks where the engine runs: WebGPU when an adapter exists (fp16 only when it has `shader-f16`,
 * fp32 otherwise), wasm otherwise.
 *
 * The GPUDevice itself is created by onnxruntime-web: its default (JSEP) build ignores
 * `env.webgpu.device` and always requests its own device from `env.webgpu.adapter` (with the
 * adapter's maximum buffer limits and shader-f16 when offered). An adapter can only create one
 * device, so we must not request one ourselves: we hand ORT our adapter, and once its first WebGPU
 * session exists we attach the device monitor to the device ORT made (`await env.webgpu.device`).
 */
import type { DeviceReport, EngineBackendName, Precision } from "../../contract/worker-protocol";
import { WASM_HEAP_LIMIT_BYTES } from "../models/capabilities";
import { GpuUnavailableError } from "./errors";
import { GpuDeviceMonitor } from "./gpu-device-monitor";

/** The GPU side of a selection: the adapter now, the device and its monitor once ORT made them. */
export class GpuContext {
  private attached: GpuDeviceMonitor | null = null;

  constructor(
    readonly adapter: GPUAdapter,
    readonly shaderF16: boolean,
  ) {}

  /** null until the first WebGPU session created the device. */
  get monitor(): GpuDeviceMonitor | null {
    return this.attached;
  }

  get device(): GPUDevice | null {
    return this.attached?.device ?? null;
  }

  get isLost(): boolean {
    return this.attached?.isLost ?? false;
  }

  /** Starts watching the device ORT created (idempotent for the same device). */
  attach(device: GPUDevice): GpuDeviceMonitor {
    if (this.attached && this.attached.device === device) return this.attached;
    this.attached = new GpuDeviceMonitor(device);
    return this.attached;
  }
}

export interface DeviceSelection {
  report: DeviceReport;
  /** null on the wasm path. */
  gpu: GpuContext | null;
}

export interface DeviceSelectionOptions {
  /** Default `navigator.gpu`. */
  gpu?: GPU | undefined;
  forceBackend?: EngineBackendName;
  wasmHeapLimitBytes?: number;
}

export function wasmThreadsAvailable(): boolean {
  // Threads need SharedArrayBuffer, i.e. a cross-origin-isolated page; the Express panel iframe is not.
  return typeof SharedArrayBuffer !== "undefined" && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

export async function selectDevice(options: DeviceSelectionOptions = {}): Promise<DeviceSelection> {
  const reasons: string[] = [];
  const wasmHeapLimitBytes = options.wasmHeapLimitBytes ?? WASM_HEAP_LIMIT_BYTES;
  const wasm = (): DeviceSelection => ({
    report: { backend: "wasm", precision: "fp32", reasons, adapter: null, wasmThreads: wasmThreadsAvailable(), wasmHeapLimitBytes },
    gpu: null,
  });

  if (options.forceBackend === "wasm") {
    reasons.push("the CPU (wasm) backend was chosen in the settings");
    return wasm();
  }
  const gpu = "gpu" in options ? options.gpu : globalThis.navigator?.gpu;
  let failure: string | null = null;
  let adapter: GPUAdapter | null = null;
  if (!gpu) failure = "this browser exposes no WebGPU (navigator.gpu is missing)";
  else {
    adapter = await gpu.requestAdapter({ powerPreference: "high-performance" }).catch(() => null);
    if (!adapter) failure = "the browser found no usable GPU adapter (WebGPU blocked, unsupported GPU, or hardware acceleration off)";
  }
  if (failure || !adapter) {
    if (options.forceBackend === "webgpu") throw new GpuUnavailableError(failure ?? "no adapter");
    reasons.push(failure ?? "no adapter");
    return wasm();
  }

  const shaderF16 = adapter.features.has("shader-f16");
  if (!shaderF16) reasons.push("the GPU has no shader-f16 feature, so models run in fp32 (twice the memory of fp16)");
  const info = adapter.info;
  return {
    report: {
      backend: "webgpu",
      precision: shaderF16 ? "fp16" : "fp32",
      reasons,
      adapter: {
        vendor: info?.vendor ?? "",
        architecture: info?.architecture ?? "",
        description: info?.description ?? "",
        shaderF16,
        // ORT requests the adapter's maxima for these, so they are the device's limits too.
        maxBufferSize: adapter.limits.maxBufferSize,
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      },
      wasmThreads: wasmThreadsAvailable(),
      wasmHeapLimitBytes,
    },
    gpu: new GpuContext(adapter, shaderF16),
  };
}
