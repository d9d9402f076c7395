/**
 * The VAE ends of a run: image → scaled latents (`scaling_factor · mean`), and latents →
 * `vae_decoder(latents / scaling_factor)` → clamp(x / 2 + 0.5) pixels, in chunks of the backend's
 * VAE batch (the decoder is the largest activation at 512²).
 */
import type { StableDiffusionModels } from "../stable-diffusion-models";
import { InvalidInputError } from "../errors";
import { LATENT_CHANNELS } from "../components/vae";
import { postprocessImages, type Size } from "./image-processor";
import type { RunContext } from "./run-context";
import { assertFiniteStage } from "../finite-check";
import type { RunOptions } from "../io/model-session";

/** image [1, 3, H, W] in [-1, 1] → scaling_factor · posterior mean [1, 4, H/8, W/8]. */
export async function encodeToLatents(
  models: StableDiffusionModels,
  ctx: RunContext,
  image: Float32Array,
  size: Size,
  /** Which image this is ("init_image" / "masked_image"), for traces. */
  input: string,
): Promise<Float32Array> {
  if (!models.vaeEncoder) throw new InvalidInputError("This model has no VAE encoder (vae_encoder/model.onnx), so it can only do text-to-image.");
  const encoder = models.vaeEncoder;
  const mean = await ctx.timed("vaeEncode", () => encoder.encodeMean(image, [1, 3, size.height, size.width], ctx.runOptions));
  if (ctx.tracing) ctx.trace(`vae_encoder_out:${input}`, mean.data, mean.dims);
  const sf = Math.fround(models.vaeScalingFactor);
  const scaled = new Float32Array(mean.data.length);
  for (let i = 0; i < scaled.length; i++) scaled[i] = sf * mean.data[i];
  assertFiniteStage(scaled, "VAE encode");
  return scaled;
}

/** Repeats one image's tensor B times along the batch axis ([1, …] → [B, …]). */
export function repeatBatch(item: Float32Array, batch: number): Float32Array {
  const out = new Float32Array(item.length * batch);
  for (let b = 0; b < batch; b++) out.set(item, b * item.length);
  return out;
}

/**
 * What turns the final latents into an image: the model's VAE decoder (÷ its scaling factor), or
 * TAESD for the "Fast" quality (scaling factor 1). Both give [B, 3, 8h, 8w] in about [-1, 1].
 */
export interface FinalDecoder {
  decoder: { decode(latentSample: Float32Array, dims: readonly number[], options?: RunOptions): Promise<{ data: Float32Array; dims: number[] }> };
  scalingFactor: number;
}

/** latents [B, 4, h, w] → pixels [B, H, W, 3] in [0, 1]. */
export async function decodeLatents(
  models: StableDiffusionModels,
  ctx: RunContext,
  latents: Float32Array,
  batch: number,
  size: Size,
  vaeBatchSize: number,
  final: FinalDecoder = { decoder: models.vaeDecoder, scalingFactor: models.vaeScalingFactor },
): Promise<Float32Array> {
  ctx.stage("vae-decode");
  const h = size.height / 8;
  const w = size.width / 8;
  const latentSize = LATENT_CHANNELS * h * w;
  const imageSize = 3 * size.height * size.width;
  const sf = Math.fround(final.scalingFactor);
  const decoderIn = new Float32Array(latents.length); // [B, 4, h, w]
  for (let i = 0; i < latents.length; i++) decoderIn[i] = latents[i] / sf;
  if (ctx.tracing) ctx.trace("vae_decoder_in", decoderIn, [batch, LATENT_CHANNELS, h, w]);

  const decoded = new Float32Array(batch * imageSize); // [B, 3, H, W]
  for (let start = 0; start < batch; start += vaeBatchSize) {
    ctx.checkCancelled();
    const end = Math.min(batch, start + vaeBatchSize);
    const chunk = decoderIn.subarray(start * latentSize, end * latentSize);
    const out = await ctx.timed("vaeDecode", () => final.decoder.decode(chunk, [end - start, LATENT_CHANNELS, h, w], ctx.runOptions));
    assertFiniteStage(out.data, "VAE decode");
    decoded.set(out.data, start * imageSize);
  }
  if (ctx.tracing) ctx.trace("vae_decoder_out", decoded, [batch, 3, size.height, size.width]);
  const pixels = postprocessImages(decoded, batch, size);
  if (ctx.tracing) ctx.trace("output", pixels, [batch, size.height, size.width, 3]);
  return pixels;
}
