/**
 * The device and its ONNX Runtime backends, chosen once per worker: onnxruntime-web cannot be
 * handed another GPUDevice later. Every session of every family runs its `session.run` through the
 * one RuntimeMutex here (ORT's wasm/JSEP runtime cannot interleave runs; a preview decode must not
 * overlap a UNet step).
 */
import type { DeviceReport, EngineBackendName, InitOptions } from "../../contract/worker-protocol";
import { createWasmBackend, createWebGpuBackend, DEFAULT_RESIDENT_INPUTS } from "../browser/browser-backends";
import { selectDevice, type DeviceSelection } from "../browser/device-selection";
import { RuntimeMutex } from "../browser/runtime-mutex";
import { InvalidInputError } from "../errors";
import type { ExecutionBackend } from "../runtime/backend";
import type { OrtWebModule } from "../runtime/ort-web-backend";

export interface DeviceBackendOptions {
  /** ORT build for WebGPU (default "onnxruntime-web") and for the CPU (default "onnxruntime-web/wasm"). */
  ort?: OrtWebModule;
  ortCpu?: OrtWebModule;
  /** Default `navigator.gpu`; `null` = behave as if there were no WebGPU. */
  gpu?: GPU | null;
}

export class DeviceBackends {
  private selection: DeviceSelection | null = null;
  private options: InitOptions = {};
  private readonly lock = new RuntimeMutex();
  private readonly backends = new Map<EngineBackendName, ExecutionBackend>();

  constructor(private readonly runtime: DeviceBackendOptions) {}

  get initOptions(): InitOptions {
    return this.options;
  }

  /** The chosen device, or null before init. */
  get device(): DeviceSelection | null {
    return this.selection;
  }

  async init(options: InitOptions): Promise<DeviceReport> {
    if (!this.selection) {
      this.options = options;
      const gpu = this.runtime.gpu === null ? undefined : (this.runtime.gpu ?? globalThis.navigator?.gpu);
      this.selection = await selectDevice({ gpu, forceBackend: options.forceBackend, wasmHeapLimitBytes: options.wasmHeapLimitBytes });
    }
    return this.selection.report;
  }

  /** Requests that need the device before any `init` choose it with the defaults. */
  async ensure(): Promise<DeviceSelection> {
    if (!this.selection) await this.init({});
    return this.selection!;
  }

  /** The device report, minus a GPU that was lost earlier in this worker's life. */
  liveReport(device: DeviceSelection): DeviceReport {
    if (device.gpu?.isLost) return { ...device.report, backend: "wasm", adapter: null, reasons: [`the GPU device was lost (${device.gpu.monitor?.lostReason})`] };
    return device.report;
  }

  backendFor(name: EngineBackendName): ExecutionBackend {
    let backend = this.backends.get(name);
    if (backend) return backend;
    const device = this.selection!;
    const wasmPaths = this.options.ortWasmBase ?? (typeof __ORT_WASM_BASE__ !== "undefined" ? __ORT_WASM_BASE__ : undefined);
    const numThreads = device.report.wasmThreads ? Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 1) : 1;
    const common = { lock: this.lock, wasmPaths, numThreads };
    if (name === "webgpu") {
      if (!device.gpu) throw new InvalidInputError("WebGPU was requested but no GPU device was created.");
      const residentInputNames = this.options.gpuResidentInputs === false ? [] : DEFAULT_RESIDENT_INPUTS;
      backend = createWebGpuBackend({ ...common, ort: this.runtime.ort, gpu: device.gpu, residentInputNames });
    } else {
      backend = createWasmBackend({ ...common, ort: this.runtime.ortCpu });
    }
    this.backends.set(name, backend);
    return backend;
  }
}
