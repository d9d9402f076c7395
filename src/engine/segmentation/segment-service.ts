/**
 * The worker's "segment" request: loads the segmentation model on first use (from the model cache
 * for catalogue models, or from a spec's files), keeps it beside the generation model, computes
 * the picture's embedding once per `imageKey`, and decodes each click. It runs on the CPU path
 * (wasm): the quantized SlimSAM graphs are integer MatMuls the wasm backend runs well, and the
 * GPU stays free for the generation model.
 */
import type { FileRef, SegmentRequest, SegmentResult, SegmentationSource, WorkerResponse } from "../../contract/worker-protocol";
import { InvalidInputError } from "../errors";
import { findModel, getCatalogue, openCachedModel, type Catalogue, type FileRole, type ModelStore } from "../models";
import type { ExecutionBackend, GraphSource } from "../runtime/backend";
import { parseSamPreprocessorConfig } from "./sam-config";
import { SamSegmenter } from "./sam-segmenter";

export class SegmentationUnavailableError extends Error {
  override name = "SegmentationUnavailableError";
}

export interface SegmentServiceOptions {
  /** The CPU backend (shared wasm runtime and its runtime mutex). */
  backend: () => ExecutionBackend;
  store?: () => Promise<ModelStore>;
  catalogue?: Catalogue;
  fetch?: typeof fetch;
}

interface ModelFiles {
  encoder: GraphSource;
  decoder: GraphSource;
  preprocessorConfig: Uint8Array;
}

function sourceKey(source: SegmentationSource): string {
  return source.kind === "catalogue" ? `catalogue:${source.modelId}` : `spec:${source.spec.id}`;
}

async function readRef(name: string, ref: FileRef, fetchImpl: typeof fetch): Promise<Uint8Array> {
  if ("bytes" in ref) return ref.bytes;
  const response = await fetchImpl(ref.url);
  if (!response.ok) throw new SegmentationUnavailableError(`The segmentation model file ${name} could not be fetched (HTTP ${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}

export class SegmentService {
  private loaded: { key: string; segmenter: SamSegmenter } | null = null;

  constructor(private readonly options: SegmentServiceOptions) {}

  async handle(requestId: number, request: SegmentRequest, post: (message: WorkerResponse) => void): Promise<SegmentResult> {
    const t0 = performance.now();
    const segmenter = await this.segmenterFor(request.model, (component, index) => post({ type: "load-progress", requestId, component, index, total: 2, loadedBytes: 0, totalBytes: null }));
    const loadMs = performance.now() - t0;
    let encodeMs = 0;
    const encoded = !segmenter.hasEmbedding(request.imageKey);
    if (encoded) {
      if (!request.image) throw new InvalidInputError("The first click on a picture must send the picture (SegmentRequest.image); none was sent.");
      encodeMs = await segmenter.embed(request.imageKey, request.image);
    }
    const out = await segmenter.segment(request.imageKey, { points: request.points, box: request.box });
    return {
      kind: "segmentation",
      mask: { width: out.width, height: out.height, data: out.mask },
      iouScore: out.iouScore,
      encoded,
      timings: { loadMs, encodeMs, decodeMs: out.decodeMs },
      backend: "wasm",
    };
  }

  /** True while a segmentation model (and its image embeddings) is loaded. */
  get holdsModel(): boolean {
    return this.loaded !== null;
  }

  async release(): Promise<void> {
    const l = this.loaded;
    this.loaded = null;
    await l?.segmenter.release();
  }

  private async segmenterFor(source: SegmentationSource, progress: (component: "segmentation-encoder" | "segmentation-decoder", index: number) => void): Promise<SamSegmenter> {
    const key = sourceKey(source);
    if (this.loaded?.key === key) return this.loaded.segmenter;
    await this.release();
    const files = await this.readFiles(source);
    progress("segmentation-encoder", 1);
    const config = parseSamPreprocessorConfig(JSON.parse(new TextDecoder().decode(files.preprocessorConfig)));
    const segmenter = await SamSegmenter.load(this.options.backend(), { encoder: files.encoder, decoder: files.decoder }, config);
    progress("segmentation-decoder", 2);
    this.loaded = { key, segmenter };
    return segmenter;
  }

  private async readFiles(source: SegmentationSource): Promise<ModelFiles> {
    const fetchImpl = this.options.fetch ?? fetch;
    if (source.kind === "spec") {
      const { spec } = source;
      const [encoder, decoder, preprocessorConfig] = await Promise.all([
        readRef("vision encoder", spec.encoder, fetchImpl),
        readRef("mask decoder", spec.decoder, fetchImpl),
        readRef("preprocessor_config.json", spec.preprocessorConfig, fetchImpl),
      ]);
      return { encoder: { name: `${spec.id} vision encoder`, bytes: encoder }, decoder: { name: `${spec.id} mask decoder`, bytes: decoder }, preprocessorConfig };
    }
    const catalogue = this.options.catalogue ?? getCatalogue();
    const model = findModel(catalogue, source.modelId);
    if (!model.capabilities.includes("segmentation")) throw new SegmentationUnavailableError(`${model.displayName} is not a segmentation model.`);
    const variant = model.variants[0];
    if (!this.options.store) throw new SegmentationUnavailableError("This engine has no model cache to read the object selector from.");
    let cached;
    try {
      cached = await openCachedModel(model, variant, await this.options.store(), catalogue);
    } catch (error) {
      throw new SegmentationUnavailableError(`${model.displayName} is not downloaded yet: press Download in the Select object bar (${((variant.files.reduce((n, f) => n + (f.size ?? 0), 0)) / 1e6).toFixed(0)} MB).`, { cause: error });
    }
    const read = (role: FileRole) => cached.file(role).read();
    const path = (role: FileRole) => variant.files.find((f) => f.role === role)?.path ?? role;
    const [encoder, decoder, preprocessorConfig] = await Promise.all([read("vision-encoder"), read("mask-decoder"), read("preprocessor-config")]);
    return { encoder: { name: path("vision-encoder"), bytes: encoder }, decoder: { name: path("mask-decoder"), bytes: decoder }, preprocessorConfig };
  }
}
