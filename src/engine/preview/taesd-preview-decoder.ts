/**
 * TAESD ("tiny autoencoder for Stable Diffusion", madebyollin/taesd) as the live-preview decoder
 * and the "Fast" quality's final decoder: a ~5 MB decoder (1.2 M parameters against the VAE
 * decoder's 49.5 M) that turns latents into a recognisable image in milliseconds on a GPU. It reads the pipeline's scaled latents directly (diffusers' AutoencoderTiny has
 * scaling_factor 1.0) and, as exported by diffusers, outputs [-1, 1].
 *
 * It is fully convolutional, so for a thumbnail there is no need to decode 64×64 latents to 512 px:
 * latents are first box-averaged to at most PREVIEW_LATENT_SIDE on the long side (≈ 256 px out),
 * which cuts the decoder's work 4–16× for a 128 px preview.
 */
import type { ExecutionBackend, GraphSource } from "../runtime/backend";
import { ModelSession } from "../io/model-session";
import type { RunOptions } from "../io/model-session";
import type { FinalDecoder } from "../pipelines/vae-stages";

const SIGNATURE = {
  inputs: { latentSample: ["latent_sample", "latents", "input", "x"] },
  outputs: { sample: ["sample", "output", "images"] },
} as const;

/** Long side of the latents fed to TAESD for a preview (× 8 = decoded pixels). */
export const PREVIEW_LATENT_SIDE = 32;

export interface TaesdOptions {
  /** Multiplies the pipeline's latents before decoding; 1 for TAESD. */
  latentScale?: number;
  outputRange?: "minus-one-to-one" | "zero-to-one";
}

export interface DecodedPreview {
  /** [B, H, W, 3] in [0, 1]. */
  rgb: Float32Array;
  width: number;
  height: number;
  count: number;
}

export class TaesdPreviewDecoder {
  private constructor(
    readonly session: ModelSession,
    private readonly options: Required<TaesdOptions>,
  ) {}

  static async load(backend: ExecutionBackend, source: GraphSource, options: TaesdOptions = {}): Promise<TaesdPreviewDecoder> {
    const session = await ModelSession.open(backend, source, SIGNATURE);
    return new TaesdPreviewDecoder(session, { latentScale: options.latentScale ?? 1, outputRange: options.outputRange ?? "minus-one-to-one" });
  }

  /** latents [B, 4, h, w] (scaled, as in the denoising loop) → RGB thumbnails' source pixels. */
  async decode(latents: Float32Array, dims: readonly number[], runOptions?: RunOptions): Promise<DecodedPreview> {
    const small = shrinkLatents(latents, dims, PREVIEW_LATENT_SIDE);
    const sample = await this.decodeImage(small.data, small.dims, runOptions); // [B, 3, H, W] in [-1, 1]
    const [count, , height, width] = sample.dims;
    const plane = height * width;
    const rgb = new Float32Array(count * plane * 3); // [B, H, W, 3]
    for (let b = 0; b < count; b++) {
      for (let c = 0; c < 3; c++) {
        for (let i = 0; i < plane; i++) {
          const v = sample.data[(b * 3 + c) * plane + i] / 2 + 0.5;
          rgb[(b * plane + i) * 3 + c] = v < 0 ? 0 : v > 1 ? 1 : v;
        }
      }
    }
    return { rgb, width, height, count };
  }

  /**
   * The "Fast" quality's final decode: the whole image through TAESD instead of the VAE, in the VAE
   * decoder's terms (latents [B, 4, h, w] as the pipeline holds them × latentScale in, image
   * [B, 3, 8h, 8w] in about [-1, 1] out), so the pipeline's post-processing is the same.
   */
  async decodeImage(latents: Float32Array, dims: readonly number[], runOptions?: RunOptions): Promise<{ data: Float32Array; dims: number[] }> {
    const scale = this.options.latentScale;
    const input = scale === 1 ? latents : latents.map((v) => v * scale);
    const { sample } = await this.session.run({ latentSample: { floats: input, dims } }, ["sample"], runOptions);
    if (this.options.outputRange === "minus-one-to-one") return sample;
    return { data: sample.data.map((v) => v * 2 - 1), dims: sample.dims }; // [0, 1] → [-1, 1]
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

/** Box-averages [B, C, h, w] by a whole factor so the long side is ≤ maxSide (unchanged when it already is). */
export function shrinkLatents(latents: Float32Array, dims: readonly number[], maxSide: number): { data: Float32Array; dims: number[] } {
  const [batch, channels, h, w] = dims;
  const factor = Math.ceil(Math.max(h, w) / maxSide);
  if (factor <= 1) return { data: latents, dims: [...dims] };
  const oh = Math.max(1, Math.floor(h / factor));
  const ow = Math.max(1, Math.floor(w / factor));
  const out = new Float32Array(batch * channels * oh * ow); // [B, C, oh, ow]
  for (let bc = 0; bc < batch * channels; bc++) {
    for (let y = 0; y < oh; y++) {
      for (let x = 0; x < ow; x++) {
        let sum = 0;
        let n = 0;
        for (let dy = 0; dy < factor && y * factor + dy < h; dy++) {
          for (let dx = 0; dx < factor && x * factor + dx < w; dx++) {
            sum += latents[bc * h * w + (y * factor + dy) * w + x * factor + dx];
            n++;
          }
        }
        out[bc * oh * ow + y * ow + x] = sum / n;
      }
    }
  }
  return { data: out, dims: [batch, channels, oh, ow] };
}

/** TAESD as the pipeline's final decoder (the "Fast" quality); its latentScale applies inside, so the pipeline divides by 1. */
export function taesdFinalDecoder(taesd: TaesdPreviewDecoder): FinalDecoder {
  return { decoder: { decode: (latents, dims, options) => taesd.decodeImage(latents, dims, options) }, scalingFactor: 1 };
}
