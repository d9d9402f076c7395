/**
 * State and bookkeeping every scheduler shares: the training noise schedule, the full and the
 * strength-sliced timesteps, and diffusers' step index / begin index rules.
 */

import { noiseScheduleFromConfig, type BetaDefaults } from "./betas";
import { SchedulerStateError } from "./errors";
import type {
  Scheduler,
  SchedulerConfig,
  SchedulerStepOutput,
  SetTimestepsOptions,
  StepOptions,
} from "./scheduler";
import { checkInferenceSteps, strengthSlice } from "./timesteps";

export abstract class BaseScheduler implements Scheduler {
  abstract readonly className: string;
  readonly config: Readonly<SchedulerConfig>;
  readonly order: number = 1;
  readonly numTrainTimesteps: number;
  /** [numTrainTimesteps] float32 betas of the training schedule. */
  readonly betas: Float32Array;
  /** [numTrainTimesteps] float32 ᾱ_t. */
  readonly alphasCumprod: Float32Array;

  protected fullTimesteps: number[] = [];
  protected runTimesteps: number[] = [];
  protected inferenceSteps: number | null = null;
  protected currentStepIndex: number | null = null;
  protected startIndex: number | null = null;

  protected constructor(config: SchedulerConfig, betaDefaults: BetaDefaults, pinTerminalAlphaForZeroSnr: boolean) {
    this.config = Object.freeze({ ...config });
    const schedule = noiseScheduleFromConfig(config, betaDefaults, { pinTerminalAlphaForZeroSnr });
    this.numTrainTimesteps = schedule.numTrainTimesteps;
    this.betas = schedule.betas;
    this.alphasCumprod = schedule.alphasCumprod;
  }

  abstract get initNoiseSigma(): number;

  get timesteps(): readonly number[] {
    return this.runTimesteps;
  }

  get scheduleTimesteps(): readonly number[] {
    return this.fullTimesteps;
  }

  /** numInferenceSteps given to setTimesteps (null before). */
  get numInferenceSteps(): number | null {
    return this.inferenceSteps;
  }

  get stepIndex(): number | null {
    return this.currentStepIndex;
  }

  get beginIndex(): number | null {
    return this.startIndex;
  }

  /** diffusers' set_begin_index, for callers that slice the schedule themselves. */
  setBeginIndex(beginIndex: number): void {
    if (!Number.isInteger(beginIndex) || beginIndex < 0 || beginIndex >= this.fullTimesteps.length) {
      throw new SchedulerStateError(
        `Begin index ${beginIndex} is outside the schedule of ${this.fullTimesteps.length} timesteps.`,
      );
    }
    this.startIndex = beginIndex;
  }

  setTimesteps(numInferenceSteps: number, options: SetTimestepsOptions = {}): void {
    // Validate everything before touching state, so a bad call leaves the scheduler as it was.
    checkInferenceSteps(numInferenceSteps, this.numTrainTimesteps);
    if (options.strengthPipeline === "latent-consistency") {
      throw new SchedulerStateError(
        `${this.className}: the "latent-consistency" strength rule exists only for LCMScheduler; use "stable-diffusion".`,
      );
    }
    const slice = options.strength === undefined ? null : strengthSlice(numInferenceSteps, options.strength);
    this.buildSchedule(numInferenceSteps);
    this.inferenceSteps = numInferenceSteps;
    this.currentStepIndex = null;
    this.startIndex = null;
    this.resetSolverState();
    this.runTimesteps = this.fullTimesteps.slice();
    if (slice) {
      const begin = slice.tStart * this.order;
      this.runTimesteps = this.fullTimesteps.slice(begin);
      this.startIndex = begin;
    }
  }

  /** Computes fullTimesteps (and sigmas) for n steps; validates n. */
  protected abstract buildSchedule(numInferenceSteps: number): void;

  /** Clears multistep history; schedulers without any leave it empty. */
  protected resetSolverState(): void {}

  abstract scaleModelInput(sample: Float32Array, timestep: number): Float32Array;
  abstract step(
    modelOutput: Float32Array,
    timestep: number,
    sample: Float32Array,
    options?: StepOptions,
  ): SchedulerStepOutput;
  abstract addNoise(originalSamples: Float32Array, noise: Float32Array, timestep: number): Float32Array;

  protected requireSchedule(): number {
    if (this.inferenceSteps === null) {
      throw new SchedulerStateError(`${this.className}: call setTimesteps(numInferenceSteps) before stepping.`);
    }
    return this.inferenceSteps;
  }

  /**
   * Position of `timestep` in the full schedule. With duplicates diffusers takes the SECOND one,
   * so a schedule whose first timestep repeats does not skip a sigma when starting mid-way.
   */
  indexForTimestep(timestep: number): number {
    const hits: number[] = [];
    for (let i = 0; i < this.fullTimesteps.length && hits.length < 2; i++) {
      if (this.fullTimesteps[i] === timestep) hits.push(i);
    }
    if (hits.length === 0) return this.indexForMissingTimestep(timestep);
    return hits.length > 1 ? hits[1] : hits[0];
  }

  protected indexForMissingTimestep(timestep: number): number {
    throw new SchedulerStateError(
      `${this.className}: timestep ${timestep} is not in the schedule [${this.fullTimesteps.join(", ")}]. ` +
        `Pass one of scheduler.timesteps.`,
    );
  }

  /** diffusers' _init_step_index: the begin index when set, else the timestep's position. */
  protected ensureStepIndex(timestep: number): number {
    if (this.currentStepIndex === null) {
      this.currentStepIndex = this.startIndex ?? this.indexForTimestep(timestep);
    }
    return this.currentStepIndex;
  }

  /** Which schedule entry add_noise uses (see Scheduler.addNoise). */
  protected addNoiseIndex(timestep: number): number {
    if (this.startIndex === null) return this.indexForTimestep(timestep);
    return this.currentStepIndex ?? this.startIndex;
  }
}
