/**
 * Image-to-image, as diffusers' StableDiffusionImg2ImgPipeline (v0.40): the image is encoded once,
 * noised to the first timestep that `strength` leaves, and denoised from there.
 */
import { InvalidInputError } from "../errors";
import { LATENT_CHANNELS } from "../components/vae";
import type { StableDiffusionModels } from "../stable-diffusion-models";
import { denoise } from "./denoise";
import { pipelineSize, preprocessImage } from "./image-processor";
import type { PipelineOutput, Img2ImgOptions } from "./options";
import type { EmbeddingCache } from "./prompt-embeddings";
import { setUpRun } from "./run-setup";
import { decodeRunResult, encodeRunPrompts, strengthTimesteps } from "./run-stages";
import { encodeToLatents, repeatBatch } from "./vae-stages";

export async function runImg2Img(models: StableDiffusionModels, options: Img2ImgOptions, cache?: EmbeddingCache): Promise<PipelineOutput> {
  const unet = models.unet;
  if (!unet) throw new InvalidInputError("img2img needs a 4-channel UNet; this model only has an inpainting UNet. Use fill (inpaint) instead.");
  const run = setUpRun(models, options);
  const { ctx, batch, scheduler } = run;

  // 1. Encode the prompt (and the negative prompt for CFG): [neg × B, pos × B].
  const embeddings = await encodeRunPrompts(models, run, options, cache);

  // 2. Preprocess the image: floor to a multiple of 8, [1, 3, H, W] in [-1, 1].
  const size = pipelineSize(options.image.width, options.image.height);
  const initImage = preprocessImage(options.image, size);
  if (ctx.tracing) ctx.trace("init_image", initImage, [1, 3, size.height, size.width]);

  // 3. Timesteps: the last `strength` part of the schedule.
  const timesteps = strengthTimesteps(run, options, options.strength);
  const latentTimestep = timesteps[0];

  // 4. Latents: encode once, repeat for every image, noise to latentTimestep (no init_noise_sigma).
  ctx.stage("vae-encode");
  const initLatents = repeatBatch(await encodeToLatents(models, ctx, initImage, size, "init_image"), batch); // [B, 4, h, w]
  const shape = { batch, height: size.height / 8, width: size.width / 8 };
  const noise = run.noise.randn([batch, LATENT_CHANNELS, shape.height, shape.width]);
  const latents = scheduler.addNoise(initLatents, noise, latentTimestep);
  if (ctx.tracing) ctx.trace("latents_init", latents, [batch, LATENT_CHANNELS, shape.height, shape.width]);

  // 5. Denoising loop.
  const { latents: finalLatents } = await denoise(run, { unet, timesteps, latents, shape, embeddings });

  // 6. Decode.
  return decodeRunResult(models, run, finalLatents, size, timesteps);
}
