/**
 * Timing of one stage: an optional warm-up (ORT prepacks weights and plans memory on a session's
 * first run, which is not what later steps cost), then repeated runs until `minRuns` are done or
 * `budgetMs` is spent — long stages (seconds each) run once, short ones several times. Runs on
 * any JS runtime (Node and the Chromium page share this file).
 */

export interface Timing {
  /** Median of the measured runs, milliseconds. */
  ms: number;
  minMs: number;
  runs: number;
  /** The warm-up (first) run, when one was made. */
  firstMs?: number;
}

export interface MeasureOptions {
  /** Run this before measuring (e.g. the same model on a small input: prepacking is size-independent). */
  warmUp?: () => Promise<unknown>;
  /** Measured runs wanted (default 3). */
  minRuns?: number;
  /** Stop repeating once this much time was spent measuring (default 1500 ms); at least one run is made. */
  budgetMs?: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function measure(work: () => Promise<unknown>, options: MeasureOptions = {}): Promise<Timing> {
  let firstMs: number | undefined;
  if (options.warmUp) {
    const t0 = performance.now();
    await options.warmUp();
    firstMs = performance.now() - t0;
  }
  const minRuns = options.minRuns ?? 3;
  const budget = options.budgetMs ?? 1500;
  const samples: number[] = [];
  const started = performance.now();
  do {
    const t0 = performance.now();
    await work();
    samples.push(performance.now() - t0);
  } while (samples.length < minRuns && performance.now() - started < budget);
  return { ms: round(median(samples)), minMs: round(Math.min(...samples)), runs: samples.length, firstMs: firstMs === undefined ? undefined : round(firstMs) };
}

/** Rounded to 0.01 ms: enough for the table, keeps the JSON readable. */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
