/**
 * The VAE halves. The encoder's `latent_sample` is treated as the posterior mean (our exports and
 * the fixtures export `latent_dist.mode()`); an Optimum-style `latent_parameters` output (mean and
 * log-variance stacked on channels) is reduced to its mean. Scaling by the VAE's scaling factor
 * (0.18215 for SD 1.x) is the pipeline's job, as in diffusers.
 */
import type { ExecutionBackend, GraphSource } from "../runtime/backend";
import { ModelSession, type RunOptions } from "../io/model-session";
import { ModelSignatureError } from "../errors";

const ENCODER_SIGNATURE = {
  inputs: { sample: ["sample"] },
  outputs: { latent: ["latent_sample", "latent_parameters"] },
} as const;

const DECODER_SIGNATURE = {
  inputs: { latentSample: ["latent_sample"] },
  outputs: { sample: ["sample"] },
} as const;

export const LATENT_CHANNELS = 4;

export class VaeEncoderModel {
  private constructor(readonly session: ModelSession) {}

  static async load(backend: ExecutionBackend, source: GraphSource): Promise<VaeEncoderModel> {
    return new VaeEncoderModel(await ModelSession.open(backend, source, ENCODER_SIGNATURE));
  }

  /** image [B, 3, H, W] in [-1, 1] → posterior mean [B, 4, H/8, W/8], unscaled. */
  async encodeMean(image: Float32Array, dims: readonly number[], options?: RunOptions): Promise<{ data: Float32Array; dims: number[] }> {
    const { latent } = await this.session.run({ sample: { floats: image, dims } }, ["latent"], options);
    const [batch, channels, h, w] = latent.dims;
    if (channels === LATENT_CHANNELS) return latent;
    if (channels === 2 * LATENT_CHANNELS) {
      // [B, 8, h, w] = concat(mean, logvar): keep the first 4 channels of every batch item.
      const plane = LATENT_CHANNELS * h * w;
      const mean = new Float32Array(batch * plane);
      for (let b = 0; b < batch; b++) mean.set(latent.data.subarray(b * 2 * plane, b * 2 * plane + plane), b * plane);
      return { data: mean, dims: [batch, LATENT_CHANNELS, h, w] };
    }
    throw new ModelSignatureError(this.session.file, this.session.outputs.latent.name, `has ${channels} channels; expected 4 (mean) or 8 (mean + logvar)`);
  }
}

export class VaeDecoderModel {
  private constructor(readonly session: ModelSession) {}

  static async load(backend: ExecutionBackend, source: GraphSource): Promise<VaeDecoderModel> {
    return new VaeDecoderModel(await ModelSession.open(backend, source, DECODER_SIGNATURE));
  }

  /** latents / scalingFactor [B, 4, h, w] → image [B, 3, 8h, 8w], nominally [-1, 1], not clamped. */
  async decode(latentSample: Float32Array, dims: readonly number[], options?: RunOptions): Promise<{ data: Float32Array; dims: number[] }> {
    const { sample } = await this.session.run({ latentSample: { floats: latentSample, dims } }, ["sample"], options);
    return sample;
  }
}
