/**
 * Which variant of a model runs on which backend, in the order the engine tries them — WebGPU fp16
 * (only with shader-f16), WebGPU fp32, then wasm fp32 when the CPU path can hold the model — and
 * why each other choice was ruled out. Decided from the device report and the memory estimates
 * BEFORE anything is loaded, so a run never starts on a path that would die of memory.
 */
import type { DeviceReport, EngineBackendName, MemoryFigures, MemoryReport, Precision } from "../../contract/worker-protocol";
import { formatBytes } from "../models/errors";
import { CpuPathUnavailableError, GpuBufferLimitError, GpuUnavailableError, ShaderF16UnavailableError } from "./errors";

/** What the plan needs to know about one variant (from the catalogue or a ModelSpec). */
export interface PlannableVariant {
  id: string;
  precision: Precision;
  memory: MemoryFigures;
  minMaxBufferSize?: number;
  cpuPossible?: boolean;
}

export interface Attempt<V extends PlannableVariant = PlannableVariant> {
  backend: EngineBackendName;
  precision: Precision;
  variant: V;
}

export interface ExecutionPlan<V extends PlannableVariant = PlannableVariant> {
  attempts: Attempt<V>[];
  /** Choices ruled out, best first, each with the error that explains it. */
  skipped: { backend: EngineBackendName; variantId: string; error: Error }[];
}

export interface PlanOptions {
  /** Memory the preview decoder (TAESD) adds to whichever backend runs it. */
  extraBytes?: number;
  /** The model's name in messages. */
  displayName: string;
}

export function planExecution<V extends PlannableVariant>(variants: readonly V[], device: DeviceReport, options: PlanOptions): ExecutionPlan<V> {
  const attempts: Attempt<V>[] = [];
  const skipped: ExecutionPlan<V>["skipped"] = [];
  const byPrecision = [...variants].sort((a, b) => rank(a.precision) - rank(b.precision));

  if (device.backend === "webgpu" && device.adapter) {
    const adapter = device.adapter;
    for (const variant of byPrecision) {
      const blocker =
        variant.precision === "fp16" && !adapter.shaderF16
          ? new ShaderF16UnavailableError()
          : variant.minMaxBufferSize !== undefined && variant.minMaxBufferSize > adapter.maxBufferSize
            ? new GpuBufferLimitError(variant.minMaxBufferSize, adapter.maxBufferSize, `${variant.id} weights`)
            : null;
      if (blocker) skipped.push({ backend: "webgpu", variantId: variant.id, error: blocker });
      else attempts.push({ backend: "webgpu", precision: variant.precision, variant });
    }
  } else {
    skipped.push({ backend: "webgpu", variantId: "*", error: new GpuUnavailableError(device.reasons[0] ?? "no GPU adapter") });
  }

  for (const variant of byPrecision) {
    const blocker = cpuPathBlocker(variant, device.wasmHeapLimitBytes, options.extraBytes ?? 0, device.wasmThreads);
    if (blocker) skipped.push({ backend: "wasm", variantId: variant.id, error: new CpuPathUnavailableError(options.displayName, blocker) });
    else attempts.push({ backend: "wasm", precision: "fp32", variant });
  }
  return { attempts, skipped };
}

/** Why a variant cannot run on the wasm CPU path, or null when it can. */
export function cpuPathBlocker(variant: PlannableVariant, heapLimitBytes: number, extraBytes: number, threads: boolean): string | null {
  if (variant.precision === "fp16") return "it is an fp16 model and the CPU (wasm) backend has no fp16 kernels for most operators";
  if (variant.cpuPossible === false) return "the model catalogue marks it as GPU-only";
  const needed = variant.memory.wasmHeapBytes + extraBytes;
  if (needed > heapLimitBytes) {
    return (
      `it needs about ${formatBytes(needed)} of memory, and every model shares one ${formatBytes(heapLimitBytes)} wasm heap` +
      (threads ? "" : " (single-threaded here: the add-on panel has no SharedArrayBuffer)")
    );
  }
  return null;
}

/** The memory report of the first attempt (or of the best refused choice when nothing fits). */
export function memoryReportOf<V extends PlannableVariant>(modelId: string, plan: ExecutionPlan<V>, fallbackVariant: V | undefined): MemoryReport {
  const first = plan.attempts[0];
  if (first) {
    const estimatedBytes = first.backend === "webgpu" ? first.variant.memory.gpuBytes : first.variant.memory.wasmHeapBytes;
    const where = first.backend === "webgpu" ? "GPU memory" : "CPU (wasm heap) memory";
    return {
      modelId,
      variantId: first.variant.id,
      backend: first.backend,
      precision: first.precision,
      estimatedBytes,
      figures: first.variant.memory,
      fits: true,
      message: `Needs about ${formatBytes(estimatedBytes)} of ${where} (${first.variant.id} on ${first.backend}).`,
    };
  }
  const refused = plan.skipped.find((s) => s.backend === "wasm") ?? plan.skipped[0];
  const variant = fallbackVariant;
  return {
    modelId,
    variantId: variant?.id ?? "",
    backend: "wasm",
    precision: variant?.precision ?? "fp32",
    estimatedBytes: variant?.memory.wasmHeapBytes ?? 0,
    figures: variant?.memory ?? { gpuBytes: 0, wasmHeapBytes: 0 },
    fits: false,
    message: refused ? refused.error.message : "No variant of this model can run here.",
  };
}

/**
 * A rough estimate when no figures are published: ORT keeps the weights and, while creating a
 * session, a second copy of the graph bytes; activations of a 512² SD pipeline add a few hundred MB.
 */
export function estimateMemoryFromWeights(weightBytes: number, precision: Precision): MemoryFigures {
  const activations = 64 * 1024 ** 2 + weightBytes * 0.25;
  return {
    gpuBytes: Math.round(weightBytes * 1.1 + activations),
    // wasm runs fp32 only: an fp16 file would be twice as large once converted.
    wasmHeapBytes: Math.round(weightBytes * (precision === "fp16" ? 4 : 2) + activations),
  };
}

function rank(precision: Precision): number {
  return precision === "fp16" ? 0 : 1;
}
