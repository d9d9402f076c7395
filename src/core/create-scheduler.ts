/**
 * Builds a scheduler from a model's published `scheduler_config.json`, choosing the class from
 * `_class_name` like diffusers' `from_config`, or from the caller's override (the user picked
 * another sampler: diffusers' `OtherScheduler.from_config(pipe.scheduler.config)`).
 */

import { DDIMScheduler } from "./ddim";
import { DPMSolverMultistepScheduler } from "./dpm-solver-multistep";
import { SchedulerConfigError, UnknownSchedulerError } from "./errors";
import { EulerAncestralDiscreteScheduler } from "./euler-ancestral";
import { EulerDiscreteScheduler } from "./euler";
import { LCMScheduler } from "./lcm";
import type { Scheduler, SchedulerConfig } from "./scheduler";

const SCHEDULER_CLASSES = {
  DDIMScheduler: (c: SchedulerConfig) => new DDIMScheduler(c),
  EulerDiscreteScheduler: (c: SchedulerConfig) => new EulerDiscreteScheduler(c),
  EulerAncestralDiscreteScheduler: (c: SchedulerConfig) => new EulerAncestralDiscreteScheduler(c),
  DPMSolverMultistepScheduler: (c: SchedulerConfig) => new DPMSolverMultistepScheduler(c),
  LCMScheduler: (c: SchedulerConfig) => new LCMScheduler(c),
} as const;

export type SchedulerClassName = keyof typeof SCHEDULER_CLASSES;
export const SCHEDULER_CLASS_NAMES = Object.keys(SCHEDULER_CLASSES) as SchedulerClassName[];

export interface CreateSchedulerOptions {
  /** Use this class instead of the config's `_class_name` (e.g. SD 1.5 ships PNDMScheduler). */
  className?: string;
  /** Config values to replace, as diffusers' `from_config(config, **overrides)`. */
  overrides?: Partial<SchedulerConfig>;
  /**
   * Apply what StableDiffusion pipelines do to outdated configs at load time: steps_offset → 1 and
   * clip_sample → false. On by default, because every SD pipeline does it; the LCM pipelines do
   * not, so LCMScheduler is left alone either way.
   */
  stableDiffusionFixups?: boolean;
}

export function isSchedulerClassName(name: string): name is SchedulerClassName {
  return Object.prototype.hasOwnProperty.call(SCHEDULER_CLASSES, name);
}

/**
 * The StableDiffusion pipelines' load-time config fixes: a config whose (resolved) steps_offset
 * is not 1 gets 1, and one whose clip_sample is true gets false. DDIM's class default for
 * clip_sample is true, so a DDIM config without the key is fixed too.
 */
export function withStableDiffusionFixups(config: SchedulerConfig, className: string): SchedulerConfig {
  const out = { ...config };
  if ((config.steps_offset ?? 0) !== 1) out.steps_offset = 1;
  const clipDefault = className === "DDIMScheduler";
  if ((config.clip_sample ?? clipDefault) === true) out.clip_sample = false;
  return out;
}

export function createScheduler(config: SchedulerConfig, options: CreateSchedulerOptions = {}): Scheduler {
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new SchedulerConfigError("The scheduler config must be a JSON object.");
  }
  const className = options.className ?? config._class_name;
  if (typeof className !== "string" || className.length === 0) {
    throw new SchedulerConfigError(`The config has no "_class_name" and no scheduler class was chosen.`);
  }
  if (!isSchedulerClassName(className)) throw new UnknownSchedulerError(className, SCHEDULER_CLASS_NAMES);
  let resolved: SchedulerConfig = { ...config, ...options.overrides, _class_name: className };
  if ((options.stableDiffusionFixups ?? true) && className !== "LCMScheduler") resolved = withStableDiffusionFixups(resolved, className);
  return SCHEDULER_CLASSES[className](resolved);
}
