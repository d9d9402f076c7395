/**
 * The engine behind the worker protocol: receives WorkerRequests, posts WorkerResponses. Requests
 * run one at a time in arrival order (the one request queue; session runs inside them share the
 * device's RuntimeMutex, which is not a queue: see runtime-mutex.ts); `cancel` acts at once. It never throws: every failure becomes an `error`
 * message, and the host stays usable for the next request. The jobs live beside it: the device and
 * backends (device-backends.ts), the one model loader (model-loader.ts, active-model.ts), a
 * generate run (run-on-model.ts), removal and segmentation (their families), test faults.
 *
 * The same class runs inside the Web Worker (engine.worker.ts) and in-thread (tests, Node).
 */
import type { RunEvent, WorkerRequest, WorkerResponse } from "../../contract/worker-protocol";
import { WORKER_PROTOCOL_VERSION } from "../../contract/worker-protocol";
import { toEngineFailure } from "../../contract/worker-errors";
import type { Catalogue } from "../models/catalogue-types";
import type { ModelStore } from "../models/model-store";
import { RemovalService } from "../removal/removal-service";
import { SegmentService } from "../segmentation/segment-service";
import { DeviceBackends, type DeviceBackendOptions } from "./device-backends";
import { withMemoryRelief, type Releasable } from "./memory-relief";
import { ModelLoader } from "./model-loader";
import { runOnModel } from "./run-on-model";
import { TestFaults } from "./test-faults";

export interface EngineHostOptions extends DeviceBackendOptions {
  post: (message: WorkerResponse) => void;
  modelStore?: ModelStore;
  catalogue?: Catalogue;
  fetch?: typeof fetch;
}

export class EngineHost {
  private readonly devices: DeviceBackends;
  private readonly loader: ModelLoader;
  private readonly faults: TestFaults;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly controllers = new Map<number, AbortController>();
  /** Click-to-select (the SAM family), on the CPU path beside the generation model. */
  private readonly segmentation: SegmentService;
  /** Remove: the built-in fill (CPU), or MI-GAN once downloaded (on the device SD uses). */
  private readonly removal: RemovalService;
  /** Each family as something memory pressure elsewhere may let go (memory-relief.ts). */
  private readonly segmentationRelease: Releasable;
  private readonly removalRelease: Releasable;

  constructor(private readonly options: EngineHostOptions) {
    this.devices = new DeviceBackends(options);
    this.faults = new TestFaults(this.devices);
    const store = async () => options.modelStore ?? new (await import("../models/opfs-store")).OpfsModelStore();
    const backend = () => this.devices.backendFor("wasm");
    this.segmentation = new SegmentService({ backend, store, catalogue: options.catalogue, fetch: options.fetch });
    this.removal = new RemovalService({ devices: this.devices, store, catalogue: options.catalogue });
    // When the generation model runs out of memory, these are let go before it tries again.
    const releasable = (name: string, service: { holdsModel: boolean; release(): Promise<void> }) => ({
      name,
      release: async () => service.holdsModel && (await service.release(), true),
    });
    this.segmentationRelease = releasable("the object-selection model", this.segmentation);
    this.removalRelease = releasable("MI-GAN (Remove)", this.removal);
    this.loader = new ModelLoader(this.devices, options, [this.segmentationRelease, this.removalRelease]);
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
    const { requestId } = request;
    const post = (message: WorkerResponse) => this.post(message);
    try {
      switch (request.type) {
        case "init":
          this.post({ type: "ready", requestId, protocolVersion: WORKER_PROTOCOL_VERSION, device: await this.devices.init(request.options) });
          return;
        case "estimate":
          this.post({ type: "estimate", requestId, memory: await this.loader.estimate(request.source) });
          return;
        case "load": {
          const model = await this.loader.load(request.source, request.preview, request.mode, (event) => post({ ...event, requestId }));
          this.post({ type: "loaded", requestId, model });
          return;
        }
        case "generate": {
          const signal = (this.controllers.get(requestId) ?? new AbortController()).signal;
          const result = await runOnModel({ requestId, request: request.request, signal, loader: this.loader, post, onStep: (step) => this.faults.afterStep(step) });
          this.post({ type: "result", requestId, result });
          return;
        }
        case "remove": {
          // The built-in fill (CPU) or MI-GAN (from the model cache, on the worker's device), queued behind other work.
          this.post({ type: "stage", requestId, stage: "fill" });
          const notify = (event: RunEvent) => post({ ...event, requestId });
          const work = () => (this.faults.beforeRequest("remove"), this.removal.handle(request.request, notify));
          this.post({ type: "result", requestId, removal: await withMemoryRelief(work, [this.loader.releasable(), this.segmentationRelease], notify) });
          return;
        }
        case "segment": {
          await this.devices.ensure();
          const work = () => (this.faults.beforeRequest("segment"), this.segmentation.handle(requestId, request.request, post));
          const notify = (event: RunEvent) => post({ ...event, requestId });
          this.post({ type: "result", requestId, segmentation: await withMemoryRelief(work, [this.loader.releasable(), this.removalRelease], notify) });
          return;
        }
        case "release":
          await this.loader.release();
          await this.segmentation.release();
          await this.removal.release();
          this.post({ type: "released", requestId });
          return;
        case "test-fault":
          this.faults.accept(request.fault);
          this.post({ type: "ack", requestId });
          return;
      }
    } catch (error) {
      this.post({ type: "error", requestId, error: toEngineFailure(error) });
    } finally {
      if (request.type === "generate") this.controllers.delete(requestId);
    }
  }
}
