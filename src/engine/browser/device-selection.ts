/**
 * Picks where the engine runs: WebGPU when an adapter exists (fp16 only when it has `shader-f16`,
 * fp32 otherwise), wasm otherwise. The engine creates the GPUDevice itself — rather than letting
 * onnxruntime-web do it — so it can watch `device.lost`, open error scopes around runs and upload
 * GPU-resident tensors on the same device.
 */
import type { DeviceReport, EngineBackendName, Precision } from "../../contract/worker-protocol";
import { WASM_HEAP_LIMIT_BYTES } from "../models/capabilities";
import { GpuUnavailableError } from "./errors";
import { GpuDeviceMonitor } from "./gpu-device-monitor";

export interface GpuContext {
  adapter: GPUAdapter;
  device: GPUDevice;
  shaderF16: boolean;
  monitor: GpuDeviceMonitor;
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

/**
 * Limits onnxruntime-web's WebGPU kernels rely on: request the adapter's maximum for each, as ORT
 * does when it creates the device itself (the defaults — e.g. 256 MiB buffers — are too small for
 * SD weights such as the CLIP token embedding).
 */
const REQUESTED_LIMITS = [
  "maxBufferSize",
  "maxStorageBufferBindingSize",
  "maxComputeWorkgroupStorageSize",
  "maxComputeWorkgroupsPerDimension",
  "maxComputeInvocationsPerWorkgroup",
  "maxComputeWorkgroupSizeX",
  "maxComputeWorkgroupSizeY",
  "maxComputeWorkgroupSizeZ",
] as const;

export function wasmThreadsAvailable(): boolean {
  // Threads need SharedArrayBuffer, i.e. a cross-origin-isolated page; the Express panel iframe is not.
  return typeof SharedArrayBuffer !== "undefined" && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

export async function selectDevice(options: DeviceSelectionOptions = {}): Promise<DeviceSelection> {
  const reasons: string[] = [];
  const wasmHeapLimitBytes = options.wasmHeapLimitBytes ?? WASM_HEAP_LIMIT_BYTES;
  const wasm = (precision: Precision = "fp32"): DeviceSelection => ({
    report: { backend: "wasm", precision, reasons, adapter: null, wasmThreads: wasmThreadsAvailable(), wasmHeapLimitBytes },
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
  const requiredLimits: Record<string, number> = {};
  for (const name of REQUESTED_LIMITS) requiredLimits[name] = adapter.limits[name];
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({ requiredFeatures: shaderF16 ? ["shader-f16"] : [], requiredLimits });
  } catch (error) {
    const detail = `the GPU adapter refused to create a device (${error instanceof Error ? error.message : String(error)})`;
    if (options.forceBackend === "webgpu") throw new GpuUnavailableError(detail);
    reasons.push(detail);
    return wasm();
  }
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
        maxBufferSize: device.limits.maxBufferSize,
        maxStorageBufferBindingSize: device.limits.maxStorageBufferBindingSize,
      },
      wasmThreads: wasmThreadsAvailable(),
      wasmHeapLimitBytes,
    },
    gpu: { adapter, device, shaderF16, monitor: new GpuDeviceMonitor(device) },
  };
}
