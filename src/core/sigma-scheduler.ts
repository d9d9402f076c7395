/**
 * Shared base of the schedulers that walk a list of noise levels σ (Euler, Euler ancestral,
 * DPM-Solver): the training sigmas √((1-ᾱ)/ᾱ), their logs, and the inference sigma list.
 */

import { BaseScheduler } from "./base-scheduler";
import { trainingSigmas, type BetaDefaults } from "./betas";
import { SchedulerStateError } from "./errors";
import type { SchedulerConfig } from "./scheduler";

const f32 = Math.fround;

export abstract class SigmaScheduler extends BaseScheduler {
  /** [numTrainTimesteps] float32 σ per training timestep (increasing with t). */
  readonly trainSigmas: Float32Array;
  /** float32 log of trainSigmas (numpy computes them in float32 too). */
  protected readonly logTrainSigmas: Float32Array;
  /** Inference sigmas, descending, plus the final one: [len(scheduleTimesteps) + 1] float32. */
  protected sigmaValues: Float32Array;

  protected constructor(config: SchedulerConfig, betaDefaults: BetaDefaults) {
    // Euler/DPM pin ᾱ_T to 2^-24 under zero-terminal-SNR so σ_max stays finite.
    super(config, betaDefaults, true);
    this.trainSigmas = trainingSigmas(this.alphasCumprod);
    this.logTrainSigmas = this.trainSigmas.map((s) => f32(Math.log(s)));
    // Before setTimesteps diffusers holds every training sigma, descending, then 0.
    this.sigmaValues = new Float32Array(this.trainSigmas.length + 1);
    this.sigmaValues.set(this.trainSigmas.slice().reverse());
  }

  get sigmas(): Float32Array {
    return this.sigmaValues;
  }

  /** σ of the smallest training timestep: the final sigma when final_sigmas_type = "sigma_min". */
  protected smallestTrainSigma(): number {
    return this.trainSigmas[0];
  }

  /** sigmas[i], refusing to read past the end (a step after the last timestep). */
  protected sigmaAt(i: number): number {
    if (i < 0 || i >= this.sigmaValues.length) {
      throw new SchedulerStateError(
        `${this.className}: step index ${i} is past the end of the schedule (${this.fullTimesteps.length} ` +
          `timesteps). Call setTimesteps again before a new run.`,
      );
    }
    return this.sigmaValues[i];
  }

  /** The largest inference sigma (float32). */
  protected maxSigma(): number {
    let m = -Infinity;
    for (const s of this.sigmaValues) if (s > m) m = s;
    return m;
  }
}
