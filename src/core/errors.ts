/**
 * Every failure in core/ is one of these. `name` is set explicitly (not taken from the class) so
 * it survives minification and structured cloning between the worker and the panel.
 */

export class CoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CoreError";
  }
}

/** `_class_name` (or the caller's override) names a scheduler this project does not implement. */
export class UnknownSchedulerError extends CoreError {
  readonly className: string;
  constructor(className: string, known: readonly string[]) {
    super(
      `Unknown scheduler class "${className}". Supported: ${known.join(", ")}. ` +
        `Pick one of these in the model settings or override the class when creating the scheduler.`,
    );
    this.name = "UnknownSchedulerError";
    this.className = className;
  }
}

/** A `scheduler_config.json` value is missing, malformed or asks for an option not implemented here. */
export class SchedulerConfigError extends CoreError {
  constructor(message: string) {
    super(`${message} Check the model's scheduler_config.json.`);
    this.name = "SchedulerConfigError";
  }
}

/** `numInferenceSteps` is not a whole number in the range the schedule allows. */
export class InferenceStepsError extends CoreError {
  constructor(message: string) {
    super(message);
    this.name = "InferenceStepsError";
  }
}

/** Image-to-image strength outside [0, 1], or so small that no denoising step remains. */
export class StrengthError extends CoreError {
  constructor(message: string) {
    super(message);
    this.name = "StrengthError";
  }
}

/** A scheduler method was called out of order or with arguments that do not fit its state. */
export class SchedulerStateError extends CoreError {
  constructor(message: string) {
    super(message);
    this.name = "SchedulerStateError";
  }
}

/** Tensor lengths/shapes that must agree do not. */
export class TensorShapeError extends CoreError {
  constructor(message: string) {
    super(message);
    this.name = "TensorShapeError";
  }
}

/** A seed the torch-compatible generator cannot take. */
export class SeedError extends CoreError {
  constructor(message: string) {
    super(message);
    this.name = "SeedError";
  }
}
