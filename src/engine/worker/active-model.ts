/**
 * The loaded generation model: its execution plan and the attempt in use (WebGPU fp16 → WebGPU
 * fp32 → wasm), its per-mode sessions, the preview decoder and the content filter. `withFallback`
 * runs work on the current attempt and, on a failure another attempt may survive, tells the panel,
 * moves to that attempt (releasing the failed backend's sessions) and runs the work again. An
 * allocation failure first releases everything else that is loaded and runs the work once more on
 * the same attempt (memory-relief.ts).
 */
import type { LoadedModelReport, MemoryReport, PreviewDecoderSpec, RunEvent } from "../../contract/worker-protocol";
import { toEngineFailure } from "../../contract/worker-errors";
import { memoryReportOf, type Attempt, type ExecutionPlan } from "../browser/execution-plan";
import { GenerationCancelledError, InvalidInputError } from "../errors";
import { TaesdPreviewDecoder } from "../preview/taesd-preview-decoder";
import type { ResultScreener } from "../safety/result-screener";
import { ComponentSet, type ComponentSettings } from "./component-set";
import type { DeviceBackends } from "./device-backends";
import { explainFailure, nextAttempt } from "./fallback-policy";
import { memoryReliefNotice, releaseAll, type Releasable } from "./memory-relief";
import { readModelFile, type ResolvedModel, type ResolvedVariant } from "./model-source";

/** Where a model's events go: the request that is loading or running it. */
export type Notify = (event: RunEvent) => void;

export class ActiveModel {
  attemptIndex = 0;
  components: ComponentSet;
  previewDecoder: TaesdPreviewDecoder | null = null;

  constructor(
    private readonly devices: DeviceBackends,
    readonly resolved: ResolvedModel,
    readonly plan: ExecutionPlan<ResolvedVariant>,
    private readonly settings: ComponentSettings,
    public memory: MemoryReport,
    /** The content filter (on the CPU path); null only when the model has none (test models). */
    readonly screener: ResultScreener | null,
    private previewSpec: PreviewDecoderSpec | undefined,
    /** What else the worker holds (object selection, MI-GAN), let go when memory runs out. */
    private readonly others: readonly Releasable[] = [],
  ) {
    const first = plan.attempts[0];
    this.components = new ComponentSet(devices.backendFor(first.backend), first.variant, settings);
  }

  get attempt(): Attempt<ResolvedVariant> {
    return this.plan.attempts[this.attemptIndex];
  }

  report(loadMs: number): LoadedModelReport {
    const attempt = this.attempt;
    return {
      modelId: this.resolved.id,
      variantId: attempt.variant.id,
      backend: attempt.backend,
      precision: attempt.precision,
      components: this.components.names,
      preview: this.previewDecoder ? "taesd" : "latent-projection",
      memory: this.memory,
      loadMs,
      screened: this.screener !== null,
    };
  }

  /** Loads the TAESD decoder when one was asked for; a failure leaves previews on the projection. */
  async loadPreviewDecoder(notify: Notify, fetchImpl: typeof fetch): Promise<void> {
    if (!this.previewSpec || this.previewDecoder) return;
    const spec = this.previewSpec;
    notify({ type: "load-progress", component: "preview-decoder", index: 0, total: 1, loadedBytes: 0, totalBytes: "bytes" in spec.file ? spec.file.bytes.byteLength : null });
    try {
      const file = "bytes" in spec.file ? { name: "taesd/vae_decoder.onnx", bytes: spec.file.bytes } : await readModelFile(urlFile(spec.file.url, fetchImpl));
      this.previewDecoder = await TaesdPreviewDecoder.load(this.components.backend, file, { latentScale: spec.latentScale, outputRange: spec.outputRange });
    } catch (error) {
      const failure = explainFailure(error, this.devices.device?.gpu?.monitor, this.components.backend.name);
      if (failure.name.startsWith("Gpu")) throw failure; // the device is in trouble: the fallback chain decides
      // Previews are a nicety: carry on with the latent projection rather than fail the model.
      this.previewSpec = undefined;
      notify({ type: "notice", notice: { kind: "warning", message: `Live previews use a rough colour preview: the preview decoder could not be loaded (${failure.message}).` } });
    }
  }

  async withFallback<T>(notify: Notify, signal: AbortSignal, work: (attempt: Attempt<ResolvedVariant>) => Promise<T>): Promise<T> {
    let relieved = false;
    for (;;) {
      const attempt = this.attempt;
      try {
        return await work(attempt);
      } catch (error) {
        if (signal.aborted) throw new GenerationCancelledError();
        const failure = explainFailure(error, this.devices.device?.gpu?.monitor, attempt.backend);
        if (failure.name === "OutOfMemoryError" && !relieved) {
          relieved = true;
          const released = await this.relieveMemory();
          if (released.length > 0) {
            notify(memoryReliefNotice(released));
            continue;
          }
        }
        const next = nextAttempt(failure, this.attemptIndex, this.plan.attempts);
        if (next === null) {
          // A wasm out-of-memory can leave the heap fragmented: drop every session so the next run starts clean.
          if (failure.name === "OutOfMemoryError") await this.releaseSessions();
          throw failure;
        }
        const to = this.plan.attempts[next];
        notify({
          type: "notice",
          notice: { kind: "fallback", from: { backend: attempt.backend, precision: attempt.precision }, to: { backend: to.backend, precision: to.precision }, reason: toEngineFailure(failure) },
        });
        await this.releaseSessions();
        this.attemptIndex = next;
        this.components = new ComponentSet(this.devices.backendFor(to.backend), to.variant, this.settings);
        this.memory = memoryReportOf(this.resolved.id, { attempts: this.plan.attempts.slice(next), skipped: [] }, to.variant);
      }
    }
  }

  /**
   * Lets go of everything but the model's own sessions and content filter. The preview decoder is
   * not loaded again for this model (previews use the colour projection from now on). Returns the
   * names of what held memory; prompt encodings are forgotten too but alone never justify a rerun.
   */
  private async relieveMemory(): Promise<string[]> {
    const own: Releasable = {
      name: "the live-preview decoder (TAESD)",
      release: async () => {
        const decoder = this.previewDecoder;
        this.previewDecoder = null;
        this.previewSpec = undefined;
        await decoder?.release();
        return decoder !== null;
      },
    };
    const released = await releaseAll([own, ...this.others]);
    const forgot = this.components.forgetEmbeddings();
    return released.length > 0 && forgot ? [...released, "remembered prompt encodings"] : released;
  }

  async releaseSessions(): Promise<void> {
    await this.components.releaseAll();
    const preview = this.previewDecoder;
    this.previewDecoder = null;
    await preview?.release().catch(() => undefined);
  }

  async release(): Promise<void> {
    await this.releaseSessions();
    await this.screener?.release();
  }
}

function urlFile(url: string, fetchImpl: typeof fetch) {
  return {
    name: "taesd/vae_decoder.onnx",
    size: null,
    read: async () => {
      const response = await fetchImpl(url);
      if (!response.ok) throw new InvalidInputError(`The preview decoder ${url} could not be fetched (HTTP ${response.status}).`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}
