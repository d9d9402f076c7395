/**
 * Euler (Karras et al. 2022, algorithm 2 without churn), as diffusers' EulerDiscreteScheduler:
 * one first-order step along dx/dσ = (x − x̂₀)/σ per timestep. Deterministic (s_churn = 0, the
 * pipelines' default), so it never draws noise.
 */

import { readBoolean, readChoice, readOptionalNumber, rejectIfSet } from "./config";
import { torchLinspaceF32 } from "./betas";
import { SchedulerConfigError } from "./errors";
import { EulerFamilyScheduler } from "./euler-family";
import { exponentialSigmas, interpOnIndexGrid, karrasSigmas, sigmaToT } from "./numpy-like";
import { predOriginalFromSigma } from "./prediction";
import type { SchedulerConfig, SchedulerStepOutput, StepOptions } from "./scheduler";
import { outputBuffer, requireSameLength } from "./tensor-checks";
import { spacedTimesteps } from "./timesteps";
import { torchExpF32 } from "./torch-math";

const f32 = Math.fround;

export class EulerDiscreteScheduler extends EulerFamilyScheduler {
  readonly className = "EulerDiscreteScheduler";
  readonly interpolationType: "linear" | "log_linear";
  readonly sigmaSpacing: "interpolated" | "karras" | "exponential";
  readonly timestepType: "discrete" | "continuous";
  readonly finalSigmasType: "zero" | "sigma_min";
  private readonly sigmaMinOverride: number | null;
  private readonly sigmaMaxOverride: number | null;

  constructor(config: SchedulerConfig) {
    // diffusers' Euler also accepts "original_sample" as a synonym of "sample".
    const normalized =
      config.prediction_type === "original_sample" ? { ...config, prediction_type: "sample" } : config;
    super(normalized);
    this.interpolationType = readChoice(config, "interpolation_type", "linear", ["linear", "log_linear"]);
    this.timestepType = readChoice(config, "timestep_type", "discrete", ["discrete", "continuous"]);
    this.finalSigmasType = readChoice(config, "final_sigmas_type", "zero", ["zero", "sigma_min"]);
    rejectIfSet(config, "use_beta_sigmas", false, "beta-distributed sigmas are not implemented; use Karras sigmas");
    const karras = readBoolean(config, "use_karras_sigmas", false);
    const exponential = readBoolean(config, "use_exponential_sigmas", false);
    if (karras && exponential) {
      throw new SchedulerConfigError(`Only one of "use_karras_sigmas" and "use_exponential_sigmas" can be true.`);
    }
    this.sigmaSpacing = karras ? "karras" : exponential ? "exponential" : "interpolated";
    this.sigmaMinOverride = readOptionalNumber(config, "sigma_min");
    this.sigmaMaxOverride = readOptionalNumber(config, "sigma_max");
  }

  protected buildSchedule(n: number): void {
    let timesteps = spacedTimesteps(this.timestepSpacing, this.numTrainTimesteps, n, this.stepsOffset, false);
    let sigmas: number[];
    if (this.interpolationType === "linear") {
      sigmas = timesteps.map((t) => interpOnIndexGrid(t, this.trainSigmas));
    } else {
      // diffusers: torch.linspace(log σ_max, log σ_min, n + 1).exp() in float32.
      const last = this.trainSigmas.length - 1;
      const logs = torchLinspaceF32(this.logTrainSigmas[last], this.logTrainSigmas[0], n + 1);
      sigmas = Array.from(logs, torchExpF32);
    }
    if (this.sigmaSpacing !== "interpolated") {
      const sigmaMin = this.sigmaMinOverride ?? sigmas[sigmas.length - 1];
      const sigmaMax = this.sigmaMaxOverride ?? sigmas[0];
      sigmas =
        this.sigmaSpacing === "karras" ? karrasSigmas(sigmaMin, sigmaMax, n) : exponentialSigmas(sigmaMin, sigmaMax, n);
      timesteps = sigmas.map((s) => sigmaToT(s, this.logTrainSigmas));
    }
    const sigmaLast = this.finalSigmasType === "sigma_min" ? this.smallestTrainSigma() : 0;
    this.sigmaValues = Float32Array.from([...sigmas, sigmaLast]);
    if (this.timestepType === "continuous" && this.predictionType === "v_prediction") {
      // EDM-style models take c_noise = ¼·ln σ as their "timestep".
      this.fullTimesteps = Array.from(this.sigmaValues.subarray(0, -1), (s) => f32(0.25 * f32(Math.log(s))));
    } else {
      this.fullTimesteps = timesteps.map(f32);
    }
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, options: StepOptions = {}): SchedulerStepOutput {
    this.requireSchedule();
    const len = requireSameLength(`${this.className} step`, modelOutput, sample);
    const index = this.ensureStepIndex(timestep);
    const sigma = this.sigmaAt(index);
    const sigmaNext = this.sigmaAt(index + 1);
    const sigmaHat = sigma; // σ·(γ + 1) with γ = 0: no churn

    const predOriginal = outputBuffer(options.predOriginalSampleOut, len, `${this.className} predOriginalSample`);
    predOriginalFromSigma(this.predictionType, modelOutput, sample, sigmaHat, predOriginal);
    const dt = f32(sigmaNext - sigmaHat);
    const prev = outputBuffer(options.prevSampleOut, len, `${this.className} prevSample`);
    for (let i = 0; i < len; i++) {
      const derivative = f32(f32(sample[i] - predOriginal[i]) / sigmaHat);
      prev[i] = sample[i] + f32(derivative * dt);
    }
    this.currentStepIndex = index + 1;
    return { prevSample: prev, predOriginalSample: predOriginal };
  }
}
