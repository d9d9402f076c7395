/**
 * Timestep spacing shared by DDIM, Euler and Euler ancestral, the step-count check, and the
 * image-to-image strength rule of the Stable Diffusion pipelines (`get_timesteps`).
 */

import { InferenceStepsError, StrengthError } from "./errors";
import { npArange, npLinspace, roundHalfEven } from "./numpy-like";

export const TIMESTEP_SPACINGS = ["leading", "trailing", "linspace"] as const;
export type TimestepSpacing = (typeof TIMESTEP_SPACINGS)[number];

/** numInferenceSteps must be a whole number in [1, max]. */
export function checkInferenceSteps(numInferenceSteps: number, max: number, what = "num_train_timesteps"): void {
  if (!Number.isInteger(numInferenceSteps) || numInferenceSteps < 1) {
    throw new InferenceStepsError(
      `The number of inference steps must be a whole number of at least 1, got ${String(numInferenceSteps)}.`,
    );
  }
  if (numInferenceSteps > max) {
    throw new InferenceStepsError(
      `${numInferenceSteps} inference steps is more than this model's scheduler allows (${what} = ${max}). ` +
        `Use at most ${max} steps.`,
    );
  }
}

/**
 * Descending timesteps for `n` inference steps out of `numTrain` training steps.
 * `linspace` stays fractional unless `roundLinspace` (DDIM rounds; Euler keeps float32 values).
 */
export function spacedTimesteps(
  spacing: TimestepSpacing,
  numTrain: number,
  n: number,
  stepsOffset: number,
  roundLinspace: boolean,
): number[] {
  switch (spacing) {
    case "linspace": {
      const ts = npLinspace(0, numTrain - 1, n).reverse();
      return roundLinspace ? ts.map(roundHalfEven) : ts.map(Math.fround);
    }
    case "leading": {
      // Integer step ratio; the schedule starts at 0 (+ steps_offset) and climbs.
      const ratio = Math.floor(numTrain / n);
      return Array.from({ length: n }, (_, i) => (n - 1 - i) * ratio + stepsOffset);
    }
    case "trailing": {
      // Fractional ratio counted down from numTrain, rounded half-to-even, then shifted by one.
      return npArange(numTrain, 0, -numTrain / n).map((t) => roundHalfEven(t) - 1);
    }
  }
}

/** Result of the img2img strength rule. */
export interface StrengthSlice {
  /** Index of the first timestep that runs (= the scheduler's begin index, times `order`). */
  tStart: number;
  /** Number of denoising steps that remain. */
  stepsToRun: number;
}

/** Strength must be a finite number in [0, 1]. */
export function checkStrength(strength: number): void {
  if (typeof strength !== "number" || !Number.isFinite(strength) || strength < 0 || strength > 1) {
    throw new StrengthError(`Strength must be between 0 and 1, got ${String(strength)}.`);
  }
}

/**
 * Stable Diffusion img2img / inpaint `get_timesteps`:
 * init = min(int(n * strength), n); tStart = max(n - init, 0). Throws when nothing is left to run
 * (the reference pipeline refuses that case too).
 */
export function strengthSlice(numInferenceSteps: number, strength: number): StrengthSlice {
  checkStrength(strength);
  const initTimestep = Math.min(Math.floor(numInferenceSteps * strength), numInferenceSteps);
  const tStart = Math.max(numInferenceSteps - initTimestep, 0);
  const stepsToRun = numInferenceSteps - tStart;
  if (stepsToRun < 1) {
    const minStrength = 1 / numInferenceSteps;
    throw new StrengthError(
      `Strength ${strength} with ${numInferenceSteps} steps leaves no denoising step to run ` +
        `(int(${numInferenceSteps} × ${strength}) = 0). Raise the strength to at least ` +
        `${minStrength.toFixed(3)} or use more steps.`,
    );
  }
  return { tStart, stepsToRun };
}
