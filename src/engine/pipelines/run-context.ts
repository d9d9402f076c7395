/**
 * Per-run bookkeeping shared by the pipelines: stage timings (and the part spent inside
 * session.run), cancellation between steps, warnings, events (stage, step) and trace events.
 */
import { GenerationCancelledError } from "../errors";
import type { RunOptions } from "../io/model-session";
import type { PipelineEvent, PipelineStage } from "../../contract/worker-protocol";
import type { CommonGenerationOptions, StageTimings, StepLatents } from "./options";
import type { FinalDecoder } from "./vae-stages";

export class RunContext {
  readonly warnings: string[] = [];
  readonly timings: StageTimings = {
    tokenize: 0,
    textEncoder: 0,
    vaeEncode: 0,
    unetSteps: [],
    vaeDecode: 0,
    total: 0,
    sessionRun: 0,
    outsideRun: 0,
  };
  private readonly started = performance.now();
  private lastStepAt = this.started;
  /** Passed to every session.run so its time is counted. */
  readonly runOptions: RunOptions;

  constructor(private readonly options: CommonGenerationOptions) {
    this.runOptions = { signal: options.signal, onSessionRun: (ms) => (this.timings.sessionRun += ms) };
  }

  /** Throws GenerationCancelledError if the caller aborted (checked between steps and stages). */
  checkCancelled(): void {
    if (this.options.signal?.aborted) throw new GenerationCancelledError();
  }

  stage(stage: PipelineStage): void {
    this.checkCancelled();
    if (stage === "denoise") this.lastStepAt = performance.now();
    this.emit({ type: "stage", stage });
  }

  /** A denoising step is done: its event (wall time since the previous one), then its latents for previews. */
  step(latents: StepLatents, timestep: number): void {
    const now = performance.now();
    this.emit({ type: "step", step: latents.step, totalSteps: latents.totalSteps, timestep, ms: now - this.lastStepAt });
    this.lastStepAt = now;
    this.options.onLatents?.(latents);
  }

  private emit(event: PipelineEvent): void {
    this.options.onEvent?.(event);
  }

  /** The Fast finish's decoder, when the run asked for one (else the model's VAE decodes). */
  get finalDecoder(): FinalDecoder | undefined {
    return this.options.finalDecoder;
  }

  get tracing(): boolean {
    return this.options.onTrace !== undefined;
  }

  trace(name: string, data: Float32Array, dims: readonly number[], index?: number): void {
    this.options.onTrace?.({ name, data, dims, index });
  }

  /** Times `work` into one of the scalar stage fields. */
  async timed<T>(field: "tokenize" | "textEncoder" | "vaeEncode" | "vaeDecode", work: () => Promise<T> | T): Promise<T> {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      this.timings[field] += performance.now() - t0;
    }
  }

  finish(): StageTimings {
    this.timings.total = performance.now() - this.started;
    this.timings.outsideRun = this.timings.total - this.timings.sessionRun;
    return this.timings;
  }
}
