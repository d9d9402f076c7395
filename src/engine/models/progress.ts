/**
 * Download progress: the events the UI receives, and the rate/ETA arithmetic behind them.
 * Every event is a discriminated union on `type`, like the rest of the engine's messages.
 */

export type DownloadEvent =
  | {
      type: "file-progress";
      url: string;
      path: string;
      loadedBytes: number;
      /** Null while the size is unknown (no exact catalogue size and no Content-Length). */
      totalBytes: number | null;
      bytesPerSecond: number;
      etaSeconds: number | null;
      /** Offset this attempt resumed from (0 for a fresh start). */
      resumedFrom: number;
    }
  | { type: "file-retry"; url: string; path: string; attempt: number; delayMs: number; reason: string }
  | { type: "file-refetch"; url: string; path: string; reason: string }
  | {
      type: "file-done";
      url: string;
      path: string;
      sha256: string;
      size: number;
      fromCache: boolean;
      /** The catalogue had no hash: this one was recorded now and will be checked from now on. */
      trustOnFirstUse: boolean;
    }
  | {
      type: "model-progress";
      modelId: string;
      variantId: string;
      loadedBytes: number;
      totalBytes: number;
      bytesPerSecond: number;
      etaSeconds: number | null;
      filesDone: number;
      filesTotal: number;
    };

export type DownloadListener = (event: DownloadEvent) => void;

/**
 * Bytes per second over a sliding window, so the ETA follows the current speed rather than the
 * average since the start (which would hide a stall or a speed-up for minutes).
 */
export class RateMeter {
  private samples: { t: number; bytes: number }[] = [];

  constructor(
    private readonly windowMs = 3000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Records the running total of bytes received. */
  record(totalBytes: number): void {
    const t = this.now();
    this.samples.push({ t, bytes: totalBytes });
    while (this.samples.length > 2 && t - this.samples[1].t > this.windowMs) this.samples.shift();
  }

  get bytesPerSecond(): number {
    if (this.samples.length < 2) return 0;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const dt = (last.t - first.t) / 1000;
    return dt > 0 ? Math.max(0, (last.bytes - first.bytes) / dt) : 0;
  }

  /** Seconds until `totalBytes` at the current rate; null when unknown or stalled. */
  eta(loadedBytes: number, totalBytes: number | null): number | null {
    const rate = this.bytesPerSecond;
    if (totalBytes === null || rate <= 0) return null;
    return Math.max(0, (totalBytes - loadedBytes) / rate);
  }
}
