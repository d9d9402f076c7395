/**
 * The guidance-scale embedding of guidance-distilled UNets (LCM; Meng et al. 2023, "On
 * Distillation of Guided Diffusion Models"), as diffusers' `get_guidance_scale_embedding`: the
 * guidance is not applied by running the UNet twice (classifier-free guidance) but given to it as
 * a sinusoidal embedding, its `timestep_cond` input.
 *
 *   emb[k]        = sin(1000·w · f_k),  emb[half + k] = cos(1000·w · f_k),
 *   f_k           = exp(−k · log(10000) / (half − 1)),  half = dim / 2,
 *
 * with w = guidance_scale − 1 (the pipeline's job) and a zero appended when dim is odd. Every
 * operation is rounded to float32 as torch does, and exp is torch's own (SLEEF) float32 exp:
 * 1000·w reaches thousands of radians, where one float32 ulp of a frequency moves sin by ~4e-4.
 */
import { CoreError } from "./errors";
import { torchExpF32 } from "./torch-math";

const f32 = Math.fround;

/** One embedding row [dim] for the guidance weight `w`, float32. */
export function guidanceScaleEmbedding(w: number, embeddingDim: number): Float32Array {
  if (!Number.isFinite(w)) throw new CoreError(`The guidance weight must be a finite number, got ${String(w)}.`);
  if (!Number.isInteger(embeddingDim) || embeddingDim < 4) {
    throw new CoreError(`The guidance embedding needs a whole length of at least 4, got ${String(embeddingDim)}.`);
  }
  const half = Math.floor(embeddingDim / 2);
  const scaledW = f32(f32(w) * 1000); // w * 1000.0 on a float32 tensor
  const step = f32(f32(Math.log(10000)) / (half - 1)); // torch.log(torch.tensor(10000.0)) / (half_dim - 1)
  const out = new Float32Array(embeddingDim); // the odd-length zero pad stays 0
  for (let k = 0; k < half; k++) {
    const frequency = torchExpF32(f32(k * -step)); // exp(arange(half) * -emb)
    const angle = f32(scaledW * frequency);
    out[k] = Math.sin(angle);
    out[half + k] = Math.cos(angle);
  }
  return out;
}

/** The embedding repeated for every image of the batch: [batch, dim] (diffusers' `w.repeat(bs)`). */
export function guidanceScaleEmbeddingBatch(w: number, embeddingDim: number, batch: number): Float32Array {
  const row = guidanceScaleEmbedding(w, embeddingDim);
  const out = new Float32Array(batch * embeddingDim);
  for (let b = 0; b < batch; b++) out.set(row, b * embeddingDim);
  return out;
}
