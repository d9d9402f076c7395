/**
 * The inpainting inputs both inpainting pipelines prepare the same way (diffusers'
 * StableDiffusionInpaintPipeline): image, binarised mask, masked image, latent-size mask, and the
 * starting latents (pure noise at strength 1, else the noised image latents).
 */
import { LATENT_CHANNELS } from "../components/vae";
import { InvalidInputError } from "../errors";
import type { StableDiffusionModels } from "../stable-diffusion-models";
import { downsampleMaskNearest, isFullMask, maskImage, pipelineSize, preprocessImage, preprocessMask, type Size } from "./image-processor";
import type { InpaintOptions } from "./options";
import type { RunSetup } from "./run-setup";
import { initialNoiseLatents } from "./run-stages";
import { encodeToLatents, repeatBatch } from "./vae-stages";

export interface InpaintInputs {
  size: Size;
  strength: number;
  initImage: Float32Array; // [1, 3, H, W]
  maskCondition: Float32Array; // [1, 1, H, W] in {0, 1}
  maskedImage: Float32Array; // [1, 3, H, W]
  maskLatent: Float32Array; // [1, 1, h, w]
}

export function prepareInpaintInputs(run: RunSetup, options: InpaintOptions): InpaintInputs {
  const { ctx } = run;
  const strength = options.strength ?? 1;
  if (!(strength > 0 && strength <= 1)) throw new InvalidInputError(`strength must be in (0, 1] (got ${strength}).`);
  const size = pipelineSize(options.image.width, options.image.height);
  const initImage = preprocessImage(options.image, size);
  const maskCondition = preprocessMask(options.mask, options.image, size);
  if (isFullMask(maskCondition) && strength === 1) {
    ctx.warnings.push("The mask covers the whole image, so nothing of the image is kept: the result is like text-to-image. Select a smaller area to keep context.");
  }
  const maskedImage = maskImage(initImage, maskCondition);
  const maskLatent = downsampleMaskNearest(maskCondition, size);
  if (ctx.tracing) {
    ctx.trace("init_image", initImage, [1, 3, size.height, size.width]);
    ctx.trace("mask_condition", maskCondition, [1, 1, size.height, size.width]);
    ctx.trace("masked_image", maskedImage, [1, 3, size.height, size.width]);
  }
  return { size, strength, initImage, maskCondition, maskedImage, maskLatent };
}

/**
 * diffusers' prepare_latents for inpainting. The init image is encoded only when needed
 * (strength < 1, or the caller needs the image latents for blending).
 * Returns latents [B, 4, h, w], the noise drawn (reused by legacy blending), and the image
 * latents [B, 4, h, w] when encoded.
 */
export async function prepareInpaintLatents(
  models: StableDiffusionModels,
  run: RunSetup,
  inputs: InpaintInputs,
  latentTimestep: number,
  needImageLatents: boolean,
): Promise<{ latents: Float32Array; noise: Float32Array; imageLatents: Float32Array | null }> {
  const { ctx, batch, scheduler } = run;
  const { size } = inputs;
  const isStrengthMax = inputs.strength === 1;
  const dims = [batch, LATENT_CHANNELS, size.height / 8, size.width / 8];
  const imageLatents =
    !isStrengthMax || needImageLatents ? repeatBatch(await encodeToLatents(models, ctx, inputs.initImage, size, "init_image"), batch) : null;
  const noise = run.noise.randn(dims);
  let latents: Float32Array;
  if (isStrengthMax) latents = initialNoiseLatents(scheduler, noise);
  else latents = scheduler.addNoise(imageLatents!, noise, latentTimestep);
  if (ctx.tracing) {
    ctx.trace("prepare_latents_noise", noise, dims);
    if (imageLatents && needImageLatents) ctx.trace("image_latents", imageLatents, dims);
    ctx.trace("latents_init", latents, dims);
  }
  return { latents, noise, imageLatents };
}
