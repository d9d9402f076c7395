/**
 * After a failure: what really went wrong (a GPU failure is often wrapped in a ModelRunError /
 * ModelLoadError by the session adapter, or only visible as a lost device), and which attempt of
 * the execution plan comes next — the next precision on the GPU, then the CPU — or none.
 */
import type { Attempt } from "../browser/execution-plan";
import { GpuDeviceLostError } from "../browser/errors";
import { classifyGpuMessage, type GpuDeviceMonitor } from "../browser/gpu-device-monitor";

/** Failures that mean the GPU path is in trouble (an allocation failure counts: on the CPU path there is no next attempt anyway). */
const GPU_FAILURES = new Set(["GpuDeviceLostError", "OutOfMemoryError", "GpuBufferLimitError", "ShaderF16UnavailableError", "GpuOperationError"]);

/** Failures that no other backend or precision would fix. */
const FINAL_FAILURES = new Set(["GenerationCancelledError", "InvalidInputError", "ModelSignatureError", "ModelContractError", "CpuPathUnavailableError", "TokenizerFileError"]);

/** The most telling error behind `error`, given what the device monitor knows. */
export function explainFailure(error: unknown, monitor: GpuDeviceMonitor | null | undefined, backend: string): Error {
  const chain: Error[] = [];
  for (let e: unknown = error; e instanceof Error && chain.length < 8; e = e.cause) chain.push(e);
  const gpu = chain.find((e) => GPU_FAILURES.has(e.name));
  if (gpu) return gpu;
  if (backend === "webgpu" && monitor?.isLost) return new GpuDeviceLostError(monitor.lostReason ?? "unknown");
  if (backend === "webgpu") {
    for (const e of chain) {
      const recognised = classifyGpuMessage(e.message);
      if (recognised) return recognised;
    }
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Index of the attempt to try after `failure` at `index`, or null to stop. A lost device, GPU
 * memory or buffer-limit failure leaves the GPU for good (the fp32 variant needs more memory, and a
 * lost device cannot be handed to onnxruntime-web again in this worker); a load/run failure on the
 * GPU (e.g. an fp16 kernel) tries the next precision first.
 */
export function nextAttempt(failure: Error, index: number, attempts: readonly Attempt[]): number | null {
  if (FINAL_FAILURES.has(failure.name)) return null;
  const current = attempts[index];
  if (!current || current.backend === "wasm") return null;
  const leaveGpu = failure.name !== "ShaderF16UnavailableError" && GPU_FAILURES.has(failure.name);
  for (let i = index + 1; i < attempts.length; i++) {
    if (leaveGpu && attempts[i].backend === "webgpu") continue;
    return i;
  }
  return null;
}
