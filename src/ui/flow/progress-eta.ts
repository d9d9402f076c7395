/**
 * Progress and time left for the progress bar: denoising steps dominate, the VAE decode at the end
 * costs about one more step. ETA follows the recent steps (the first one is slower: warm-up).
 */

export interface StepProgress {
  step: number;
  totalSteps: number;
  /** Durations of the finished steps, ms. */
  stepMs: number[];
}

/** Fraction done in [0, 1): the decode is counted as one extra step, so 1 means "finished". */
export function progressFraction(p: StepProgress): number {
  if (p.totalSteps <= 0) return 0;
  return Math.min(p.step, p.totalSteps) / (p.totalSteps + 1);
}

/** Seconds left, or null before the first step. */
export function etaSeconds(p: StepProgress): number | null {
  if (p.stepMs.length === 0) return null;
  const recent = p.stepMs.length > 1 ? p.stepMs.slice(1).slice(-4) : p.stepMs;
  const mean = recent.reduce((a, b) => a + b, 0) / recent.length;
  const remaining = Math.max(0, p.totalSteps - p.step) + 1;
  return (remaining * mean) / 1000;
}

export function formatEta(seconds: number | null): string {
  if (seconds === null) return "estimating time left";
  if (seconds < 1) return "almost done";
  if (seconds < 60) return `about ${Math.round(seconds)} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}
