/**
 * Classifier-free guidance (Ho & Salimans 2022) as the Stable Diffusion pipelines apply it:
 * the UNet runs on [unconditional × B, conditional × B] and the two halves are combined as
 *   ε = ε_u + g·(ε_c − ε_u).
 * With g <= 1 the pipelines skip guidance altogether: the UNet batch is just B, no negative prompt.
 */

import { CoreError, TensorShapeError } from "./errors";
import { outputBuffer } from "./tensor-checks";

const f32 = Math.fround;

/** diffusers' `do_classifier_free_guidance`: guidance only above 1. */
export function doClassifierFreeGuidance(guidanceScale: number): boolean {
  if (!Number.isFinite(guidanceScale)) {
    throw new CoreError(`Guidance scale must be a finite number, got ${String(guidanceScale)}.`);
  }
  return guidanceScale > 1;
}

/** ε_u + g·(ε_c − ε_u), element-wise in float32. `out` may alias either input. */
export function combineGuidance(
  noiseUncond: Float32Array,
  noiseCond: Float32Array,
  guidanceScale: number,
  out?: Float32Array,
): Float32Array {
  if (noiseUncond.length !== noiseCond.length) {
    throw new TensorShapeError(
      `Guidance: unconditional (${noiseUncond.length}) and conditional (${noiseCond.length}) predictions differ in size.`,
    );
  }
  const result = outputBuffer(out, noiseCond.length, "combineGuidance");
  const g = f32(guidanceScale);
  for (let i = 0; i < result.length; i++) {
    const u = noiseUncond[i];
    result[i] = u + f32(g * f32(noiseCond[i] - u));
  }
  return result;
}

/**
 * The guided noise prediction from a raw UNet output.
 * - g > 1: `unetOutput` is [2B, C, H, W] with the unconditional half first; returns [B, C, H, W].
 * - g <= 1: guidance is off, `unetOutput` is already [B, C, H, W] and is returned as is.
 */
export function guidedNoisePrediction(unetOutput: Float32Array, guidanceScale: number, out?: Float32Array): Float32Array {
  if (!doClassifierFreeGuidance(guidanceScale)) return unetOutput;
  if (unetOutput.length % 2 !== 0) {
    throw new TensorShapeError(`Guidance needs an even UNet batch (unconditional + conditional halves).`);
  }
  const half = unetOutput.length / 2;
  return combineGuidance(unetOutput.subarray(0, half), unetOutput.subarray(half), guidanceScale, out);
}

/**
 * diffusers' `rescale_noise_cfg` (Lin et al. 2023, §3.4): rescales each sample of the guided
 * prediction to the standard deviation of the conditional one, blended by `guidanceRescale`
 * (0 = off). Fixes over-exposure with zero-terminal-SNR / v-prediction models. Writes in place.
 */
export function rescaleNoiseCfg(
  noiseCfg: Float32Array,
  noiseCond: Float32Array,
  guidanceRescale: number,
  batchSize: number,
): Float32Array {
  if (!(guidanceRescale >= 0 && guidanceRescale <= 1)) {
    throw new CoreError(`guidance_rescale must be between 0 and 1, got ${String(guidanceRescale)}.`);
  }
  if (noiseCfg.length !== noiseCond.length || noiseCfg.length % batchSize !== 0) {
    throw new TensorShapeError(`rescaleNoiseCfg: predictions of ${noiseCfg.length} values do not split into ${batchSize} samples.`);
  }
  if (guidanceRescale === 0) return noiseCfg;
  const per = noiseCfg.length / batchSize;
  for (let b = 0; b < batchSize; b++) {
    const cfg = noiseCfg.subarray(b * per, (b + 1) * per);
    const ratio = sampleStd(noiseCond.subarray(b * per, (b + 1) * per)) / sampleStd(cfg);
    if (!Number.isFinite(ratio)) continue; // a constant prediction has nothing to rescale
    for (let i = 0; i < per; i++) {
      cfg[i] = guidanceRescale * (cfg[i] * ratio) + (1 - guidanceRescale) * cfg[i];
    }
  }
  return noiseCfg;
}

/** torch.std default: unbiased (n − 1) standard deviation. */
function sampleStd(values: Float32Array): number {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return Math.sqrt(ss / Math.max(values.length - 1, 1));
}
