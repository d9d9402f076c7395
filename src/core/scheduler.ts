/**
 * The interface every scheduler in src/core implements. Names follow diffusers in camelCase so a
 * port can be read side by side with its reference (set_timesteps → setTimesteps, …).
 *
 * All tensors are flat Float32Array in C order; shapes are the caller's business except where a
 * stochastic step must draw noise of the sample's shape.
 */

/** A diffusers `scheduler_config.json`, as published with real models (unknown keys are kept). */
export interface SchedulerConfig {
  _class_name?: string;
  num_train_timesteps?: number;
  beta_start?: number;
  beta_end?: number;
  beta_schedule?: string;
  trained_betas?: number[] | null;
  prediction_type?: string;
  timestep_spacing?: string;
  steps_offset?: number;
  [key: string]: unknown;
}

/** Source of Gaussian noise: a torch-compatible generator, or recorded draws replayed by tests. */
export interface NoiseSource {
  /** Next draw of standard normal noise with this shape (C order, float32). */
  randn(shape: readonly number[]): Float32Array;
}

export interface SetTimestepsOptions {
  /** Image-to-image strength in [0, 1]; 1 (default) runs the whole schedule. */
  strength?: number;
}

export interface StepOptions {
  /** Needed by stochastic schedulers (Euler ancestral, LCM): where this step's noise comes from. */
  noise?: NoiseSource;
  /** Shape of `sample`, e.g. [B, 4, H/8, W/8]; stochastic schedulers draw noise of this shape. */
  shape?: readonly number[];
}

export interface SchedulerStepOutput {
  /** x_{t-1}. */
  prevSample: Float32Array;
  /** The model's estimate of x_0 at this step (LCM: its `denoised`), used for previews. */
  predOriginalSample: Float32Array;
}

export interface Scheduler {
  readonly config: Readonly<SchedulerConfig>;
  /** Model evaluations per timestep entry (1 for all schedulers here). */
  readonly order: number;
  /** Factor for the initial text-to-image noise. */
  readonly initNoiseSigma: number;
  /** Timesteps the pipeline runs, after strength slicing. Valid after setTimesteps. */
  readonly timesteps: readonly number[];
  /**
   * Builds the schedule for `numInferenceSteps` and applies img2img `strength` exactly as the
   * reference pipelines do (slice + begin index; LCM's own rule). Throws a clear error when no
   * step would remain.
   */
  setTimesteps(numInferenceSteps: number, options?: SetTimestepsOptions): void;
  scaleModelInput(sample: Float32Array, timestep: number): Float32Array;
  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, options?: StepOptions): SchedulerStepOutput;
  /** Forward process q(x_t | x_0). */
  addNoise(originalSamples: Float32Array, noise: Float32Array, timestep: number): Float32Array;
}
