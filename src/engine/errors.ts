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

/**
 * An allocation failed: the wasm heap (4 GiB, shared by every session) or GPU memory. One class
 * for one failure, wherever it happened: `device` says where, and the engine reacts the same way
 * (release what else is loaded and try once more, then leave the GPU or give up).
 */
export class OutOfMemoryError extends EngineError {
  override name = "OutOfMemoryError";
  constructor(
    readonly device: "gpu" | "cpu",
    /** The graph that was running or loading, when known. */
    readonly file: string | null,
    cause: unknown,
  ) {
    const running = file ? ` while running "${file}"` : "";
    super(
      device === "gpu"
        ? `The GPU ran out of memory${running} (${describe(cause)}). Close other tabs or apps using the GPU, generate fewer images at once, or use a smaller image size.`
        : `Out of memory${running}: the image or batch is too large for this device (${describe(cause)}). ` +
            `Generate fewer images at once, use a smaller size, or run the UNet with batch size 1 ` +
            `(unetBatchSize: 1). After a wasm out-of-memory the runtime may need to be reloaded.`,
      { cause },
    );
  }
}

/**
 * The model produced NaN or infinite values. Named by stage ("text encoder", "VAE encode",
 * "denoising step 3 (t=981)", "VAE decode") so the cause can be told apart: fp16 overflow on a GPU,
 * or a model folder whose numbers are wrong. Never a black image instead.
 */
export class NonFiniteOutputError extends EngineError {
  override name = "NonFiniteOutputError";
  constructor(
    readonly stage: string,
    advice = "Try the model's fp32 variant or the CPU (fp16 overflows on some GPUs), and check the model folder's config values.",
  ) {
    super(`The model produced invalid numbers (NaN/Infinity) at ${stage}, so no image was made. ${advice}`);
  }
}

/** A config file of the model folder holds a value no real export has (names the file and field). */
export class ModelConfigError extends EngineError {
  override name = "ModelConfigError";
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}: "${field}" ${detail}. Fix the value or download the model's config again.`);
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
