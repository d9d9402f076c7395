/**
 * Which steps get a decoded (TAESD) preview. A preview decode holds the runtime mutex between two UNet
 * steps, so every decode delays the result by its own time. When a step is faster than a decode,
 * decoding every step would more than double the denoising time: then every other step is decoded
 * (the skipped step's preview would be replaced a moment later anyway). When a step is slower than
 * a decode, every step is decoded. The first step is always decoded (nothing is measured yet).
 *
 * Times: a step's own time is the interval between two step ends minus the decode time spent in
 * that interval (the decode of the previous step's preview runs inside it).
 */
export class PreviewCadence {
  private lastStepEnd: number | null = null;
  private decodeInInterval = 0;
  private lastDecodeMs: number | null = null;
  private lastStepMs: number | null = null;
  private skippedLast = false;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Marks the start of the denoising loop (the first step's time counts from here). */
  start(): void {
    this.lastStepEnd = this.now();
    this.decodeInInterval = 0;
  }

  /** At a step's end: true when its preview should be decoded. */
  stepEnded(): boolean {
    const now = this.now();
    if (this.lastStepEnd !== null) this.lastStepMs = Math.max(0, now - this.lastStepEnd - this.decodeInInterval);
    this.lastStepEnd = now;
    this.decodeInInterval = 0;
    const stepFaster = this.lastDecodeMs !== null && this.lastStepMs !== null && this.lastStepMs < this.lastDecodeMs;
    const skip = stepFaster && !this.skippedLast;
    this.skippedLast = skip;
    return !skip;
  }

  /** A decode finished after `ms` of work. */
  decoded(ms: number): void {
    this.lastDecodeMs = ms;
    this.decodeInInterval += ms;
  }

  /** The latest figures (for the bench and tests). */
  get figures(): { stepMs: number | null; decodeMs: number | null } {
    return { stepMs: this.lastStepMs, decodeMs: this.lastDecodeMs };
  }
}
