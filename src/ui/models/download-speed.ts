/**
 * The download speed this device measured, so a confirmation can say how long a big download will
 * take. Updated from every download's progress (bytes over time, after a short warm-up) and kept in
 * localStorage so the next panel session starts with it. Nothing leaves the device.
 */

const KEY = "localGenerativeFill.downloadSpeed";
/** Progress before this many seconds or bytes is mostly connection set-up, not speed. */
const WARM_UP_SECONDS = 2;
const WARM_UP_BYTES = 1_000_000;

export interface SpeedStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export class DownloadSpeed {
  private measured: number | null;

  constructor(private readonly storage: SpeedStorage | null = defaultStorage()) {
    const stored = Number(storage?.getItem(KEY) ?? NaN);
    this.measured = Number.isFinite(stored) && stored > 0 ? stored : null;
  }

  /** Bytes per second, or null when no download was measured yet. */
  get bytesPerSecond(): number | null {
    return this.measured;
  }

  /** One progress point of a running download: bytes received since it started, seconds since. */
  observe(bytes: number, seconds: number): void {
    if (seconds < WARM_UP_SECONDS || bytes < WARM_UP_BYTES) return;
    this.measured = bytes / seconds;
    try {
      this.storage?.setItem(KEY, String(Math.round(this.measured)));
    } catch {
      // Storage full or blocked: the figure still serves this session.
    }
  }
}

function defaultStorage(): SpeedStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
