/**
 * DDIM (Song et al. 2020), as diffusers' DDIMScheduler: deterministic at η = 0, works directly on
 * integer training timesteps, identity model-input scaling.
 */

import { BaseScheduler } from "./base-scheduler";
import { readBoolean, readChoice, readInteger, readNumber, rejectIfSet } from "./config";
import { SchedulerStateError } from "./errors";
import { PREDICTION_TYPES, epsilonFromAlpha, predOriginalFromAlpha, type PredictionType } from "./prediction";
import type { SchedulerConfig, SchedulerStepOutput, StepOptions } from "./scheduler";
import { drawStepNoise, identityScale, outputBuffer, requireSameLength, requireTrainTimestep } from "./tensor-checks";
import { TIMESTEP_SPACINGS, spacedTimesteps, type TimestepSpacing } from "./timesteps";
import { addNoiseAlpha, clampInPlace } from "./alpha-math";

const f32 = Math.fround;

export class DDIMScheduler extends BaseScheduler {
  readonly className = "DDIMScheduler";
  readonly predictionType: PredictionType;
  readonly timestepSpacing: TimestepSpacing;
  readonly stepsOffset: number;
  readonly clipSample: boolean;
  readonly clipSampleRange: number;
  /** ᾱ used "before" timestep 0: 1, or ᾱ_0 when set_alpha_to_one is false (SD's configs). */
  readonly finalAlphaCumprod: number;
  readonly initNoiseSigma = 1;
  private epsilonScratch = new Float32Array(0);

  constructor(config: SchedulerConfig) {
    super(config, { betaStart: 0.0001, betaEnd: 0.02, betaSchedule: "linear" }, false);
    this.predictionType = readChoice(config, "prediction_type", "epsilon", PREDICTION_TYPES);
    this.timestepSpacing = readChoice(config, "timestep_spacing", "leading", TIMESTEP_SPACINGS);
    this.stepsOffset = readInteger(config, "steps_offset", 0, 0);
    this.clipSample = readBoolean(config, "clip_sample", true);
    this.clipSampleRange = readNumber(config, "clip_sample_range", 1);
    this.finalAlphaCumprod = readBoolean(config, "set_alpha_to_one", true) ? 1 : this.alphasCumprod[0];
    rejectIfSet(config, "thresholding", false, "dynamic thresholding is for pixel-space models, not SD latents");
  }

  protected buildSchedule(numInferenceSteps: number): void {
    this.fullTimesteps = spacedTimesteps(
      this.timestepSpacing,
      this.numTrainTimesteps,
      numInferenceSteps,
      this.stepsOffset,
      true,
    );
  }

  scaleModelInput(sample: Float32Array, _timestep: number, out?: Float32Array): Float32Array {
    return identityScale(sample, out);
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, options: StepOptions = {}): SchedulerStepOutput {
    const n = this.requireSchedule();
    const len = requireSameLength("DDIM step", modelOutput, sample);
    requireTrainTimestep(timestep, this.numTrainTimesteps);
    const eta = options.eta ?? 0;
    if (!Number.isFinite(eta) || eta < 0) throw new SchedulerStateError(`DDIM eta must be >= 0, got ${eta}.`);

    // The previous timestep is one stride back on the training grid, whatever the spacing.
    const prevTimestep = timestep - Math.floor(this.numTrainTimesteps / n);
    const alphaProdT = this.alphasCumprod[timestep];
    const alphaProdPrev = prevTimestep >= 0 ? this.alphasCumprod[prevTimestep] : this.finalAlphaCumprod;

    const predOriginal = outputBuffer(options.predOriginalSampleOut, len, "DDIM step predOriginalSample");
    predOriginalFromAlpha(this.predictionType, modelOutput, sample, alphaProdT, predOriginal);
    if (this.epsilonScratch.length !== len) this.epsilonScratch = new Float32Array(len);
    // ε̂ must be taken before clipping x̂₀ (diffusers' default use_clipped_model_output=False).
    const epsilon = epsilonFromAlpha(this.predictionType, modelOutput, sample, alphaProdT, predOriginal, this.epsilonScratch);
    if (this.clipSample) clampInPlace(predOriginal, this.clipSampleRange);

    // σ_t of DDIM: η · √((1-ᾱ_prev)/(1-ᾱ_t) · (1 - ᾱ_t/ᾱ_prev)).
    const betaProdT = f32(1 - alphaProdT);
    const betaProdPrev = f32(1 - alphaProdPrev);
    const variance = f32(f32(betaProdPrev / betaProdT) * f32(1 - f32(alphaProdT / alphaProdPrev)));
    const stdDev = f32(eta * f32(Math.sqrt(variance)));
    const dirCoef = f32(Math.sqrt(f32(betaProdPrev - f32(stdDev * stdDev))));
    const sqrtAlphaPrev = f32(Math.sqrt(alphaProdPrev));

    const noise = eta > 0 ? drawStepNoise(options, len, "DDIM with eta > 0") : null;
    const prev = outputBuffer(options.prevSampleOut, len, "DDIM step prevSample");
    for (let i = 0; i < len; i++) {
      // epsilon may alias modelOutput and prev may alias sample: read both before writing.
      let x = f32(sqrtAlphaPrev * predOriginal[i]) + f32(dirCoef * epsilon[i]);
      if (noise) x = f32(x) + f32(stdDev * noise[i]);
      prev[i] = x;
    }
    return { prevSample: prev, predOriginalSample: predOriginal };
  }

  addNoise(originalSamples: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    requireTrainTimestep(timestep, this.numTrainTimesteps);
    return addNoiseAlpha(originalSamples, noise, this.alphasCumprod[timestep]);
  }
}
