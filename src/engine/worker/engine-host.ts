/**
 * The engine behind the worker protocol: receives WorkerRequests, posts WorkerResponses. It owns
 * the device choice, the loaded model (per-mode sessions), the preview decoder, cancellation and
 * the fallback chain (WebGPU fp16 → WebGPU fp32 → wasm). Requests run one at a time in arrival
 * order; `cancel` acts at once. It never throws: every failure becomes an `error` message, and the
 * host stays usable for the next request.
 *
 * The same class runs inside the Web Worker (engine.worker.ts) and in-thread (tests, Node).
 */
import { checkSchedulerNumbers, checkVaeScalingFactor } from "../model-config-checks";
import type {
  EngineBackendName,
  GenerateRequest,
  GenerationMode,
  InitOptions,
  LoadedModelReport,
  MemoryReport,
  ModelSource,
  PreviewDecoderSpec,
  TestFault,
  WorkerRequest,
  WorkerResponse,
} from "../../contract/worker-protocol";
import { WORKER_PROTOCOL_VERSION } from "../../contract/worker-protocol";
import { toEngineFailure } from "../../contract/worker-errors";
import { createWasmBackend, createWebGpuBackend, DEFAULT_RESIDENT_INPUTS, type WebGpuExecutionBackend } from "../browser/browser-backends";
import { selectDevice, type DeviceSelection } from "../browser/device-selection";
import { memoryReportOf, planExecution, type Attempt, type ExecutionPlan } from "../browser/execution-plan";
import { RunLock } from "../browser/run-lock";
import { RemovalService } from "../removal/removal-service";
import { GenerationCancelledError, InvalidInputError } from "../errors";
import type { Catalogue } from "../models/catalogue-types";
import type { ModelStore } from "../models/model-store";
import type { ExecutionBackend } from "../runtime/backend";
import type { OrtWebModule } from "../runtime/ort-web-backend";
import { TaesdPreviewDecoder } from "../preview/taesd-preview-decoder";
import { ContentFilterUnavailableError, type ResultScreener } from "../safety/result-screener";
import { screenResult } from "../safety/screen-result";
import { ComponentSet, componentsFor, fileBytes } from "./component-set";
import { loadContentFilter } from "./content-filter";
import { explainFailure, nextAttempt } from "./fallback-policy";
import { readModelFile, resolveModelSource, type ResolvedModel, type ResolvedVariant } from "./model-source";
import { runGeneration } from "./run-generation";
import { SegmentService } from "../segmentation/segment-service";

/** Memory a TAESD preview decoder adds (the catalogue's estimate for it). */
const PREVIEW_DECODER_BYTES = 200_000_000;

export interface EngineHostOptions {
  post: (message: WorkerResponse) => void;
  /** ORT build for WebGPU (default "onnxruntime-web") and for the CPU (default "onnxruntime-web/wasm"). */
  ort?: OrtWebModule;
  ortCpu?: OrtWebModule;
  /** Default `navigator.gpu`; `null` = behave as if there were no WebGPU. */
  gpu?: GPU | null;
  modelStore?: ModelStore;
  catalogue?: Catalogue;
  fetch?: typeof fetch;
}

interface ActiveModel {
  resolved: ResolvedModel;
  plan: ExecutionPlan<ResolvedVariant>;
  attemptIndex: number;
  components: ComponentSet;
  settings: ConstructorParameters<typeof ComponentSet>[2];
  previewSpec?: PreviewDecoderSpec;
  previewDecoder: TaesdPreviewDecoder | null;
  memory: MemoryReport;
  /** The content filter (on the CPU path); null only when the model has none (test models). */
  screener: ResultScreener | null;
}

export class EngineHost {
  private device: DeviceSelection | null = null;
  private initOptions: InitOptions = {};
  private readonly lock = new RunLock();
  private readonly backends = new Map<EngineBackendName, ExecutionBackend>();
  private model: ActiveModel | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly controllers = new Map<number, AbortController>();
  private pendingFault: TestFault | null = null;
  /** Click-to-select (the SAM family), on the CPU path beside the generation model. */
  private readonly segmentation: SegmentService;
  /** Remove: the built-in fill, or MI-GAN once downloaded (also on the CPU path). */
  private readonly removal: RemovalService;

  private readonly modelStore = async () => this.options.modelStore ?? new (await import("../models/opfs-store")).OpfsModelStore();

  constructor(private readonly options: EngineHostOptions) {
    this.segmentation = new SegmentService({
      backend: () => this.backendFor("wasm"),
      store: this.modelStore,
      catalogue: options.catalogue,
      fetch: options.fetch,
    });
    this.removal = new RemovalService({ backend: () => this.backendFor("wasm"), store: this.modelStore, catalogue: options.catalogue });
  }

  handle(request: WorkerRequest): void {
    if (request.type === "cancel") {
      this.controllers.get(request.target)?.abort();
      return;
    }
    // Registered now, so a cancel that arrives while this generate is still queued is not lost.
    if (request.type === "generate") this.controllers.set(request.requestId, new AbortController());
    this.queue = this.queue.then(() => this.dispatch(request)).catch(() => undefined);
  }

  private post(message: WorkerResponse): void {
    this.options.post(message);
  }

  private async dispatch(request: Exclude<WorkerRequest, { type: "cancel" }>): Promise<void> {
    try {
      switch (request.type) {
        case "init":
          await this.init(request.options);
          this.post({ type: "ready", requestId: request.requestId, protocolVersion: WORKER_PROTOCOL_VERSION, device: this.device!.report });
          return;
        case "estimate":
          this.post({ type: "estimate", requestId: request.requestId, memory: await this.estimate(request.source) });
          return;
        case "load":
          this.post({ type: "loaded", requestId: request.requestId, model: await this.load(request.requestId, request.source, request.preview, request.mode) });
          return;
        case "generate":
          await this.generate(request.requestId, request.request);
          return;
        case "remove":
          // The built-in fill or MI-GAN (from the model cache), on the CPU, queued behind other work.
          if (request.request.engine === "migan") await this.ensureInit();
          this.post({ type: "stage", requestId: request.requestId, stage: "fill" });
          this.post({ type: "result", requestId: request.requestId, removal: await this.removal.handle(request.request) });
          return;
        case "segment":
          await this.ensureInit();
          this.post({ type: "result", requestId: request.requestId, segmentation: await this.segmentation.handle(request.requestId, request.request, (m) => this.post(m)) });
          return;
        case "release":
          await this.releaseModel();
          await this.segmentation.release();
          await this.removal.release();
          this.post({ type: "released", requestId: request.requestId });
          return;
        case "test-fault":
          this.acceptFault(request.fault);
          this.post({ type: "ack", requestId: request.requestId });
          return;
      }
    } catch (error) {
      this.post({ type: "error", requestId: request.requestId, error: toEngineFailure(error) });
    } finally {
      if (request.type === "generate") this.controllers.delete(request.requestId);
    }
  }

  /** Chooses the device once per worker: onnxruntime-web cannot be handed another GPUDevice later. */
  private async init(options: InitOptions): Promise<void> {
    if (this.device) return;
    this.initOptions = options;
    const gpu = this.options.gpu === null ? undefined : (this.options.gpu ?? globalThis.navigator?.gpu);
    this.device = await selectDevice({ gpu, forceBackend: options.forceBackend, wasmHeapLimitBytes: options.wasmHeapLimitBytes });
  }

  private async ensureInit(): Promise<DeviceSelection> {
    if (!this.device) await this.init({});
    return this.device!;
  }

  private backendFor(name: EngineBackendName): ExecutionBackend {
    let backend = this.backends.get(name);
    if (backend) return backend;
    const device = this.device!;
    const wasmPaths = this.initOptions.ortWasmBase ?? (typeof __ORT_WASM_BASE__ !== "undefined" ? __ORT_WASM_BASE__ : undefined);
    const numThreads = device.report.wasmThreads ? Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 1) : 1;
    const common = { lock: this.lock, wasmPaths, numThreads };
    if (name === "webgpu") {
      if (!device.gpu) throw new InvalidInputError("WebGPU was requested but no GPU device was created.");
      const residentInputNames = this.initOptions.gpuResidentInputs === false ? [] : DEFAULT_RESIDENT_INPUTS;
      backend = createWebGpuBackend({ ...common, ort: this.options.ort, gpu: device.gpu, residentInputNames });
    } else {
      backend = createWasmBackend({ ...common, ort: this.options.ortCpu });
    }
    this.backends.set(name, backend);
    return backend;
  }

  private async planFor(source: ModelSource, preview: boolean): Promise<{ resolved: ResolvedModel; plan: ExecutionPlan<ResolvedVariant>; memory: MemoryReport }> {
    const device = await this.ensureInit();
    const resolved = await resolveModelSource(source, { store: this.options.modelStore, catalogue: this.options.catalogue, fetch: this.options.fetch });
    // The content filter shares the wasm heap when the model runs on the CPU path.
    const extraBytes = (preview ? PREVIEW_DECODER_BYTES : 0) + (resolved.safety?.wasmHeapBytes ?? 0);
    const plan = planExecution(resolved.variants, this.liveDeviceReport(device), { displayName: resolved.displayName, extraBytes });
    return { resolved, plan, memory: memoryReportOf(resolved.id, plan, resolved.variants.find((v) => v.precision === "fp32") ?? resolved.variants[0]) };
  }

  /** The device report, minus a GPU that was lost earlier in this worker's life. */
  private liveDeviceReport(device: DeviceSelection) {
    if (device.gpu?.isLost) return { ...device.report, backend: "wasm" as const, adapter: null, reasons: [`the GPU device was lost (${device.gpu.monitor?.lostReason})`] };
    return device.report;
  }

  private async estimate(source: ModelSource): Promise<MemoryReport> {
    return (await this.planFor(source, false)).memory;
  }

  private async load(requestId: number, source: ModelSource, previewSpec: PreviewDecoderSpec | undefined, mode: GenerationMode | undefined): Promise<LoadedModelReport> {
    const started = performance.now();
    await this.releaseModel();
    const { resolved, plan, memory } = await this.planFor(source, previewSpec !== undefined);
    // Refuse before loading anything when no backend can hold the model.
    if (plan.attempts.length === 0) throw (plan.skipped.find((s) => s.backend === "wasm") ?? plan.skipped[0]).error;
    const device = this.device!;
    const first = plan.attempts[0];
    if (device.report.backend === "webgpu" && first.backend === "wasm") {
      const reason = plan.skipped.find((s) => s.backend === "webgpu");
      if (reason) {
        this.post({
          type: "notice",
          requestId,
          notice: { kind: "fallback", from: { backend: "webgpu", precision: device.report.precision }, to: { backend: "wasm", precision: "fp32" }, reason: toEngineFailure(reason.error) },
        });
      }
    }
    // Config numbers first: a scaling factor of 0 or NaN betas would load fine and then make black images.
    checkVaeScalingFactor(resolved.vaeScalingFactor, `${resolved.displayName} (vaeScalingFactor)`);
    checkSchedulerNumbers(resolved.schedulerConfig, `${resolved.displayName} (scheduler config)`);
    // The content filter first: a model that must be screened refuses before its big files load.
    let screener: ResultScreener | null = null;
    if (resolved.safety) {
      this.post({ type: "load-progress", requestId, component: "safety-classifier", index: 0, total: 1, loadedBytes: 0, totalBytes: fileBytes(resolved.safety.classifier) });
      screener = await loadContentFilter(resolved.safety, this.backendFor("wasm"));
    }
    const tokenizer = resolved.loadTokenizer ? await resolved.loadTokenizer() : null;
    const settings = { schedulerConfig: resolved.schedulerConfig, tokenizer, vaeScalingFactor: resolved.vaeScalingFactor };
    const model: ActiveModel = {
      resolved,
      plan,
      attemptIndex: 0,
      components: new ComponentSet(this.backendFor(first.backend), first.variant, settings),
      settings,
      previewSpec,
      previewDecoder: null,
      memory,
      screener,
    };
    this.model = model;
    const loadMode = mode ?? defaultMode(first.variant);
    await this.withFallback(requestId, model, new AbortController().signal, async () => {
      await model.components.engineFor(loadMode, (event) => this.post({ ...event, requestId }));
      await this.loadPreviewDecoder(requestId, model);
    });
    const attempt = model.plan.attempts[model.attemptIndex];
    return {
      modelId: resolved.id,
      variantId: attempt.variant.id,
      backend: attempt.backend,
      precision: attempt.precision,
      components: model.components.names,
      preview: model.previewDecoder ? "taesd" : "latent-projection",
      memory: model.memory,
      loadMs: performance.now() - started,
      screened: model.screener !== null,
    };
  }

  private async loadPreviewDecoder(requestId: number, model: ActiveModel): Promise<void> {
    if (!model.previewSpec || model.previewDecoder) return;
    const spec = model.previewSpec;
    this.post({ type: "load-progress", requestId, component: "preview-decoder", index: 0, total: 1, loadedBytes: 0, totalBytes: "bytes" in spec.file ? spec.file.bytes.byteLength : null });
    try {
      const file = "bytes" in spec.file ? { name: "taesd/vae_decoder.onnx", bytes: spec.file.bytes } : await readModelFile(urlFile(spec.file.url, this.options.fetch ?? fetch));
      model.previewDecoder = await TaesdPreviewDecoder.load(model.components.backend, file, { latentScale: spec.latentScale, outputRange: spec.outputRange });
    } catch (error) {
      const failure = explainFailure(error, this.device?.gpu?.monitor, model.components.backend.name);
      if (failure.name.startsWith("Gpu")) throw failure; // the device is in trouble: the fallback chain decides
      // Previews are a nicety: carry on with the latent projection rather than fail the model.
      model.previewSpec = undefined;
      this.post({ type: "notice", requestId, notice: { kind: "warning", message: `Live previews use a rough colour preview: the preview decoder could not be loaded (${failure.message}).` } });
    }
  }

  private async generate(requestId: number, request: GenerateRequest): Promise<void> {
    const controller = this.controllers.get(requestId) ?? new AbortController();
    const model = this.model;
    if (!model) throw new InvalidInputError("No model is loaded: load a model before generating.");
    if (model.resolved.safety && !model.screener) throw new ContentFilterUnavailableError("The content filter is not loaded, so this model cannot run. Load the model again.");
    const result = await this.withFallback(requestId, model, controller.signal, async (attempt) => {
      const engine = await model.components.engineFor(request.mode, (event) => this.post({ ...event, requestId }));
      await this.loadPreviewDecoder(requestId, model);
      const stats = (model.components.backend as Partial<WebGpuExecutionBackend>).residentStats;
      const before = stats ? { ...stats } : null;
      const generated = await runGeneration({
        requestId,
        engine,
        request,
        signal: controller.signal,
        previewDecoder: model.previewDecoder,
        screened: model.screener !== null,
        where: { backend: attempt.backend, precision: attempt.precision },
        post: (message) => this.post(message),
        onStep: (step) => this.maybeInjectFault(step),
      });
      if (stats && before) generated.residentInputs = { uploads: stats.uploads - before.uploads, reuses: stats.reuses - before.reuses };
      return generated;
    });
    // Results leave the worker only through the content filter (flagged images as withheld entries).
    if (model.screener) this.post({ type: "stage", requestId, stage: "content-filter" });
    this.post({ type: "result", requestId, result: await screenResult(result, model.screener) });
  }

  /**
   * Runs `work` on the current attempt; on a failure that another attempt may survive, tells the
   * panel, switches (releasing the failed backend's sessions) and runs `work` again from the start.
   */
  private async withFallback<T>(requestId: number, model: ActiveModel, signal: AbortSignal, work: (attempt: Attempt<ResolvedVariant>) => Promise<T>): Promise<T> {
    for (;;) {
      const attempt = model.plan.attempts[model.attemptIndex];
      try {
        return await work(attempt);
      } catch (error) {
        if (signal.aborted) throw new GenerationCancelledError();
        const failure = explainFailure(error, this.device?.gpu?.monitor, attempt.backend);
        const next = nextAttempt(failure, model.attemptIndex, model.plan.attempts);
        if (next === null) {
          // A wasm out-of-memory can leave the heap fragmented: drop every session so the next run starts clean.
          if (failure.name === "OutOfMemoryError") await this.releaseSessions(model);
          throw failure;
        }
        const to = model.plan.attempts[next];
        this.post({
          type: "notice",
          requestId,
          notice: { kind: "fallback", from: { backend: attempt.backend, precision: attempt.precision }, to: { backend: to.backend, precision: to.precision }, reason: toEngineFailure(failure) },
        });
        await this.releaseSessions(model);
        model.attemptIndex = next;
        model.components = new ComponentSet(this.backendFor(to.backend), to.variant, model.settings);
        model.memory = memoryReportOf(model.resolved.id, { attempts: model.plan.attempts.slice(next), skipped: [] }, to.variant);
      }
    }
  }

  private async releaseSessions(model: ActiveModel): Promise<void> {
    await model.components.releaseAll();
    const preview = model.previewDecoder;
    model.previewDecoder = null;
    await preview?.release().catch(() => undefined);
  }

  private async releaseModel(): Promise<void> {
    const model = this.model;
    this.model = null;
    if (model) await this.releaseSessions(model);
    await model?.screener?.release();
  }

  private acceptFault(fault: TestFault): void {
    if (!this.initOptions.allowTestFaults) throw new InvalidInputError("Test faults are disabled (init with allowTestFaults: true in tests only).");
    if (fault.kind === "device-lost" && !this.device?.gpu) throw new InvalidInputError("A device-lost fault needs the WebGPU backend.");
    this.pendingFault = fault;
  }

  private maybeInjectFault(step: number): void {
    const fault = this.pendingFault;
    const monitor = this.device?.gpu?.monitor;
    if (fault?.kind === "device-lost" && step >= fault.afterStep && monitor) {
      this.pendingFault = null;
      monitor.destroyForTest();
    }
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
