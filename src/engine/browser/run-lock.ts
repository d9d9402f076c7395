/**
 * One ORT session.run at a time for the whole engine. onnxruntime-web's wasm/JSEP runtime cannot
 * interleave runs of different sessions safely (one heap, one asyncified call stack), and a
 * preview decode must not overlap a UNet step. Work runs in the order it was queued (FIFO), so a
 * preview queued after step i runs before the UNet call of step i + 1 — every step gets its
 * preview and previews come out in step order.
 *
 * Each task starts on a fresh macrotask: a wasm session.run computes synchronously and resolves
 * through microtasks only, so without this yield a whole generation would run without the worker
 * ever reading its message queue — a `cancel` would only be seen after the last step.
 */
export class RunLock {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  /** Number of queued or running tasks (tests and diagnostics). */
  get pending(): number {
    return this.waiting;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    this.waiting++;
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
