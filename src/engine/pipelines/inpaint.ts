/**
 * Inpainting with a 9-channel inpainting UNet, as diffusers' StableDiffusionInpaintPipeline
 * (v0.40): every step the UNet sees [latents, mask, masked-image latents] and repaints the masked
 * area consistently with the rest. diffusers does not paste the original pixels back; compositing
 * with a feathered mask is imaging/'s job.
 */
import { InvalidInputError } from "../errors";
import type { StableDiffusionModels } from "../stable-diffusion-models";
import { denoise } from "./denoise";
import { prepareInpaintInputs, prepareInpaintLatents } from "./inpaint-inputs";
import type { PipelineOutput, InpaintOptions } from "./options";
import type { EmbeddingCache } from "./prompt-embeddings";
import { setUpRun } from "./run-setup";
import { decodeRunResult, encodeRunPrompts, strengthTimesteps } from "./run-stages";
import { traceRepeated } from "./trace-helpers";
import { encodeToLatents } from "./vae-stages";

export async function runInpaint(models: StableDiffusionModels, options: InpaintOptions, cache?: EmbeddingCache): Promise<PipelineOutput> {
  const unet = models.inpaintUnet;
  if (!unet) throw new InvalidInputError("This model has no 9-channel inpainting UNet; use the legacy inpainting pipeline (runInpaintLegacy).");
  const run = setUpRun(models, options);
  const { ctx, batch } = run;

  // 1. Prompt embeddings: [neg × B, pos × B].
  const embeddings = await encodeRunPrompts(models, run, options, cache);

  // 2. Image, binarised mask, masked image.
  const inputs = prepareInpaintInputs(run, options);
  const { size } = inputs;

  // 3. Timesteps (strength slices the schedule, 1 keeps all of it).
  const timesteps = strengthTimesteps(run, options, inputs.strength);

  // 4. Latents: noise × init_noise_sigma at strength 1, else the noised image latents.
  ctx.stage("vae-encode");
  const { latents } = await prepareInpaintLatents(models, run, inputs, timesteps[0], false);

  // 5. Mask and masked-image latents, the UNet's extra channels (same for every image).
  const maskedImageLatents = await encodeToLatents(models, ctx, inputs.maskedImage, size, "masked_image"); // [1, 4, h, w]
  const h = size.height / 8;
  const w = size.width / 8;
  if (ctx.tracing) {
    const rows = run.doClassifierFreeGuidance ? 2 * batch : batch;
    traceRepeated(ctx, "mask_latent", inputs.maskLatent, [1, 1, h, w], rows);
    traceRepeated(ctx, "masked_image_latents", maskedImageLatents, [1, 4, h, w], rows);
  }

  // 6. Denoising loop with the 9-channel input.
  const { latents: finalLatents } = await denoise(run, {
    unet,
    timesteps,
    latents,
    shape: { batch, height: h, width: w },
    embeddings,
    inpaint: { maskLatent: inputs.maskLatent, maskedImageLatents },
  });

  // 7. Decode.
  return decodeRunResult(models, run, finalLatents, size, timesteps);
}
