/**
 * Long pixel work written as a generator that yields between steps, so one body serves both callers:
 * tests and the engine run it straight through (runSteps), the panel gives the browser a turn at
 * every yield (its longest freeze is then one step, not the whole plan).
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step now and returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs the steps with a macrotask turn between them (timers, input and paint get in). */
export async function runStepsYielding<T>(steps: Steps<T>): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
