/**
 * Every way a generation can fail, as Error subclasses with a stable `name` so the worker can send
 * them across postMessage (`{ name, message }`) and the panel can choose what to tell the user.
 */

/** Base class: catch this to handle any engine failure. */
export class EngineError extends Error {
  override name = "EngineError";
}

/** A model file could not be loaded (missing, corrupt, not ONNX, wrong backend). */
export class ModelLoadError extends EngineError {
  override name = "ModelLoadError";
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(
      `Could not load the model file "${file}": ${describe(cause)}. ` +
        `Check that the file is a complete ONNX export (re-download it if it was interrupted).`,
      { cause },
    );
  }
}

/**
 * A model loaded but does not have the inputs/outputs the pipeline needs (wrong file in a
 * component folder, or an exporter with other tensor names). Names the file and the tensor.
 */
export class ModelSignatureError extends EngineError {
  override name = "ModelSignatureError";
  constructor(
    readonly file: string,
    readonly tensor: string,
    detail: string,
  ) {
    super(`Model "${file}", tensor "${tensor}": ${detail}`);
  }
}

/** A session.run failed for another reason than memory (shape mismatch, backend fault). */
export class ModelRunError extends EngineError {
  override name = "ModelRunError";
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`Running "${file}" failed: ${describe(cause)}`, { cause });
  }
}

/** The backend ran out of memory (wasm's 4 GiB heap, or GPU memory). */
export class OutOfMemoryError extends EngineError {
  override name = "OutOfMemoryError";
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(
      `Out of memory while running "${file}": the image or batch is too large for this device (${describe(cause)}). ` +
        `Generate fewer images at once, use a smaller size, or run the UNet with batch size 1 ` +
        `(unetBatchSize: 1). After a wasm out-of-memory the runtime may need to be reloaded.`,
      { cause },
    );
  }
}

/** The model produced NaN or infinite values (fp16 overflow, e.g. SD 2.x attention in fp16). */
export class NonFiniteOutputError extends EngineError {
  override name = "NonFiniteOutputError";
  constructor(readonly stage: string) {
    super(
      `The model produced invalid numbers (NaN/Infinity) at ${stage}. This happens with some fp16 models on some GPUs: ` +
        `try the fp32 variant of the model, another backend, or fewer steps.`,
    );
  }
}

/** The caller's inputs are unusable (sizes, mask, prompt, numbers out of range). */
/** A loaded graph differs from its catalogue contract (a swapped or re-uploaded file). */
export class ModelContractError extends EngineError {
  override name = "ModelContractError";
  constructor(
    readonly file: string,
    readonly variant: string,
    difference: string,
  ) {
    super(`${file} of ${variant} is not the file this add-on was built for: ${difference}. Delete the model under Models and download it again.`);
  }
}

export class InvalidInputError extends EngineError {
  override name = "InvalidInputError";
}

/** The run was cancelled through its AbortSignal. */
export class GenerationCancelledError extends EngineError {
  override name = "GenerationCancelledError";
  constructor() {
    super("Generation cancelled.");
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return String(cause);
}

/**
 * True when an ORT/wasm failure means memory ran out. Besides the explicit messages, onnxruntime-web
 * reports an activation too large for the 4 GiB wasm heap (e.g. VAE attention at 2048²) as an
 * INVALID_ARGUMENT from OpKernelContext::OutputMLValue (the output allocation), and a tensor over
 * the 32-bit address space (UNet attention at 2048²) as a SafeInt "Integer overflow".
 */
export function isOutOfMemoryMessage(message: string): boolean {
  return /bad_alloc|out of memory|Memory\.grow|Array buffer allocation failed|Cannot enlarge memory|\bOOM\b|allocation failed|RangeError: WebAssembly|OutputMLValue|SafeIntOnOverflow/i.test(
    message,
  );
}
