/**
 * The capability probe: decides, BEFORE any byte is downloaded, which variant of a model this
 * machine can run and on which backend, or refuses with a message a user can act on. It is a pure
 * function over a plain description of the adapter, so it is tested without a GPU; the worker
 * builds the description from `navigator.gpu.requestAdapter()` (see describeAdapter).
 */
import type { CatalogueModel, ModelVariant } from "./catalogue-types";
import { formatBytes, ModelUnsupportedError } from "./errors";
import { modeSupport, type GenerationModeName } from "./mode-support";

/** 4 GiB: the wasm32 heap ceiling (single-threaded in the Express panel iframe). */
export const WASM_HEAP_LIMIT_BYTES = 4 * 1024 ** 3;

export interface AdapterDescription {
  hasWebGPU: boolean;
  /** The adapter exposes the `shader-f16` feature. */
  shaderF16: boolean;
  /** `adapter.limits.maxBufferSize` (0 when there is no adapter). */
  maxBufferSize: number;
  /** `adapter.limits.maxStorageBufferBindingSize`. */
  maxStorageBufferBindingSize: number;
  /** Override for tests or other runtimes; defaults to WASM_HEAP_LIMIT_BYTES. */
  wasmHeapLimitBytes?: number;
}

export type Backend = "webgpu" | "wasm";

export type ProbeResult =
  | { ok: true; modelId: string; variant: ModelVariant; backend: Backend; warnings: string[] }
  | { ok: false; modelId: string; message: string; reasons: string[] };

export interface ProbeOptions {
  /** Force a backend (e.g. the user chose "CPU only"). */
  backend?: Backend;
  /** Only variants that run this mode (mode-support.ts); the others are skipped with their reason. */
  mode?: GenerationModeName;
}

/**
 * Picks the best runnable variant: on WebGPU, fp16 first when the adapter has shader-f16, then
 * fp32/int8; otherwise the CPU (wasm) path for variants small enough for its heap.
 */
export function probeModel(model: CatalogueModel, adapter: AdapterDescription, options: ProbeOptions = {}): ProbeResult {
  const reasons: string[] = [];
  const wasmLimit = adapter.wasmHeapLimitBytes ?? WASM_HEAP_LIMIT_BYTES;
  const ordered = [...model.variants]
    .sort((a, b) => precisionRank(a) - precisionRank(b))
    .filter((variant) => {
      const support = options.mode ? modeSupport(model, variant, options.mode) : { ok: true as const };
      if (!support.ok) reasons.push(`${variant.id}: ${support.reason}`);
      return support.ok;
    });

  if (options.backend !== "wasm") {
    if (!adapter.hasWebGPU) {
      reasons.push("this browser or machine has no WebGPU");
    } else {
      for (const variant of ordered) {
        const blocker = gpuBlocker(variant, adapter);
        if (blocker) {
          reasons.push(`${variant.id}: ${blocker}`);
          continue;
        }
        return { ok: true, modelId: model.id, variant, backend: "webgpu", warnings: variant.precisionCaveat ? [variant.precisionCaveat] : [] };
      }
    }
  }

  if (options.backend !== "webgpu") {
    for (const variant of ordered) {
      if (!variant.cpu.possible) {
        reasons.push(`${variant.id} on CPU: ${variant.cpu.reason}`);
      } else if (variant.memory.wasmHeapBytes > wasmLimit) {
        reasons.push(`${variant.id} on CPU: needs about ${formatBytes(variant.memory.wasmHeapBytes)}, the wasm heap holds ${formatBytes(wasmLimit)}`);
      } else {
        return { ok: true, modelId: model.id, variant, backend: "wasm", warnings: [] };
      }
    }
  }

  return {
    ok: false,
    modelId: model.id,
    reasons,
    message:
      `${model.displayName} cannot run on this device, so it was not downloaded. ` +
      `${summarise(model, adapter)} Reasons: ${reasons.map((r) => r.replace(/[.\s]+$/, "")).join("; ")}.`,
  };
}

/** probeModel for callers that want an exception: throws ModelUnsupportedError with the probe's message. */
export function requireRunnableVariant(model: CatalogueModel, adapter: AdapterDescription, options: ProbeOptions = {}): Extract<ProbeResult, { ok: true }> {
  const result = probeModel(model, adapter, options);
  if (!result.ok) throw new ModelUnsupportedError(result.message);
  return result;
}

/** Why a variant cannot run on this WebGPU adapter, or null when it can. */
function gpuBlocker(variant: ModelVariant, adapter: AdapterDescription): string | null {
  if (variant.requires.shaderF16 && !adapter.shaderF16) return "needs the WebGPU shader-f16 feature, which this GPU does not offer";
  if (adapter.maxBufferSize < variant.requires.minMaxBufferSize) {
    return `needs GPU buffers of ${formatBytes(variant.requires.minMaxBufferSize)}, this GPU allows ${formatBytes(adapter.maxBufferSize)}`;
  }
  if (adapter.maxStorageBufferBindingSize < variant.requires.minMaxStorageBufferBindingSize) {
    return `needs storage bindings of ${formatBytes(variant.requires.minMaxStorageBufferBindingSize)}, this GPU allows ${formatBytes(adapter.maxStorageBufferBindingSize)}`;
  }
  return null;
}

/** fp16 is preferred on GPUs that support it (half the download and memory), then fp32, then int8. */
function precisionRank(v: ModelVariant): number {
  return v.precision === "fp16" ? 0 : v.precision === "fp32" ? 1 : 2;
}

function summarise(model: CatalogueModel, adapter: AdapterDescription): string {
  if (!adapter.hasWebGPU) return `It needs WebGPU (a recent Chrome or Edge with a supported GPU); the CPU fallback cannot hold it.`;
  if (!adapter.shaderF16 && model.variants.every((v) => v.requires.shaderF16)) {
    return `It is only published in fp16, and this GPU lacks 16-bit float shader support.`;
  }
  return `Try a smaller model such as SD-Turbo or LCM Dreamshaper.`;
}

/** The description of the browser's adapter, read without creating a device. */
export async function describeAdapter(gpu: GPU | undefined = globalThis.navigator?.gpu): Promise<AdapterDescription> {
  const adapter = gpu ? await gpu.requestAdapter().catch(() => null) : null;
  if (!adapter) return { hasWebGPU: false, shaderF16: false, maxBufferSize: 0, maxStorageBufferBindingSize: 0 };
  return {
    hasWebGPU: true,
    shaderF16: adapter.features.has("shader-f16"),
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
  };
}
