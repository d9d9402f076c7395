/**
 * An InferenceSession seen through the engine's guards: every run waits its turn on the shared
 * RuntimeMutex, GPU runs happen inside the device monitor (loss / out-of-memory become errors), and
 * GPU-resident inputs are substituted. Pipelines see an ordinary session.
 */
import type { InferenceSession, Tensor } from "onnxruntime-web";
import type { GpuDeviceMonitor } from "./gpu-device-monitor";
import type { ResidentInputCache } from "./resident-inputs";
import type { RuntimeMutex } from "./runtime-mutex";

export interface SessionGuards {
  lock: RuntimeMutex;
  monitor?: GpuDeviceMonitor;
  resident?: ResidentInputCache;
}

export class GuardedSession implements InferenceSession {
  constructor(
    private readonly inner: InferenceSession,
    private readonly guards: SessionGuards,
  ) {}

  get inputNames(): readonly string[] {
    return this.inner.inputNames;
  }
  get outputNames(): readonly string[] {
    return this.inner.outputNames;
  }
  get inputMetadata(): readonly InferenceSession.ValueMetadata[] {
    return this.inner.inputMetadata;
  }
  get outputMetadata(): readonly InferenceSession.ValueMetadata[] {
    return this.inner.outputMetadata;
  }

  run(feeds: InferenceSession.FeedsType, options?: InferenceSession.RunOptions): Promise<InferenceSession.ReturnType>;
  run(feeds: InferenceSession.FeedsType, fetches: InferenceSession.FetchesType, options?: InferenceSession.RunOptions): Promise<InferenceSession.ReturnType>;
  run(feeds: InferenceSession.FeedsType, fetchesOrOptions?: unknown, options?: InferenceSession.RunOptions): Promise<InferenceSession.ReturnType> {
    const { lock, monitor, resident } = this.guards;
    return lock.exclusive(() => {
      const actual = resident ? resident.substitute(feeds as Record<string, Tensor>) : feeds;
      const call = () => this.inner.run(actual, fetchesOrOptions as InferenceSession.FetchesType, options);
      return monitor ? monitor.guard(call) : call();
    });
  }

  async release(): Promise<void> {
    this.guards.resident?.dispose();
    // A session on a lost device may never settle its release: do not wait for it.
    if (this.guards.monitor?.isLost) {
      this.inner.release().catch(() => undefined);
      return;
    }
    await this.guards.lock.exclusive(() => this.inner.release());
  }

  startProfiling(): void {
    this.inner.startProfiling();
  }
  endProfiling(): void {
    this.inner.endProfiling();
  }
}
