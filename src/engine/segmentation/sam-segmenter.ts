/**
 * Click-to-select with a SAM-family export (transformers.js layout, e.g. Xenova/slimsam-77-uniform):
 *   onnx/vision_encoder(_quantized).onnx
 *       pixel_values [1, 3, 1024, 1024] f32 → image_embeddings, image_positional_embeddings [1, 256, 64, 64] f32
 *   onnx/prompt_encoder_mask_decoder(_quantized).onnx
 *       image_embeddings, image_positional_embeddings, input_points [1, 1, N, 2] f32,
 *       input_labels [1, 1, N] i64 → iou_scores [1, 1, 3] f32, pred_masks [1, 1, 3, 256, 256] f32
 * (IO from transformers.js `models/sam/modeling_sam.js`, which feeds exactly these names.)
 * The encoder runs once per picture (the embedding is kept per source key); each click only runs
 * the small decoder. Sessions come from the shared ExecutionBackend, like every other family.
 */
import type { ExecutionBackend, InferenceSession, GraphSource, Tensor } from "../runtime/backend";
import type { SamPreprocessConfig } from "./sam-config";
import { bestMaskIndex, maskFromLogits, pixelValues, promptArrays, type SamPrompt, type Size } from "./sam-processor";

export const SAM_ENCODER_IO = { inputs: ["pixel_values"], outputs: ["image_embeddings", "image_positional_embeddings"] } as const;
export const SAM_DECODER_IO = {
  inputs: ["image_embeddings", "image_positional_embeddings", "input_points", "input_labels"],
  outputs: ["iou_scores", "pred_masks"],
} as const;

export class SegmentationModelError extends Error {
  override name = "SegmentationModelError";
}

interface Embedding {
  key: string;
  original: Size;
  resized: Size;
  imageEmbeddings: Tensor;
  positionalEmbeddings: Tensor;
}

export interface SegmentOutcome {
  /** 0 / 255, the picture's size. */
  mask: Uint8Array;
  width: number;
  height: number;
  iouScore: number;
  /** Whether this call computed the picture's embedding (the first click on a picture). */
  encoded: boolean;
  encodeMs: number;
  decodeMs: number;
}

function checkIo(session: InferenceSession, io: { inputs: readonly string[]; outputs: readonly string[] }, name: string): void {
  const missing = [...io.inputs.filter((n) => !session.inputNames.includes(n)), ...io.outputs.filter((n) => !session.outputNames.includes(n))];
  if (missing.length > 0) {
    throw new SegmentationModelError(`${name} is not a SAM export this add-on can run: it lacks ${missing.join(", ")}. Delete the segmentation model and download it again.`);
  }
}

export class SamSegmenter {
  private embedding: Embedding | null = null;

  private constructor(
    private readonly backend: ExecutionBackend,
    private readonly encoder: InferenceSession,
    private readonly decoder: InferenceSession,
    readonly config: SamPreprocessConfig,
  ) {}

  static async load(backend: ExecutionBackend, files: { encoder: GraphSource; decoder: GraphSource }, config: SamPreprocessConfig): Promise<SamSegmenter> {
    const encoder = await backend.createSession(files.encoder);
    const decoder = await backend.createSession(files.decoder);
    checkIo(encoder, SAM_ENCODER_IO, files.encoder.name);
    checkIo(decoder, SAM_DECODER_IO, files.decoder.name);
    return new SamSegmenter(backend, encoder, decoder, config);
  }

  hasEmbedding(key: string): boolean {
    return this.embedding?.key === key;
  }

  /** Computes (once per key) the picture's embedding. */
  async embed(key: string, image: { width: number; height: number; data: Uint8ClampedArray }): Promise<number> {
    if (this.embedding?.key === key) return 0;
    const t0 = performance.now();
    const { data, resized } = pixelValues(image, this.config);
    const input = this.backend.createTensor("float32", data, [1, 3, this.config.padHeight, this.config.padWidth]);
    const out = await this.encoder.run({ pixel_values: input });
    this.embedding = {
      key,
      original: { width: image.width, height: image.height },
      resized,
      imageEmbeddings: out.image_embeddings,
      positionalEmbeddings: out.image_positional_embeddings,
    };
    return performance.now() - t0;
  }

  /** Decodes one prompt on the embedded picture `key`. */
  async segment(key: string, prompt: SamPrompt): Promise<Omit<SegmentOutcome, "encoded" | "encodeMs">> {
    const e = this.embedding;
    if (!e || e.key !== key) throw new SegmentationModelError("The picture has not been read yet; click again.");
    const t0 = performance.now();
    const p = promptArrays(prompt, e.original, e.resized);
    const out = await this.decoder.run({
      image_embeddings: e.imageEmbeddings,
      image_positional_embeddings: e.positionalEmbeddings,
      input_points: this.backend.createTensor("float32", p.points, [1, 1, p.count, 2]),
      input_labels: this.backend.createTensor("int64", p.labels, [1, 1, p.count]),
    });
    const iou = out.iou_scores.data as Float32Array;
    const masks = out.pred_masks;
    const dims = masks.dims; // [1, 1, M, mh, mw]
    const count = dims[2], maskSize = { width: dims[4], height: dims[3] };
    const index = bestMaskIndex(iou, count);
    const mask = maskFromLogits(masks.data as Float32Array, index, maskSize, e.original, e.resized, this.config);
    return { mask, width: e.original.width, height: e.original.height, iouScore: iou[index], decodeMs: performance.now() - t0 };
  }

  async release(): Promise<void> {
    this.embedding = null;
    await this.encoder.release();
    await this.decoder.release();
  }
}
