/**
 * Progress and time left for a run, estimated for EVERY stage from measured rates, so the bar and
 * the ETA keep moving through the VAE decode and the content filter (no events arrive then):
 *   denoise: the recent steps' mean (the first step is slower: warm-up);
 *   vae-decode / content-filter: what they took in the last run of this model at this size, else a
 *     guess from this run (decode ≈ 2 × the VAE encode, or one step when there was no encode).
 * The clock gives an expected end time; the panel counts down to it between events.
 */
import type { PipelineStage } from "../../contract/worker-protocol";

export interface StepProgress {
  step: number;
  totalSteps: number;
  /** Durations of the finished steps, ms. */
  stepMs: number[];
}

/** Fraction of the denoising loop done, the decode counted as one extra step (1 = finished). */
export function progressFraction(p: StepProgress): number {
  if (p.totalSteps <= 0) return 0;
  return Math.min(p.step, p.totalSteps) / (p.totalSteps + 1);
}

/** Seconds left from the step rate alone, or null before the first step. */
export function etaSeconds(p: StepProgress): number | null {
  const mean = meanStepMs(p.stepMs);
  if (mean === null) return null;
  const remaining = Math.max(0, p.totalSteps - p.step) + 1;
  return (remaining * mean) / 1000;
}

function meanStepMs(stepMs: readonly number[]): number | null {
  if (stepMs.length === 0) return null;
  const recent = stepMs.length > 1 ? stepMs.slice(1).slice(-4) : stepMs;
  return recent.reduce((a, b) => a + b, 0) / recent.length;
}

/** Stage durations measured on earlier runs of one model at one size (ms). */
export interface MeasuredRates {
  stepMs?: number;
  vaeDecodeMs?: number;
  contentFilterMs?: number;
  /** Remove: one image's fill (the built-in fill or MI-GAN). */
  fillMs?: number;
}

export interface RunEstimate {
  /** 0–0.99 while running (1 only when the run ends). */
  progress: number;
  etaSeconds: number | null;
  /** ms since epoch, or null while unknown. */
  expectedEndAt: number | null;
}

/** Follows one run's stages and steps; `estimate(now)` is cheap and may be called every second. */
export class StageClock {
  private stage: PipelineStage | null = null;
  private stageStartedAt = 0;
  private runningSince: number | null = null;
  private readonly stepMs: number[] = [];
  private step = 0;
  private totalSteps = 0;
  private vaeEncodeMs: number | null = null;
  private lastProgress = 0;
  /** Measured in this run, for the next one (read by the session when the run ends). */
  readonly measured: MeasuredRates = {};
  /** Remove: durations of the fills done so far (one "fill" stage per image). */
  private readonly fillMs: number[] = [];

  constructor(
    private readonly rates: MeasuredRates = {},
    /** Remove: how many images the run fills, one after another. */
    private readonly fills = 1,
  ) {}

  onStage(stage: PipelineStage, now: number): void {
    this.closeStage(now);
    this.runningSince ??= now;
    this.stage = stage;
    this.stageStartedAt = now;
  }

  onStep(step: number, totalSteps: number, ms: number, now: number): void {
    this.runningSince ??= now - ms;
    if (this.stage !== "denoise") this.onStage("denoise", now - ms);
    this.stepMs.push(ms);
    this.step = step;
    this.totalSteps = totalSteps;
  }

  /** The run ended: the open stage's duration is measured too. */
  finish(now: number): void {
    this.closeStage(now);
    const mean = meanStepMs(this.stepMs);
    if (mean !== null) this.measured.stepMs = mean;
    if (this.fillMs.length > 0) this.measured.fillMs = this.fillMs.reduce((a, b) => a + b, 0) / this.fillMs.length;
  }

  private closeStage(now: number): void {
    const took = now - this.stageStartedAt;
    if (this.stage === "vae-encode") this.vaeEncodeMs = took;
    if (this.stage === "vae-decode") this.measured.vaeDecodeMs = took;
    if (this.stage === "content-filter") this.measured.contentFilterMs = took;
    if (this.stage === "fill") this.fillMs.push(took);
  }

  estimate(now: number): RunEstimate {
    const remaining = this.remainingMs(now);
    if (remaining === null || this.runningSince === null) return { progress: this.lastProgress, etaSeconds: null, expectedEndAt: null };
    const done = Math.max(0, now - this.runningSince);
    const fraction = done + remaining > 0 ? done / (done + remaining) : 0;
    // Never backwards, never "finished" before the result is in.
    this.lastProgress = Math.min(0.99, Math.max(this.lastProgress, fraction));
    return { progress: this.lastProgress, etaSeconds: remaining / 1000, expectedEndAt: now + remaining };
  }

  /** Remove: this image's fill and the ones after it, at this run's pace or the last run's. */
  private fillRemainingMs(inStage: number): number | null {
    const per = this.fillMs.length > 0 ? this.fillMs.reduce((a, b) => a + b, 0) / this.fillMs.length : (this.rates.fillMs ?? null);
    if (per === null) return null;
    return Math.max(0, per - inStage) + Math.max(0, this.fills - this.fillMs.length - 1) * per;
  }

  private remainingMs(now: number): number | null {
    if (this.stage === "fill") return this.fillRemainingMs(now - this.stageStartedAt);
    const step = meanStepMs(this.stepMs) ?? this.rates.stepMs ?? null;
    if (step === null || this.stage === null) return null;
    const decode = this.rates.vaeDecodeMs ?? (this.vaeEncodeMs !== null ? 2 * this.vaeEncodeMs : step);
    const filter = this.rates.contentFilterMs ?? 0;
    const inStage = now - this.stageStartedAt;
    const total = this.totalSteps || 1;
    switch (this.stage) {
      case "tokenize":
      case "text-encoder":
      case "vae-encode":
        return this.rates.stepMs !== undefined && this.totalSteps > 0 ? total * step + decode + filter : null;
      case "denoise":
        return Math.max(0, total - this.step) * step + decode + filter;
      case "vae-decode":
        return Math.max(0, decode - inStage) + filter;
      case "content-filter":
        return Math.max(0, (filter || step) - inStage);
    }
  }
}

export function formatEta(seconds: number | null): string {
  if (seconds === null) return "estimating time left";
  if (seconds < 1) return "almost done";
  if (seconds < 60) return `about ${Math.round(seconds)} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}
