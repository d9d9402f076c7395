/**
 * What Euler and Euler ancestral share (diffusers copies it between the two classes): the
 * timestep spacing with float timesteps, init_noise_sigma, the input scaling x / √(σ²+1) and
 * the variance-exploding forward process x₀ + σ·ε.
 */

import { readChoice, readInteger } from "./config";
import { PREDICTION_TYPES, type PredictionType } from "./prediction";
import type { BetaDefaults } from "./betas";
import type { SchedulerConfig } from "./scheduler";
import { SigmaScheduler } from "./sigma-scheduler";
import { outputBuffer, requireSameLength } from "./tensor-checks";
import { TIMESTEP_SPACINGS, type TimestepSpacing } from "./timesteps";

const f32 = Math.fround;

export const EULER_BETA_DEFAULTS: BetaDefaults = { betaStart: 0.0001, betaEnd: 0.02, betaSchedule: "linear" };

export abstract class EulerFamilyScheduler extends SigmaScheduler {
  readonly predictionType: PredictionType;
  readonly timestepSpacing: TimestepSpacing;
  readonly stepsOffset: number;

  protected constructor(config: SchedulerConfig, predictionTypes: readonly PredictionType[] = PREDICTION_TYPES) {
    super(config, EULER_BETA_DEFAULTS);
    this.predictionType = readChoice(config, "prediction_type", "epsilon", predictionTypes);
    this.timestepSpacing = readChoice(config, "timestep_spacing", "linspace", TIMESTEP_SPACINGS);
    this.stepsOffset = readInteger(config, "steps_offset", 0, 0);
  }

  /**
   * σ_max for "linspace"/"trailing" spacing, √(σ_max² + 1) for "leading" (whose first timestep
   * sits below the top of the training range).
   */
  get initNoiseSigma(): number {
    const max = this.maxSigma();
    if (this.timestepSpacing === "linspace" || this.timestepSpacing === "trailing") return max;
    return f32(Math.sqrt(f32(f32(max * max) + 1)));
  }

  scaleModelInput(sample: Float32Array, timestep: number, out?: Float32Array): Float32Array {
    this.requireSchedule();
    const sigma = this.sigmaAt(this.ensureStepIndex(timestep));
    const denom = f32(Math.sqrt(f32(f32(sigma * sigma) + 1)));
    const result = outputBuffer(out, sample.length, `${this.className} scaleModelInput`);
    for (let i = 0; i < sample.length; i++) result[i] = sample[i] / denom;
    return result;
  }

  addNoise(originalSamples: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    const n = requireSameLength(`${this.className} addNoise`, originalSamples, noise);
    this.requireSchedule();
    const sigma = this.sigmaAt(this.addNoiseIndex(timestep));
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = originalSamples[i] + f32(noise[i] * sigma);
    return out;
  }
}
