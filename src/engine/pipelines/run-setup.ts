/**
 * What every pipeline does before its own steps: check the common options, pick the noise and
 * the batch, decide guidance and the UNet/VAE batch schedule, and build a fresh scheduler (a
 * scheduler has per-run state, so runs never share one).
 */
import type { NoiseSource, Scheduler } from "../../core/scheduler";
import type { Seed } from "../../core/torch-generator";
import { InvalidInputError } from "../errors";
import type { StableDiffusionModels } from "../stable-diffusion-models";
import { resolveNoise } from "./noise";
import type { CommonGenerationOptions } from "./options";
import { RunContext } from "./run-context";
import { createSchedulerFor } from "./scheduler-factory";
import { checkInferenceSteps } from "../../core/step-limit";

export const DEFAULT_GUIDANCE_SCALE = 7.5;
export const MAX_INFERENCE_STEPS = 1000;

/** What a pipeline family fixes regardless of the caller's options. */
export interface RunRules {
  /** False for guidance-distilled UNets (LCM): the guidance goes in as an embedding, one UNet row per image. */
  classifierFreeGuidance?: boolean;
  /** The scheduler class the pipeline needs, built from the model's config (LCM pipelines: LCMScheduler). */
  schedulerClass?: string;
  /** The pipeline's default guidance scale (diffusers' `__call__` default). */
  defaultGuidanceScale?: number;
}

export interface RunSetup {
  ctx: RunContext;
  guidanceScale: number;
  doClassifierFreeGuidance: boolean;
  batch: number;
  noise: NoiseSource;
  seeds: Seed[] | null;
  scheduler: Scheduler;
  unetBatchSize: number;
  vaeBatchSize: number;
}

export function setUpRun(models: StableDiffusionModels, options: CommonGenerationOptions, rules: RunRules = {}): RunSetup {
  const ctx = new RunContext(options);
  ctx.checkCancelled();
  const steps = options.numInferenceSteps;
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_INFERENCE_STEPS) {
    throw new InvalidInputError(`numInferenceSteps must be a whole number from 1 to ${MAX_INFERENCE_STEPS} (got ${steps}).`);
  }
  const guidanceScale = options.guidanceScale ?? rules.defaultGuidanceScale ?? DEFAULT_GUIDANCE_SCALE;
  if (!Number.isFinite(guidanceScale) || guidanceScale < 0) {
    throw new InvalidInputError(`guidanceScale must be a number ≥ 0 (got ${guidanceScale}); 1 or less turns guidance off.`);
  }
  if (options.prompt === undefined || options.prompt === null) throw new InvalidInputError("A prompt is required (it may be empty text).");
  const { batch, noise, seeds } = resolveNoise(options, options.numImagesPerPrompt);
  const unetBatchSize = options.unetBatchSize ?? models.backend.batching.maxUnetBatch;
  if (!Number.isInteger(unetBatchSize) || unetBatchSize < 1) {
    throw new InvalidInputError(`unetBatchSize must be a whole number ≥ 1 (got ${unetBatchSize}).`);
  }
  const chosenClass = options.scheduler?.className;
  if (rules.schedulerClass && chosenClass && chosenClass !== rules.schedulerClass) {
    throw new InvalidInputError(`This model samples with ${rules.schedulerClass}; choose that scheduler instead of ${chosenClass}.`);
  }
  const schedulerChoice = rules.schedulerClass ? { ...options.scheduler, className: rules.schedulerClass } : options.scheduler;
  // Some schedules break past a step count (repeated or out-of-range timesteps): say so up front.
  checkInferenceSteps(() => createSchedulerFor(models.schedulerConfig, schedulerChoice), steps);
  return {
    ctx,
    guidanceScale,
    doClassifierFreeGuidance: (rules.classifierFreeGuidance ?? true) && guidanceScale > 1,
    batch,
    noise,
    seeds,
    scheduler: createSchedulerFor(models.schedulerConfig, schedulerChoice),
    unetBatchSize,
    vaeBatchSize: Math.max(1, models.backend.batching.maxVaeBatch),
  };
}
