/**
 * How many inference steps a scheduler can take on a given training schedule. Past a point some
 * schedules break in the maths, not in the model: DDIM with "leading" spacing and steps_offset 1
 * asks for timestep 1000 of a 0–999 schedule at 1000 steps, DPM-Solver's "leading" and
 * "linspace" spacings repeat timesteps (a multistep update between two equal noise levels divides
 * by zero → NaN). Those used to surface as a NaN error that blamed fp16 GPUs. Here a dry run of
 * the scheduler on a 4-value sample (no model) finds the break and the largest count that works.
 */
import { InferenceStepsError } from "./errors";
import type { Scheduler } from "./scheduler";

type Verdict = { ok: true } | { ok: false; reason: string };

const SAMPLE = 4;

function dryRun(make: () => Scheduler, steps: number): Verdict {
  const scheduler = make();
  try {
    scheduler.setTimesteps(steps);
  } catch (error) {
    // The scheduler's own limit (LCM's original_inference_steps, …) is already a clear error.
    if ((error as Error).name === "InferenceStepsError") throw error;
    return { ok: false, reason: (error as Error).message };
  }
  const timesteps = scheduler.timesteps;
  const seen = new Set<number>();
  for (const t of timesteps) {
    if (seen.has(t)) return { ok: false, reason: `its timesteps repeat (t=${t} twice), and a step between two equal noise levels divides by zero` };
    seen.add(t);
  }
  const noise = { randn: (shape: readonly number[]) => new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.5) };
  let sample: Float32Array = new Float32Array(SAMPLE).fill(0.5);
  const modelOutput = new Float32Array(SAMPLE).fill(0.1);
  const trainSteps = Number(scheduler.config.num_train_timesteps ?? 1000);
  for (const t of timesteps) {
    try {
      sample = scheduler.step(modelOutput, t, scheduler.scaleModelInput(sample, t), { noise, shape: [1, SAMPLE] }).prevSample;
    } catch {
      return { ok: false, reason: `it would need timestep ${t}, outside the model's ${trainSteps} training timesteps (0–${trainSteps - 1})` };
    }
    for (const v of sample) if (!Number.isFinite(v)) return { ok: false, reason: `its update at timestep ${t} gives NaN/Infinity` };
  }
  return { ok: true };
}

/** Largest step count in [1, below) whose dry run passes (binary search: schedules break above a point). */
function largestWorking(make: () => Scheduler, below: number): number {
  let lo = 0; // 0 = none found
  let hi = below - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (dryRun(make, mid).ok) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Throws InferenceStepsError (with the reason and the largest count that works) when `make()`'s
 * scheduler cannot run `steps` steps. `make` builds a fresh scheduler each call.
 */
export function checkInferenceSteps(make: () => Scheduler, steps: number): void {
  const verdict = dryRun(make, steps);
  if (verdict.ok) return;
  const sample = make();
  const spacing = String(sample.config.timestep_spacing ?? "leading");
  const max = largestWorking(make, steps);
  const limit = max > 0 ? `Use at most ${max} steps.` : "Pick another scheduler.";
  throw new InferenceStepsError(
    `${steps} steps is more than ${sample.className} can take with timestep_spacing "${spacing}" on this model's schedule: ${verdict.reason}. ${limit}`,
  );
}
