/**
 * DPM-Solver++ multistep (2M by default; plain, Karras, exponential or Lu sigmas), as diffusers'
 * DPMSolverMultistepScheduler. Keeps a short history of x̂₀ predictions; the update order per
 * step runs 1, 2, …, 2 and drops to 1 on the last step (final_sigmas_type "zero") or the last two
 * (lower_order_final with < 15 steps).
 */

import { readBoolean, readChoice, readInteger, readNumber, readOptionalNumber, rejectIfSet } from "./config";
import { SchedulerConfigError } from "./errors";
import { dpmSolverUpdate, noiseLevel, type DpmAlgorithm, type DpmSolverType } from "./dpm-solver-updates";
import { exponentialSigmas, interpOnIndexGrid, karrasSigmas, npArange, npLinspace, roundHalfEven, sigmaToT } from "./numpy-like";
import { PREDICTION_TYPES, type PredictionType } from "./prediction";
import type { SchedulerConfig, SchedulerStepOutput, StepOptions } from "./scheduler";
import { SigmaScheduler } from "./sigma-scheduler";
import { drawStepNoise, identityScale, outputBuffer, requireSameLength } from "./tensor-checks";
import { TIMESTEP_SPACINGS, type TimestepSpacing } from "./timesteps";

const f32 = Math.fround;
type SigmaSpacing = "interpolated" | "karras" | "exponential" | "lu";

export class DPMSolverMultistepScheduler extends SigmaScheduler {
  readonly className = "DPMSolverMultistepScheduler";
  readonly initNoiseSigma = 1;
  readonly solverOrder: number;
  readonly predictionType: PredictionType;
  readonly algorithmType: DpmAlgorithm;
  readonly solverType: DpmSolverType;
  readonly lowerOrderFinal: boolean;
  readonly eulerAtFinal: boolean;
  readonly sigmaSpacing: SigmaSpacing;
  readonly finalSigmasType: "zero" | "sigma_min";
  readonly lambdaMinClipped: number;
  readonly timestepSpacing: TimestepSpacing;
  readonly stepsOffset: number;
  private readonly sigmaMinOverride: number | null;
  private readonly sigmaMaxOverride: number | null;
  /** x̂₀ history, newest first; buffers are reused once the history is full. */
  private history: Float32Array[] = [];
  private lowerOrderNums = 0;
  /** Order of the update the last step used (1, 2 or 3); 0 before the first step. */
  lastUpdateOrder = 0;

  constructor(config: SchedulerConfig) {
    super(config, { betaStart: 0.0001, betaEnd: 0.02, betaSchedule: "linear" });
    this.solverOrder = readInteger(config, "solver_order", 2, 1);
    if (this.solverOrder > 3) throw new SchedulerConfigError(`"solver_order" must be 1, 2 or 3, got ${this.solverOrder}.`);
    this.predictionType = readChoice(config, "prediction_type", "epsilon", PREDICTION_TYPES);
    // diffusers maps the legacy names "deis" → dpmsolver++ and logrho/bh1/bh2 → midpoint.
    const algorithm = config.algorithm_type === "deis" ? "dpmsolver++" : config.algorithm_type;
    this.algorithmType = readChoice({ algorithm_type: algorithm }, "algorithm_type", "dpmsolver++", [
      "dpmsolver++",
      "sde-dpmsolver++",
    ]);
    const solver = ["logrho", "bh1", "bh2"].includes(String(config.solver_type)) ? "midpoint" : config.solver_type;
    this.solverType = readChoice({ solver_type: solver }, "solver_type", "midpoint", ["midpoint", "heun"]);
    this.lowerOrderFinal = readBoolean(config, "lower_order_final", true);
    this.eulerAtFinal = readBoolean(config, "euler_at_final", false);
    this.finalSigmasType = readChoice(config, "final_sigmas_type", "zero", ["zero", "sigma_min"]);
    this.lambdaMinClipped = readNumber(config, "lambda_min_clipped", -Infinity);
    this.timestepSpacing = readChoice(config, "timestep_spacing", "linspace", TIMESTEP_SPACINGS);
    this.stepsOffset = readInteger(config, "steps_offset", 0, 0);
    this.sigmaMinOverride = readOptionalNumber(config, "sigma_min");
    this.sigmaMaxOverride = readOptionalNumber(config, "sigma_max");
    rejectIfSet(config, "thresholding", false, "dynamic thresholding is for pixel-space models, not SD latents");
    rejectIfSet(config, "variance_type", null, "learned-variance models are not supported");
    rejectIfSet(config, "use_beta_sigmas", false, "beta-distributed sigmas are not implemented; use Karras sigmas");
    rejectIfSet(config, "use_flow_sigmas", false, "flow-matching models are not supported");
    rejectIfSet(config, "use_dynamic_shifting", false, "flow-matching models are not supported");
    const chosen = (["karras", "exponential", "lu"] as const).filter((k) =>
      readBoolean(config, k === "lu" ? "use_lu_lambdas" : `use_${k}_sigmas`, false),
    );
    if (chosen.length > 1) throw new SchedulerConfigError(`Only one of the use_*_sigmas / use_lu_lambdas options can be true.`);
    this.sigmaSpacing = chosen[0] ?? "interpolated";
  }

  /** Timesteps before the sigma conversion; "leading" divides by n + 1 and drops the last. */
  private spacedTimesteps(n: number): number[] {
    // λ decreases with t; timesteps whose λ is below lambda_min_clipped are cut from the top.
    let clipped = 0;
    const lambdas = this.trainSigmas.map((_, i) => lambdaFromAlphaCumprod(this.alphasCumprod[i]));
    for (let i = lambdas.length - 1; i >= 0 && lambdas[i] < this.lambdaMinClipped; i--) clipped++;
    const last = this.numTrainTimesteps - clipped;
    if (this.timestepSpacing === "linspace") {
      return npLinspace(0, last - 1, n + 1).map(roundHalfEven).reverse().slice(0, n);
    }
    if (this.timestepSpacing === "leading") {
      const ratio = Math.floor(last / (n + 1));
      return Array.from({ length: n }, (_, i) => (n - i) * ratio + this.stepsOffset);
    }
    return npArange(last, 0, -this.numTrainTimesteps / n).map((t) => roundHalfEven(t) - 1);
  }

  protected buildSchedule(n: number): void {
    let timesteps = this.spacedTimesteps(n);
    let sigmas: number[];
    const cosine = this.config.beta_schedule === "squaredcos_cap_v2";
    const descending = Array.from(this.trainSigmas).reverse();
    const sigmaMin = this.sigmaMinOverride ?? descending[descending.length - 1];
    const sigmaMax = this.sigmaMaxOverride ?? descending[0];
    if (this.sigmaSpacing === "interpolated") {
      sigmas = timesteps.map((t) => interpOnIndexGrid(t, this.trainSigmas));
    } else {
      if (this.sigmaSpacing === "karras") sigmas = karrasSigmas(sigmaMin, sigmaMax, n);
      else if (this.sigmaSpacing === "exponential") sigmas = exponentialSigmas(sigmaMin, sigmaMax, n);
      else sigmas = this.luSigmas(n);
      timesteps = sigmas.map((s) => sigmaToT(s, this.logTrainSigmas));
      // Karras/Lu timesteps are rounded (except for the cosine schedule); int64 truncates the rest.
      const rounds = this.sigmaSpacing !== "exponential" && !cosine;
      timesteps = timesteps.map((t) => (rounds ? roundHalfEven(t) : Math.trunc(t)));
    }
    const sigmaLast = this.finalSigmasType === "sigma_min" ? this.smallestTrainSigma() : 0;
    this.sigmaValues = Float32Array.from([...sigmas, sigmaLast]);
    this.fullTimesteps = timesteps.map(Math.trunc);
  }

  /** Lu et al.'s schedule: uniform in log σ between the float32 logs of the extreme sigmas. */
  private luSigmas(n: number): number[] {
    const lambdaMin = this.logTrainSigmas[0];
    const lambdaMax = this.logTrainSigmas[this.logTrainSigmas.length - 1];
    return npLinspace(0, 1, n).map((ramp) => Math.exp(lambdaMax + ramp * (lambdaMin - lambdaMax)));
  }

  protected override resetSolverState(): void {
    this.history = [];
    this.lowerOrderNums = 0;
    this.lastUpdateOrder = 0;
  }

  /** Any timestep not in the schedule maps to the last entry, as in diffusers. */
  protected override indexForMissingTimestep(): number {
    return this.fullTimesteps.length - 1;
  }

  scaleModelInput(sample: Float32Array, _timestep: number, out?: Float32Array): Float32Array {
    return identityScale(sample, out);
  }

  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, options: StepOptions = {}): SchedulerStepOutput {
    this.requireSchedule();
    const len = requireSameLength("DPMSolverMultistep step", modelOutput, sample);
    const index = this.ensureStepIndex(timestep);
    const count = this.fullTimesteps.length;
    const fewSteps = this.lowerOrderFinal && count < 15;
    const lowerOrderFinal =
      index === count - 1 && (this.eulerAtFinal || fewSteps || this.finalSigmasType === "zero");
    const lowerOrderSecond = index === count - 2 && fewSteps;

    const current = noiseLevel(this.sigmaAt(index));
    const target = noiseLevel(this.sigmaAt(index + 1));
    const x0 = this.pushPrediction(modelOutput, sample, current, len);

    let order: number;
    if (this.solverOrder === 1 || this.lowerOrderNums < 1 || lowerOrderFinal) order = 1;
    else if (this.solverOrder === 2 || this.lowerOrderNums < 2 || lowerOrderSecond) order = 2;
    else order = 3;

    const noise = this.algorithmType === "sde-dpmsolver++" ? drawStepNoise(options, len, this.className) : null;
    const levels = [current];
    for (let k = 1; k < order; k++) levels.push(noiseLevel(this.sigmaAt(index - k)));
    const prev = outputBuffer(options.prevSampleOut, len, "DPMSolverMultistep prevSample");
    dpmSolverUpdate({
      algorithm: this.algorithmType,
      solverType: this.solverType,
      t: target,
      s: levels,
      m: this.history.slice(0, order),
      sample,
      noise,
      out: prev,
    });
    if (this.lowerOrderNums < this.solverOrder) this.lowerOrderNums++;
    this.lastUpdateOrder = order;
    this.currentStepIndex = index + 1;
    const predOriginal = outputBuffer(options.predOriginalSampleOut, len, "DPMSolverMultistep predOriginalSample");
    predOriginal.set(x0);
    return { prevSample: prev, predOriginalSample: predOriginal };
  }

  /** Converts the model output to x̂₀ and makes it the newest history entry (reusing the oldest buffer). */
  private pushPrediction(modelOutput: Float32Array, sample: Float32Array, level: { alpha: number; sigma: number }, len: number): Float32Array {
    let buffer = this.history.length === this.solverOrder ? this.history.pop()! : new Float32Array(len);
    if (buffer.length !== len) buffer = new Float32Array(len);
    const { alpha, sigma } = level;
    if (this.predictionType === "epsilon") {
      for (let i = 0; i < len; i++) buffer[i] = f32(sample[i] - f32(sigma * modelOutput[i])) / alpha;
    } else if (this.predictionType === "v_prediction") {
      for (let i = 0; i < len; i++) buffer[i] = f32(alpha * sample[i]) - f32(sigma * modelOutput[i]);
    } else {
      buffer.set(modelOutput);
    }
    this.history.unshift(buffer);
    return buffer;
  }

  /** Forward process at the chosen sigma: α_t·x₀ + σ_t·ε with α_t = 1/√(σ²+1). */
  addNoise(originalSamples: Float32Array, noise: Float32Array, timestep: number): Float32Array {
    const n = requireSameLength("DPMSolverMultistep addNoise", originalSamples, noise);
    this.requireSchedule();
    const { alpha, sigma } = noiseLevel(this.sigmaAt(this.addNoiseIndex(timestep)));
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = f32(alpha * originalSamples[i]) + f32(sigma * noise[i]);
    return out;
  }
}

/** λ_t = ln √ᾱ − ln √(1−ᾱ) in float32, as diffusers' lambda_t. */
function lambdaFromAlphaCumprod(alphaProd: number): number {
  const alphaT = f32(Math.sqrt(alphaProd));
  const sigmaT = f32(Math.sqrt(f32(1 - alphaProd)));
  return f32(f32(Math.log(alphaT)) - f32(Math.log(sigmaT)));
}
