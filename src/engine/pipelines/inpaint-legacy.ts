/**
 * Inpainting with a plain 4-channel UNet, as diffusers' StableDiffusionInpaintPipeline does when
 * `unet.config.in_channels == 4`: the UNet denoises everything, and after every step the known
 * area is replaced by the image latents noised to the next timestep (un-noised after the last).
 * Lets any SD model fill, at some cost in seam quality compared with an inpainting UNet.
 * An LCM UNet (with `timestep_cond`) fills the same way with the LCM pipelines' rules (no CFG,
 * LCMScheduler and its strength rule, the guidance embedding); its last step's latents are the
 * blended `denoised`, so decoding them is decoding `denoised` as the LCM pipelines do.
 */
import { LATENT_CHANNELS } from "../components/vae";
import { InvalidInputError } from "../errors";
import type { StableDiffusionModels } from "../stable-diffusion-models";
import { denoise } from "./denoise";
import { prepareInpaintInputs, prepareInpaintLatents } from "./inpaint-inputs";
import type { PipelineOutput, InpaintOptions } from "./options";
import type { EmbeddingCache } from "./prompt-embeddings";
import { LCM_RUN_RULES, lcmGuidanceEmbedding } from "./lcm-stages";
import { setUpRun } from "./run-setup";
import { decodeRunResult, encodeRunPrompts, strengthTimesteps } from "./run-stages";
import { traceRepeated } from "./trace-helpers";

export async function runInpaintLegacy(models: StableDiffusionModels, options: InpaintOptions, cache?: EmbeddingCache): Promise<PipelineOutput> {
  const unet = models.unet;
  if (!unet) throw new InvalidInputError("Legacy inpainting needs a 4-channel UNet; this model has only an inpainting UNet (use runInpaint).");
  const isLcm = unet.timeCondProjDim !== null;
  const run = setUpRun(models, options, isLcm ? LCM_RUN_RULES : {});
  const { ctx, batch, scheduler } = run;

  // 1. Prompt embeddings: [neg × B, pos × B].
  const embeddings = await encodeRunPrompts(models, run, options, cache);

  // 2. Image, binarised mask, latent-size mask.
  const inputs = prepareInpaintInputs(run, options);
  const { size, maskLatent } = inputs;
  const h = size.height / 8;
  const w = size.width / 8;
  if (ctx.tracing) traceRepeated(ctx, "mask_latent", maskLatent, [1, 1, h, w], run.doClassifierFreeGuidance ? 2 * batch : batch);

  // 3. Timesteps.
  const timesteps = strengthTimesteps(run, isLcm ? { ...options, strengthRule: "latent-consistency" } : options, inputs.strength);
  const timestepCond = isLcm ? lcmGuidanceEmbedding(run, { timeCondProjDim: unet.timeCondProjDim! }) : undefined;

  // 4. Latents, keeping the image latents and the noise for the blending below.
  ctx.stage("vae-encode");
  const prepared = await prepareInpaintLatents(models, run, inputs, timesteps[0], true);
  const imageLatents = prepared.imageLatents!; // [B, 4, h, w]
  const plane = h * w;

  // 5. Denoising loop; after each step: latents = (1 − m) · known + m · latents.
  const blendKnownLatents = (i: number, latents: Float32Array): Float32Array => {
    const known = i < timesteps.length - 1 ? scheduler.addNoise(imageLatents, prepared.noise, timesteps[i + 1]) : imageLatents;
    const out = new Float32Array(latents.length);
    for (let b = 0; b < batch; b++) {
      for (let c = 0; c < LATENT_CHANNELS; c++) {
        const base = (b * LATENT_CHANNELS + c) * plane;
        for (let p = 0; p < plane; p++) {
          const m = maskLatent[p];
          out[base + p] = Math.fround((1 - m) * known[base + p]) + Math.fround(m * latents[base + p]);
        }
      }
    }
    return out;
  };
  const { latents: finalLatents } = await denoise(run, {
    unet,
    timesteps,
    latents: prepared.latents,
    shape: { batch, height: h, width: w },
    embeddings,
    timestepCond,
    afterStep: blendKnownLatents,
  });

  // 6. Decode.
  return decodeRunResult(models, run, finalLatents, size, timesteps);
}
