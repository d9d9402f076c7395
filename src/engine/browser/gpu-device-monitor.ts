/**
 * Watches the GPUDevice the engine gave onnxruntime-web: turns `device.lost`, out-of-memory and
 * validation errors into the Error classes of ./errors, so a run on a dead or exhausted GPU ends
 * with a plain-words error instead of hanging or returning garbage. Also the test-only fault
 * injection point (`destroyForTest`).
 */
import { OutOfMemoryError } from "../errors";
import { GpuBufferLimitError, GpuDeviceLostError, GpuOperationError } from "./errors";

/** How long to wait for a run on a lost device to unwind before moving on. */
const ABANDONED_RUN_WAIT_MS = 2_000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class GpuDeviceMonitor {
  private lostDetail: string | null = null;
  private readonly lostError: Promise<GpuDeviceLostError>;
  private uncaptured: Error | null = null;

  constructor(readonly device: GPUDevice) {
    this.lostError = device.lost.then((info) => {
      this.lostDetail = info.message ? `${info.reason}: ${info.message}` : String(info.reason);
      return new GpuDeviceLostError(this.lostDetail);
    });
    // Errors outside our error scopes (e.g. raised after a run resolved) are kept for the next guard.
    device.addEventListener("uncapturederror", (event) => {
      this.uncaptured ??= classifyGpuError((event as GPUUncapturedErrorEvent).error);
    });
  }

  get isLost(): boolean {
    return this.lostDetail !== null;
  }

  /** Why the device was lost, or null while it is alive. */
  get lostReason(): string | null {
    return this.lostDetail;
  }

  /** Resolves with the error once the device is lost (never rejects). */
  get whenLost(): Promise<GpuDeviceLostError> {
    return this.lostError;
  }

  /**
   * Runs GPU work (a session load or run) inside out-of-memory and validation error scopes, raced
   * against device loss. Runs are serialised by the RuntimeMutex, so the scopes only see this work.
   */
  async guard<T>(work: () => Promise<T>): Promise<T> {
    this.throwIfFailed();
    this.device.pushErrorScope("out-of-memory");
    this.device.pushErrorScope("validation");
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    const running = work();
    running.catch(() => undefined);
    try {
      outcome = { ok: true, value: await Promise.race([running, this.lostError.then((lost) => Promise.reject(lost))]) };
    } catch (error) {
      outcome = { ok: false, error };
      // The device went away mid-run. Give ORT's own run a moment to unwind before the next task.
      // On a destroyed device it may never settle — then this ORT instance stays "busy" for good
      // (its asyncified run wrapper allows one run at a time), which is why the CPU fallback uses
      // the separate onnxruntime-web/wasm instance (browser-backends.ts).
      await Promise.race([running.catch(() => undefined), delay(ABANDONED_RUN_WAIT_MS)]);
    }
    const validation = await this.device.popErrorScope().catch(() => null);
    const outOfMemory = await this.device.popErrorScope().catch(() => null);
    this.throwIfFailed();
    if (outOfMemory) throw classifyGpuError(outOfMemory);
    if (validation) throw classifyGpuError(validation);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** Test-only fault injection: destroys the device as a driver reset would. */
  destroyForTest(): void {
    this.device.destroy();
  }

  private throwIfFailed(): void {
    if (this.lostDetail !== null) throw new GpuDeviceLostError(this.lostDetail);
    const pending = this.uncaptured;
    if (pending) {
      this.uncaptured = null;
      throw pending;
    }
  }
}

/** A WebGPU error object → our error class (buffer limit, out of memory, other validation). */
export function classifyGpuError(error: GPUError): Error {
  const message = error.message || error.constructor?.name || "GPU error";
  if (typeof GPUOutOfMemoryError !== "undefined" && error instanceof GPUOutOfMemoryError) return new OutOfMemoryError("gpu", null, message);
  return classifyGpuMessage(message) ?? new GpuOperationError(message);
}

/**
 * Recognises GPU failures in error text (WebGPU validation messages, or ORT errors quoting them):
 * "Buffer size (N) exceeds the max buffer size limit (M)", storage-binding limits, out-of-memory.
 */
export function classifyGpuMessage(message: string): Error | null {
  const limit = /size \(?(\d+)\)? exceeds the max(?:imum)? (?:buffer size|storage buffer binding size) limit \(?(\d+)\)?/i.exec(message);
  if (limit) return new GpuBufferLimitError(Number(limit[1]), Number(limit[2]), "a tensor or weight is larger than one GPU buffer may be");
  if (/maxBufferSize|maxStorageBufferBindingSize|exceeds the max buffer size/i.test(message)) {
    return new GpuBufferLimitError(null, null, message);
  }
  if (/out of memory|OutOfMemory|Failed to allocate|allocation failed/i.test(message)) return new OutOfMemoryError("gpu", null, message);
  if (/device (is |was )?lost|Device is lost|destroyed device/i.test(message)) return new GpuDeviceLostError(message);
  return null;
}
