/**
 * Public surface of core/: the diffusion maths the engine drives (no DOM, no ORT, no I/O).
 *
 * Typical text-to-image loop (img2img/inpaint: pass { strength } to setTimesteps and start from
 * scheduler.addNoise(imageLatents, noise, scheduler.timesteps[0]) instead):
 *
 *   const scheduler = createScheduler(schedulerConfigJson);          // or { className: "…" }
 *   scheduler.setTimesteps(numInferenceSteps);
 *   const generator = new TorchGenerator(seed);
 *   let latents = generator.randn(shape).map((v) => v * scheduler.initNoiseSigma);
 *   for (const t of scheduler.timesteps) {
 *     const x = scheduler.scaleModelInput(cfg ? concat(latents, latents) : latents, t);
 *     const eps = guidedNoisePrediction(await unet(x, t), guidanceScale);
 *     latents = scheduler.step(eps, t, latents, { noise: generator, shape }).prevSample;
 *   }
 */

export type {
  NoiseSource,
  Scheduler,
  SchedulerConfig,
  SchedulerStepOutput,
  SetTimestepsOptions,
  StepOptions,
} from "./scheduler";
export {
  createScheduler,
  isSchedulerClassName,
  SCHEDULER_CLASS_NAMES,
  withStableDiffusionFixups,
  type CreateSchedulerOptions,
  type SchedulerClassName,
} from "./create-scheduler";
export { DDIMScheduler } from "./ddim";
export { EulerDiscreteScheduler } from "./euler";
export { EulerAncestralDiscreteScheduler } from "./euler-ancestral";
export { DPMSolverMultistepScheduler } from "./dpm-solver-multistep";
export { LCMScheduler } from "./lcm";
export { TorchGenerator, seedToUint32, numelOf, MAX_NUMBER_SEED, type Seed } from "./torch-generator";
export { ReplayNoise } from "./replay-noise";
export { combineGuidance, doClassifierFreeGuidance, guidedNoisePrediction, rescaleNoiseCfg } from "./guidance";
export {
  epsilonFromAlpha,
  predOriginalFromAlpha,
  predOriginalFromSigma,
  velocityFromAlpha,
  PREDICTION_TYPES,
  type PredictionType,
} from "./prediction";
export { strengthSlice, checkStrength, type StrengthSlice } from "./timesteps";
export * from "./errors";
