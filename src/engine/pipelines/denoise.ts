/**
 * The denoising loop shared by every pipeline (diffusers' `for i, t in enumerate(timesteps)`):
 * CFG doubling, scale_model_input, the 9-channel inpainting concat, the UNet, guidance,
 * scheduler.step. The UNet batch is a *schedule*: rows [neg × B, pos × B] run in chunks of
 * `unetBatchSize`, so batch-1 (wasm) and all-at-once (GPU) give the same latents.
 */
import type { UNetModel } from "../components/unet";
import { LATENT_CHANNELS } from "../components/vae";
import { guidedNoisePrediction } from "../../core/guidance";
import { hiddenStatesRows, type PromptEmbeddings } from "./prompt-embeddings";
import type { RunSetup } from "./run-setup";
import { NonFiniteOutputError } from "../errors";

export interface LatentShape {
  batch: number;
  height: number; // H / 8
  width: number; // W / 8
}

/** The extra UNet channels of an inpainting UNet, one image's worth (the same for every image). */
export interface InpaintConditioning {
  maskLatent: Float32Array; // [1, 1, h, w]
  maskedImageLatents: Float32Array; // [1, 4, h, w], already × scaling factor
}

/** What the pipeline brings to the loop; the run gives the scheduler, guidance, noise and UNet batch. */
export interface DenoiseParams {
  unet: UNetModel;
  timesteps: readonly number[];
  /** Initial latents [B, 4, h, w]. */
  latents: Float32Array;
  shape: LatentShape;
  embeddings: PromptEmbeddings;
  inpaint?: InpaintConditioning;
  /** Guidance-distilled UNets (LCM): the guidance embedding of one image [dim], the same for every row. */
  timestepCond?: Float32Array;
  /** Runs after each scheduler.step (legacy inpainting re-imposes the known latents here). */
  afterStep?: (stepIndex: number, latents: Float32Array) => Float32Array;
}

/** The loop's result: the last step's `prevSample` and its `denoised` (x̂₀), both [B, 4, h, w]. */
export interface DenoiseResult {
  latents: Float32Array;
  denoised: Float32Array;
}

export async function denoise(run: RunSetup, p: DenoiseParams): Promise<DenoiseResult> {
  const { ctx, scheduler, unetBatchSize } = run;
  const { unet, shape, embeddings } = p;
  ctx.stage("denoise");
  const { batch } = shape;
  const plane = shape.height * shape.width;
  const latentSize = LATENT_CHANNELS * plane;
  const inChannels = unet.inChannels;
  const doCfg = embeddings.negative !== null;
  const rows = doCfg ? 2 * batch : batch;
  const latentDims = [batch, LATENT_CHANNELS, shape.height, shape.width];
  let latents = p.latents;
  // The encoder_hidden_states of each UNet chunk are the same every step: build them once, so
  // the model adapter can also convert them (e.g. to fp16) once per run.
  const hiddenChunks = new Map<number, Float32Array>();
  for (let start = 0; start < rows; start += unetBatchSize) {
    hiddenChunks.set(start, hiddenStatesRows(embeddings, batch, start, Math.min(rows, start + unetBatchSize))); // [n, L, D]
  }
  const condChunks = new Map<number, Float32Array>();
  if (p.timestepCond) {
    const cond = p.timestepCond;
    for (let start = 0; start < rows; start += unetBatchSize) {
      const n = Math.min(rows, start + unetBatchSize) - start;
      const chunk = new Float32Array(n * cond.length); // [n, dim]
      for (let r = 0; r < n; r++) chunk.set(cond, r * cond.length);
      condChunks.set(start, chunk);
    }
  }
  let denoised: Float32Array = latents;

  for (let i = 0; i < p.timesteps.length; i++) {
    ctx.checkCancelled();
    const stepStarted = performance.now();
    const t = p.timesteps[i];
    // scale_model_input is element-wise, so scaling [B] once equals scaling concat([x, x]).
    const scaled = scheduler.scaleModelInput(latents, t); // [B, 4, h, w]

    const noisePred = new Float32Array(rows * latentSize); // [rows, 4, h, w]
    const fullInput = ctx.tracing ? new Float32Array(rows * inChannels * plane) : null;
    for (let start = 0; start < rows; start += unetBatchSize) {
      ctx.checkCancelled();
      const end = Math.min(rows, start + unetBatchSize);
      const sample = new Float32Array((end - start) * inChannels * plane); // [n, 4 or 9, h, w]
      for (let r = start; r < end; r++) {
        const image = r % batch; // row r is image r (uncond half) or r − B (cond half)
        const at = (r - start) * inChannels * plane;
        sample.set(scaled.subarray(image * latentSize, (image + 1) * latentSize), at);
        if (p.inpaint) {
          // Channels 4 (mask) and 5–8 (masked-image latents) are not scaled, as in diffusers.
          sample.set(p.inpaint.maskLatent, at + latentSize);
          sample.set(p.inpaint.maskedImageLatents, at + latentSize + plane);
        }
      }
      fullInput?.set(sample, start * inChannels * plane);
      const hidden = hiddenChunks.get(start)!;
      const out = await unet.predictNoise(
        sample,
        [end - start, inChannels, shape.height, shape.width],
        t,
        hidden,
        [end - start, embeddings.sequenceLength, embeddings.hiddenSize],
        ctx.runOptions,
        condChunks.get(start),
      );
      noisePred.set(out, start * latentSize);
    }
    if (fullInput) {
      ctx.trace("unet_in", fullInput, [rows, inChannels, shape.height, shape.width], i);
      ctx.trace("unet_out", noisePred, [rows, LATENT_CHANNELS, shape.height, shape.width], i);
    }

    const guided = doCfg ? guidedNoisePrediction(noisePred, run.guidanceScale) : noisePred; // [B, 4, h, w]
    const step = scheduler.step(guided, t, latents, { noise: run.noise, shape: latentDims });
    latents = p.afterStep ? p.afterStep(i, step.prevSample) : step.prevSample;
    denoised = step.predOriginalSample;
    // A NaN here would decode to a black image several seconds later: stop now and say why.
    if (!allFinite(latents)) throw new NonFiniteOutputError(`denoising step ${i + 1} (t=${t})`);

    if (ctx.tracing) {
      ctx.trace("latents", latents, latentDims, i);
      ctx.trace("denoised", denoised, latentDims, i);
    }
    ctx.timings.unetSteps.push(performance.now() - stepStarted);
    ctx.step({ step: i + 1, totalSteps: p.timesteps.length, predOriginalSample: step.predOriginalSample, latentShape: latentDims }, t);
  }
  return { latents, denoised };
}

function allFinite(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}
