/**
 * Image-to-image on a model that has only a 9-channel inpainting UNet (SD 1.5 Inpainting), as
 * diffusers does it: StableDiffusionInpaintPipeline with a mask that covers the whole image and
 * strength < 1. The UNet's mask channel is all ones and its masked-image channels all zero, so the
 * image reaches it only through the noised starting latents, exactly as in plain img2img.
 */
import type { StableDiffusionModels } from "../stable-diffusion-models";
import { runInpaint } from "./inpaint";
import type { PipelineOutput, Img2ImgOptions } from "./options";
import type { EmbeddingCache } from "./prompt-embeddings";

export function runRepaint(models: StableDiffusionModels, options: Img2ImgOptions, cache?: EmbeddingCache): Promise<PipelineOutput> {
  const { width, height } = options.image;
  const fullMask = { width, height, data: new Uint8Array(width * height).fill(255) }; // 255 = repaint
  return runInpaint(models, { ...options, mask: fullMask }, cache);
}
