/**
 * How the device can fail the engine in a browser. Each class has a stable `name` (sent across the
 * worker protocol as `{ name, message }`) and a message that says what happened in plain words and
 * what the user can do next. Which of them lead to a fallback is decided in worker/fallback-policy.
 */
import { EngineError } from "../errors";
import { formatBytes } from "../models/errors";

/** The browser exposes no `navigator.gpu`, or it returned no adapter. */
export class GpuUnavailableError extends EngineError {
  override name = "GpuUnavailableError";
  constructor(readonly detail: string) {
    super(
      `WebGPU is not available here (${detail}). The engine runs on the CPU instead, which is much slower; ` +
        `a recent Chrome or Edge with hardware acceleration turned on enables the GPU.`,
    );
  }
}

/** An fp16 model was asked for on a GPU without the `shader-f16` feature. */
export class ShaderF16UnavailableError extends EngineError {
  override name = "ShaderF16UnavailableError";
  constructor() {
    super(
      `This GPU cannot run 16-bit float shaders (WebGPU feature "shader-f16"), so fp16 models cannot run on it. ` +
        `Choose the fp32 version of the model, or a model published in fp32.`,
    );
  }
}

/** The GPU device went away (driver reset, another tab took the GPU, or the device was destroyed). */
export class GpuDeviceLostError extends EngineError {
  override name = "GpuDeviceLostError";
  constructor(readonly reason: string) {
    super(
      `The GPU stopped responding during generation (device lost: ${reason}). ` +
        `The engine continues on the CPU when the model fits there; reload the add-on panel to use the GPU again.`,
    );
  }
}

/** A single buffer would exceed the adapter's `maxBufferSize` / storage-binding limit. */
export class GpuBufferLimitError extends EngineError {
  override name = "GpuBufferLimitError";
  constructor(
    /** null when the GPU's message did not say. */
    readonly neededBytes: number | null,
    readonly limitBytes: number | null,
    detail = "",
  ) {
    const sizes =
      neededBytes !== null && limitBytes !== null
        ? `GPU buffers of ${formatBytes(neededBytes)}, but this GPU allows at most ${formatBytes(limitBytes)} per buffer`
        : `a GPU buffer larger than this GPU allows`;
    super(`This model needs ${sizes}${detail ? ` (${detail})` : ""}. Use a smaller image size or a smaller model.`);
  }
}

/**
 * The model cannot run on the CPU (wasm) path: fp16 graph, or more than the one wasm heap every
 * session shares. Raised BEFORE loading, so nothing dies of memory half-way.
 */
export class CpuPathUnavailableError extends EngineError {
  override name = "CpuPathUnavailableError";
  constructor(
    readonly modelName: string,
    readonly reason: string,
  ) {
    super(
      `${modelName} cannot run on the CPU here: ${reason}. It needs a GPU with WebGPU; ` +
        `on this device choose a smaller model.`,
    );
  }
}

/** The GPU rejected an operation ONNX Runtime issued (a validation error): the run's outputs cannot be trusted. */
export class GpuOperationError extends EngineError {
  override name = "GpuOperationError";
  constructor(readonly detail: string) {
    super(`The GPU rejected an operation while running the model (${detail}). The engine retries on the CPU where the model fits there; if it keeps failing, close and reopen the add-on.`);
  }
}
