/**
 * Latent Consistency Model multistep sampling, as diffusers' LCMScheduler: each step jumps to a
 * "denoised" estimate (x̂₀ with boundary-condition scalings), then re-noises it to the next
 * timestep with fresh noise, except after the last step.
 *
 * Its schedule ignores steps_offset and timestep_spacing: it picks n of the
 * `original_inference_steps` distillation timesteps (k·i − 1), and img2img strength shortens that
 * original schedule instead of slicing the inference one.
 */

import { BaseScheduler } from "./base-scheduler";
import { addNoiseAlpha, clampInPlace } from "./alpha-math";
import { readBoolean, readChoice, readInteger, readNumber, rejectIfSet } from "./config";
import { SchedulerConfigError, StrengthError } from "./errors";
import { npLinspace } from "./numpy-like";
import { PREDICTION_TYPES, predOriginalFromAlpha, type PredictionType } from "./prediction";
import type { SchedulerConfig, SchedulerStepOutput, SetTimestepsOptions, StepOptions } from "./scheduler";
import { drawStepNoise, identityScale, outputBuffer, requireSameLength, requireTrainTimestep } from "./tensor-checks";
import { checkInferenceSteps, checkStrength } from "./timesteps";

const f32 = Math.fround;
const SIGMA_DATA = 0.5;

export class LCMScheduler extends BaseScheduler {
  readonly className = "LCMScheduler";
  readonly initNoiseSigma = 1;
  readonly predictionType: PredictionType;
  readonly originalInferenceSteps: number;
  readonly timestepScaling: number;
  readonly clipSample: boolean;
  readonly clipSampleRange: number;
  readonly finalAlphaCumprod: number;

  constructor(config: SchedulerConfig) {
    super(config, { betaStart: 0.00085, betaEnd: 0.012, betaSchedule: "scaled_linear" }, false);
    this.predictionType = readChoice(config, "prediction_type", "epsilon", PREDICTION_TYPES);
    this.originalInferenceSteps = readInteger(config, "original_inference_steps", 50, 1);
    if (this.originalInferenceSteps > this.numTrainTimesteps) {
      throw new SchedulerConfigError(
        `"original_inference_steps" (${this.originalInferenceSteps}) cannot exceed "num_train_timesteps" (${this.numTrainTimesteps}).`,
      );
    }
    this.timestepScaling = readNumber(config, "timestep_scaling", 10);
    this.clipSample = readBoolean(config, "clip_sample", false);
    this.clipSampleRange = readNumber(config, "clip_sample_range", 1);
    this.finalAlphaCumprod = readBoolean(config, "set_alpha_to_one", true) ? 1 : this.alphasCumprod[0];
    rejectIfSet(config, "thresholding", false, "dynamic thresholding is for pixel-space models, not SD latents");
  }

  /**
   * LCM's own rule (default): strength cuts the distillation schedule to int(original · strength)
   * entries and all n steps run. With strengthPipeline "stable-diffusion" the full schedule is
   * sliced and the begin index set instead, as StableDiffusionImg2ImgPipeline does with LCM.
   */
  override setTimesteps(numInferenceSteps: number, options: SetTimestepsOptions = {}): void {
    if (options.strengthPipeline === "stable-diffusion") {
      super.setTimesteps(numInferenceSteps, { strength: options.strength });
      return;
    }
    checkInferenceSteps(numInferenceSteps, this.numTrainTimesteps);
    const strength = options.strength ?? 1;
    checkStrength(strength);
    this.fullTimesteps = this.lcmTimesteps(numInferenceSteps, strength);
    this.runTimesteps = this.fullTimesteps.slice();
    this.inferenceSteps = numInferenceSteps;
    this.currentStepIndex = null;
    this.startIndex = null;
  }

  protected buildSchedule(numInferenceSteps: number): void {
    this.fullTimesteps = this.lcmTimesteps(numInferenceSteps, 1);
  }

  /** n of the distillation timesteps k·i − 1 (i = 1..int(original · strength)), descending. */
  private lcmTimesteps(numInferenceSteps: number, strength: number): number[] {
    const original = this.originalInferenceSteps;
    checkInferenceSteps(numInferenceSteps, original, "original_inference_steps");
    const k = Math.floor(this.numTrainTimesteps / original);
    const originCount = Math.floor(original * strength);
    if (Math.floor(originCount / numInferenceSteps) < 1) {
      throw new StrengthError(
        `LCM with strength ${strength} keeps ${originCount} of its ${original} distillation timesteps, fewer than ` +
          `the ${numInferenceSteps} steps asked for. Use at most ${originCount} steps, or a strength of at least ` +
          `${(numInferenceSteps / original).toFixed(3)}.`,
      );
    }
    const origin = Array.from({ length: originCount }, (_, i) => (originCount - i) * k - 1);
    const picks = npLinspace(0, originCount, numInferenceSteps, false).map(Math.floor);
    return picks.map((p) => origin[p]);
  }

  scaleModelInput(sample: Float32Array, _timestep: number, out?: Float32Array): Float32Array {
    return identityScale(sample, out);
  }

  /** Consistency-model boundary scalings c_skip, c_out at a (scaled) discrete timestep, in float32. */
  boundaryScalings(timestep: number): { cSkip: number; cOut: number } {
    const scaled = f32(timestep * this.timestepScaling);
    const denom = f32(f32(scaled * scaled) + SIGMA_DATA * SIGMA_DATA);
    return { cSkip: f32((SIGMA_DATA * SIGMA_DATA) / denom), cOut: f32(scaled / f32(Math.sqrt(denom))) };
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, options: StepOptions = {}): SchedulerStepOutput {
    const n = this.requireSchedule();
    const len = requireSameLength("LCM step", modelOutput, sample);
    requireTrainTimestep(timestep, this.numTrainTimesteps);
    const index = this.ensureStepIndex(timestep);
    const isLast = index === n - 1;
    const prevTimestep = index + 1 < this.fullTimesteps.length ? this.fullTimesteps[index + 1] : timestep;
    const alphaProdT = this.alphasCumprod[timestep];
    const alphaProdPrev = prevTimestep >= 0 ? this.alphasCumprod[prevTimestep] : this.finalAlphaCumprod;
    const { cSkip, cOut } = this.boundaryScalings(timestep);

    // x̂₀ goes into the caller's denoised buffer first, then is turned into `denoised` in place.
    const denoised = outputBuffer(options.predOriginalSampleOut, len, "LCM denoised");
    predOriginalFromAlpha(this.predictionType, modelOutput, sample, alphaProdT, denoised);
    if (this.clipSample) clampInPlace(denoised, this.clipSampleRange);
    for (let i = 0; i < len; i++) denoised[i] = f32(cOut * denoised[i]) + f32(cSkip * sample[i]);

    const prev = outputBuffer(options.prevSampleOut, len, "LCM prevSample");
    if (isLast) {
      prev.set(denoised);
    } else {
      const noise = drawStepNoise(options, len, this.className);
      const sqrtAlphaPrev = f32(Math.sqrt(alphaProdPrev));
      const sqrtBetaPrev = f32(Math.sqrt(f32(1 - alphaProdPrev)));
      for (let i = 0; i < len; i++) prev[i] = f32(sqrtAlphaPrev * denoised[i]) + f32(sqrtBetaPrev * noise[i]);
    }
    this.currentStepIndex = index + 1;
    return { prevSample: prev, predOriginalSample: denoised };
  }

  addNoise(originalSamples: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    requireTrainTimestep(timestep, this.numTrainTimesteps);
    return addNoiseAlpha(originalSamples, noise, this.alphasCumprod[timestep]);
  }
}
