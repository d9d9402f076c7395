/**
 * The worker's "remove" request: runs the engine the request names. "built-in" is the exemplar
 * fill (no model, CPU); "migan" loads MI-GAN from the model cache on first use and keeps it beside
 * the generation model, on the same device choice as Stable Diffusion: WebGPU when the worker chose
 * it, wasm otherwise. A WebGPU failure (an op the EP cannot run, a lost device, GPU memory) says so
 * in a fallback notice and runs MI-GAN on the CPU from then on (miganBackendChoice, below).
 */
import type { EngineBackendName, RemoveRequest, RemoveResult, RunEvent } from "../../contract/worker-protocol";
import { toEngineFailure } from "../../contract/worker-errors";
import type { DeviceSelection } from "../browser/device-selection";
import { findModel, findVariant, getCatalogue, openCachedModel, type Catalogue, type ModelStore } from "../models";
import { findVariantContract } from "../models/contracts";
import type { ExecutionBackend } from "../runtime/backend";
import { explainFailure } from "../worker/fallback-policy";
import { MiganRemover } from "./migan-remover";
import { checkRemoveRequest, runBuiltInRemoval } from "./run-removal";

/** The catalogue's removal model (catalogue.json). */
export const MIGAN_MODEL_ID = "migan-512-places2";

export class RemovalModelUnavailableError extends Error {
  override name = "RemovalModelUnavailableError";
}

/** The worker's device and its backends (device-backends.ts): chosen once, shared by every family. */
export interface RemovalDevices {
  ensure(): Promise<DeviceSelection>;
  backendFor(name: EngineBackendName): ExecutionBackend;
}

export interface RemovalServiceOptions {
  devices: RemovalDevices;
  store?: () => Promise<ModelStore>;
  catalogue?: Catalogue;
}

/** Failures another device would not fix: the model is missing or is not MI-GAN, or the request is bad. */
const SAME_ON_EVERY_DEVICE = new Set(["RemovalModelUnavailableError", "RemovalModelError", "ModelContractError", "ModelSignatureError", "InvalidInputError"]);

/** Where MI-GAN runs: the worker's choice, unless MI-GAN already failed on the GPU in this worker. */
export function miganBackendChoice(device: DeviceSelection, gpuFailed: boolean): EngineBackendName {
  return device.report.backend === "webgpu" && device.gpu && !gpuFailed ? "webgpu" : "wasm";
}

export class RemovalService {
  /** MI-GAN's session and the backend it was opened on: they change together. */
  private loaded: { remover: MiganRemover; backend: EngineBackendName } | null = null;
  /** MI-GAN failed on the GPU in this worker: the CPU from then on (like SD's fallback chain). */
  private gpuFailed = false;

  constructor(private readonly options: RemovalServiceOptions) {}

  async handle(request: RemoveRequest, notify: (event: RunEvent) => void = () => undefined): Promise<RemoveResult> {
    const engine = request.engine ?? "built-in";
    if (engine === "built-in") return runBuiltInRemoval(request);
    checkRemoveRequest(request);
    const t0 = performance.now();
    for (;;) {
      const device = await this.options.devices.ensure();
      const backend = miganBackendChoice(device, this.gpuFailed);
      try {
        // A device lost since (SD's run may have seen it first) is a GPU failure of this run too: the notice says so.
        if (backend === "webgpu" && device.gpu?.isLost) throw new Error("The GPU device was lost before MI-GAN ran.");
        const remover = await this.miganRemover(backend);
        const out = await remover.remove(request.image, request.mask);
        return { image: out.image, engine, backend, timings: { total: performance.now() - t0 } };
      } catch (error) {
        const failure = explainFailure(error, device.gpu?.monitor, backend);
        if (backend !== "webgpu" || SAME_ON_EVERY_DEVICE.has(failure.name)) throw failure;
        notify({ type: "notice", notice: { kind: "fallback", from: { backend: "webgpu", precision: "fp32" }, to: { backend: "wasm", precision: "fp32" }, reason: toEngineFailure(failure) } });
        this.gpuFailed = true;
        await this.release().catch(() => undefined);
      }
    }
  }

  /** The backend the loaded MI-GAN session runs on (null when none is loaded). */
  get loadedOn(): EngineBackendName | null {
    return this.loaded?.backend ?? null;
  }

  /** True while MI-GAN's session is loaded. */
  get holdsModel(): boolean {
    return this.loaded !== null;
  }

  async release(): Promise<void> {
    const loaded = this.loaded;
    this.loaded = null;
    await loaded?.remover.release();
  }

  private async miganRemover(backend: EngineBackendName): Promise<MiganRemover> {
    if (this.loaded?.backend === backend) return this.loaded.remover;
    await this.release();
    const catalogue = this.options.catalogue ?? getCatalogue();
    const model = findModel(catalogue, MIGAN_MODEL_ID);
    const variant = findVariant(model, "fp32");
    const sizeMb = (variant.files.reduce((n, f) => n + (f.size ?? 0), 0) / 1e6).toFixed(1);
    const missing = () => new RemovalModelUnavailableError(`${model.displayName} is not downloaded yet: press "Download MI-GAN" in Remove mode (${sizeMb} MB), or remove with the built-in fill.`);
    if (!this.options.store) throw missing();
    let bytes: Uint8Array;
    try {
      const cached = await openCachedModel(model, variant, await this.options.store(), catalogue);
      bytes = await cached.file("inpainter").read();
    } catch (error) {
      throw Object.assign(missing(), { cause: error });
    }
    const file = variant.files[0].path;
    const contract = findVariantContract(model.id, variant.id)?.graphs.inpainter;
    const remover = await MiganRemover.load(this.options.devices.backendFor(backend), { name: file, bytes }, contract);
    this.loaded = { remover, backend };
    return remover;
  }
}
