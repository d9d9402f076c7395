/**
 * Mutual exclusion over onnxruntime-web's runtime: one `session.run` (or session create/release)
 * at a time for the whole engine. This is not a second request queue. The worker's one request
 * queue (engine-host.ts) orders whole requests: load, generate, remove, segment, release. Inside
 * ONE generate request, two chains call the runtime concurrently: the pipeline's UNet steps and
 * the live-preview stream decoding step i's x̂₀ with TAESD while step i + 1 is already asked for
 * (preview-stream.ts). ORT's wasm/JSEP runtime cannot interleave runs (one heap, one asyncified
 * call stack), so those calls take turns here; test/engine/browser/runtime-mutex.test.ts shows
 * the two overlap inside one request without it. Turns are first come, first served, so a preview
 * asked for after step i runs before step i + 1's UNet: previews come out in step order.
 *
 * Each turn starts on a fresh macrotask: a wasm session.run computes synchronously and resolves
 * through microtasks only, so without this yield a whole generation would run without the worker
 * ever reading its message queue — a `cancel` would only be seen after the last step.
 */
export class RuntimeMutex {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  private mostWaiting = 0;

  /** Calls holding or waiting for the runtime now (tests and diagnostics). */
  get pending(): number {
    return this.waiting;
  }

  /** The most calls ever holding or waiting at once: above 1 means callers really overlapped. */
  get peak(): number {
    return this.mostWaiting;
  }

  /** Runs `work` when no other call holds the runtime. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.waiting++;
    this.mostWaiting = Math.max(this.mostWaiting, this.waiting);
    const start = async () => {
      await yieldToEventLoop();
      return work();
    };
    const result = this.tail.then(start, start).finally(() => {
      this.waiting--;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** Resolves on a new macrotask without the 4 ms clamp of nested setTimeout (setImmediate in Node). */
export function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  if (immediate) return new Promise((resolve) => immediate(resolve));
  if (typeof MessageChannel !== "undefined") {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
