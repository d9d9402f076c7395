/**
 * The one loader of generation models: plans where a model can run (before reading a byte),
 * loads it (content filter first, then the components a mode needs, then the preview decoder),
 * tops it up when a run needs other components, and releases it. `load` and `generate` both go
 * through `engineFor`, so a model is loaded one way only.
 */
import type { GenerationMode, LoadedModelReport, MemoryReport, ModelSource, PreviewDecoderSpec } from "../../contract/worker-protocol";
import { toEngineFailure } from "../../contract/worker-errors";
import { memoryReportOf, planExecution, type ExecutionPlan } from "../browser/execution-plan";
import type { StableDiffusionEngine } from "../engine";
import { checkSchedulerNumbers, checkVaeScalingFactor } from "../model-config-checks";
import type { Catalogue } from "../models/catalogue-types";
import type { ModelStore } from "../models/model-store";
import type { ResultScreener } from "../safety/result-screener";
import { ActiveModel, type Notify } from "./active-model";
import { componentsFor, fileBytes } from "./component-set";
import { loadContentFilter } from "./content-filter";
import type { DeviceBackends } from "./device-backends";
import type { Releasable } from "./memory-relief";
import { resolveModelSource, type ResolvedModel, type ResolvedVariant } from "./model-source";

/** Memory a TAESD preview decoder adds (the catalogue's estimate for it). */
const PREVIEW_DECODER_BYTES = 200_000_000;

export interface ModelLoaderOptions {
  modelStore?: ModelStore;
  catalogue?: Catalogue;
  fetch?: typeof fetch;
}

export class ModelLoader {
  private model: ActiveModel | null = null;
  /** How the model was last loaded, kept when memory pressure let it go, so a generate loads it again. */
  private reloadable: { source: ModelSource; previewSpec: PreviewDecoderSpec | undefined; mode: GenerationMode | undefined } | null = null;
  private lastLoad: NonNullable<ModelLoader["reloadable"]> | null = null;

  constructor(
    private readonly devices: DeviceBackends,
    private readonly options: ModelLoaderOptions,
    /** What else the worker holds, let go when the model runs out of memory. */
    private readonly others: readonly Releasable[] = [],
  ) {}

  /** The loaded model, or null. */
  get active(): ActiveModel | null {
    return this.model;
  }

  async estimate(source: ModelSource): Promise<MemoryReport> {
    return (await this.planFor(source, false)).memory;
  }

  async load(source: ModelSource, previewSpec: PreviewDecoderSpec | undefined, mode: GenerationMode | undefined, notify: Notify): Promise<LoadedModelReport> {
    const started = performance.now();
    await this.release();
    this.lastLoad = { source, previewSpec, mode };
    const { resolved, plan, memory } = await this.planFor(source, previewSpec !== undefined);
    // Refuse before loading anything when no backend can hold the model.
    if (plan.attempts.length === 0) throw (plan.skipped.find((s) => s.backend === "wasm") ?? plan.skipped[0]).error;
    const device = this.devices.device!;
    const first = plan.attempts[0];
    if (device.report.backend === "webgpu" && first.backend === "wasm") {
      const reason = plan.skipped.find((s) => s.backend === "webgpu");
      if (reason) {
        notify({ type: "notice", notice: { kind: "fallback", from: { backend: "webgpu", precision: device.report.precision }, to: { backend: "wasm", precision: "fp32" }, reason: toEngineFailure(reason.error) } });
      }
    }
    // Config numbers first: a scaling factor of 0 or NaN betas would load fine and then make black images.
    checkVaeScalingFactor(resolved.vaeScalingFactor, `${resolved.displayName} (vaeScalingFactor)`);
    checkSchedulerNumbers(resolved.schedulerConfig, `${resolved.displayName} (scheduler config)`);
    // The content filter first: a model that must be screened refuses before its big files load.
    let screener: ResultScreener | null = null;
    if (resolved.safety) {
      notify({ type: "load-progress", component: "safety-classifier", index: 0, total: 1, loadedBytes: 0, totalBytes: fileBytes(resolved.safety.classifier) });
      screener = await loadContentFilter(resolved.safety, this.devices.backendFor("wasm"));
    }
    const tokenizer = resolved.loadTokenizer ? await resolved.loadTokenizer() : null;
    const settings = { schedulerConfig: resolved.schedulerConfig, tokenizer, vaeScalingFactor: resolved.vaeScalingFactor };
    const model = new ActiveModel(this.devices, resolved, plan, settings, memory, screener, previewSpec, this.others);
    this.model = model;
    await model.withFallback(notify, new AbortController().signal, () => this.engineFor(model, mode ?? defaultMode(first.variant), notify));
    return model.report(performance.now() - started);
  }

  /** The engine over the components `mode` needs (loading what is missing) and the preview decoder. */
  async engineFor(model: ActiveModel, mode: GenerationMode, notify: Notify): Promise<StableDiffusionEngine> {
    const engine = await model.components.engineFor(mode, notify);
    await model.loadPreviewDecoder(notify, this.options.fetch ?? fetch);
    return engine;
  }

  async release(): Promise<void> {
    const model = this.model;
    this.model = null;
    this.reloadable = null;
    await model?.release();
  }

  /** The loaded model; after a release under memory pressure, the same model loaded again. */
  async activeOrReload(notify: Notify): Promise<ActiveModel | null> {
    const again = this.reloadable;
    if (!this.model && again) await this.load(again.source, again.previewSpec, again.mode, notify);
    return this.model;
  }

  /** The model as something memory pressure elsewhere (object selection, Remove) may let go; the next generate loads it again. */
  releasable(): Releasable {
    return {
      name: "the generation model (it loads again at the next Generate)",
      release: async () => {
        if (!this.model) return false;
        const again = this.lastLoad;
        await this.release();
        this.reloadable = again;
        return true;
      },
    };
  }

  private async planFor(source: ModelSource, preview: boolean): Promise<{ resolved: ResolvedModel; plan: ExecutionPlan<ResolvedVariant>; memory: MemoryReport }> {
    const device = await this.devices.ensure();
    const resolved = await resolveModelSource(source, { store: this.options.modelStore, catalogue: this.options.catalogue, fetch: this.options.fetch });
    // The content filter shares the wasm heap when the model runs on the CPU path.
    const extraBytes = (preview ? PREVIEW_DECODER_BYTES : 0) + (resolved.safety?.wasmHeapBytes ?? 0);
    const plan = planExecution(resolved.variants, this.devices.liveReport(device), { displayName: resolved.displayName, extraBytes });
    return { resolved, plan, memory: memoryReportOf(resolved.id, plan, resolved.variants.find((v) => v.precision === "fp32") ?? resolved.variants[0]) };
  }
}

function defaultMode(variant: ResolvedVariant): GenerationMode {
  for (const mode of ["img2img", "text-to-image", "inpaint"] as const) {
    try {
      componentsFor(mode, variant);
      return mode;
    } catch {
      // try the next mode
    }
  }
  return "img2img";
}
