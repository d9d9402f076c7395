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
  /**
   * Image-to-image / inpaint strength in [0, 1]; 1 runs the whole schedule. Omitted = text-to-image
   * (the whole schedule, no begin index). LCM folds it into its own schedule instead of slicing.
   */
  strength?: number;
  /**
   * Which reference pipeline's strength rule to follow:
   * - "stable-diffusion": StableDiffusionImg2Img/Inpaint `get_timesteps` — slice the schedule to its
   *   last int(n·strength) entries and set the begin index. Works with every scheduler.
   * - "latent-consistency": LatentConsistencyModelImg2ImgPipeline — LCM cuts its 50-step
   *   distillation schedule to int(50·strength) and still runs all n steps. LCMScheduler only.
   * Default: "latent-consistency" for LCMScheduler, "stable-diffusion" for the others.
   */
  strengthPipeline?: "stable-diffusion" | "latent-consistency";
}

export interface StepOptions {
  /** Needed by stochastic schedulers (Euler ancestral, LCM): where this step's noise comes from. */
  noise?: NoiseSource;
  /**
   * Shape of `sample`, e.g. [B, 4, H/8, W/8]; stochastic schedulers draw noise of this shape.
   * Defaults to [sample.length]: torch fills noise flat in C order, so only the element count
   * changes the values drawn.
   */
  shape?: readonly number[];
  /**
   * Buffer to write `prevSample` into (same length as `sample`; may be `sample` itself for an
   * in-place update). Without it `prevSample` is a fresh array the caller owns.
   */
  prevSampleOut?: Float32Array;
  /** Buffer to write `predOriginalSample` into. Without it a fresh array the caller owns. */
  predOriginalSampleOut?: Float32Array;
  /** DDIM only: η of the DDIM paper (0 = deterministic, default; 1 = DDPM-like, needs `noise`). */
  eta?: number;
}

/**
 * Ownership: both arrays belong to the caller (fresh, or the caller's own `…Out` buffers); the
 * scheduler keeps no reference to them, so a caller may hold `prevSample` across steps.
 */
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
  /** diffusers class name this scheduler implements, e.g. "EulerDiscreteScheduler". */
  readonly className: string;
  /** Full schedule from setTimesteps, before strength slicing (= diffusers' scheduler.timesteps). */
  readonly scheduleTimesteps: readonly number[];
  /**
   * Noise levels of the full schedule plus the final one (length scheduleTimesteps + 1), for
   * sigma-based schedulers (Euler, Euler ancestral, DPM-Solver); undefined for DDIM and LCM.
   */
  readonly sigmas?: Float32Array;
  /**
   * Index into scheduleTimesteps of the next step; null until the first step (diffusers'
   * step_index). DDIM steps on timesteps directly and keeps it null.
   */
  readonly stepIndex: number | null;
  /** Where the step index starts (set by strength slicing); null = found from the first timestep. */
  readonly beginIndex: number | null;
  /**
   * Builds the schedule for `numInferenceSteps` and applies img2img `strength` exactly as the
   * reference pipelines do (slice + begin index; LCM's own rule). Throws a clear error when no
   * step would remain.
   * Pass `strength` for img2img AND inpaint (diffusers' get_timesteps runs there even at 1.0 and
   * sets the begin index); omit it for text-to-image (no begin index, like StableDiffusionPipeline).
   */
  setTimesteps(numInferenceSteps: number, options?: SetTimestepsOptions): void;
  /**
   * UNet input for this timestep. Identity schedulers (DDIM, DPM, LCM) return `sample` itself
   * (or copy it into `out`); Euler-type ones write sample / √(σ²+1) into `out` or a fresh array.
   */
  scaleModelInput(sample: Float32Array, timestep: number, out?: Float32Array): Float32Array;
  step(modelOutput: Float32Array, timestep: number, sample: Float32Array, options?: StepOptions): SchedulerStepOutput;
  /**
   * Forward process q(x_t | x_0), as diffusers' add_noise. Sigma-based schedulers pick the sigma
   * like the reference: by looking `timestep` up in the schedule when no begin index is set, else
   * the current step index once stepping has begun (inpaint blending inside the loop), else the
   * begin index (img2img initial latents). Returns a fresh array.
   */
  addNoise(originalSamples: Float32Array, noise: Float32Array, timestep: number): Float32Array;
}
