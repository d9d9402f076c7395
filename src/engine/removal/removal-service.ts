/**
 * The worker's "remove" request: runs the engine the request names. "built-in" is the exemplar
 * fill (no model); "migan" loads MI-GAN from the model cache on first use, keeps it beside the
 * generation model, and runs it on the CPU path (wasm) so the GPU stays free for diffusion.
 */
import type { RemoveRequest, RemoveResult } from "../../contract/worker-protocol";
import { findModel, findVariant, getCatalogue, openCachedModel, type Catalogue, type ModelStore } from "../models";
import { findVariantContract } from "../models/contracts";
import type { ExecutionBackend } from "../runtime/backend";
import { MiganRemover } from "./migan-remover";
import { checkRemoveRequest, runBuiltInRemoval } from "./run-removal";

/** The catalogue's removal model (catalogue.json). */
export const MIGAN_MODEL_ID = "migan-512-places2";

export class RemovalModelUnavailableError extends Error {
  override name = "RemovalModelUnavailableError";
}

export interface RemovalServiceOptions {
  /** The CPU backend (shared wasm runtime). */
  backend: () => ExecutionBackend;
  store?: () => Promise<ModelStore>;
  catalogue?: Catalogue;
}

export class RemovalService {
  private migan: MiganRemover | null = null;

  constructor(private readonly options: RemovalServiceOptions) {}

  async handle(request: RemoveRequest): Promise<RemoveResult> {
    const engine = request.engine ?? "built-in";
    if (engine === "built-in") return runBuiltInRemoval(request);
    checkRemoveRequest(request);
    const t0 = performance.now();
    const remover = await this.miganRemover();
    const out = await remover.remove(request.image, request.mask);
    return { image: out.image, engine, timings: { total: performance.now() - t0 } };
  }

  async release(): Promise<void> {
    const m = this.migan;
    this.migan = null;
    await m?.release();
  }

  private async miganRemover(): Promise<MiganRemover> {
    if (this.migan) return this.migan;
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
    this.migan = await MiganRemover.load(this.options.backend(), { name: file, bytes }, contract);
    return this.migan;
  }
}
