/**
 * What the UNet predicts, turned into the estimate of the clean latent x̂₀ and of the noise ε̂.
 * Pure element-wise functions, in float32 like the reference's tensor maths.
 *
 * Two parameterisations of the same forward process x_t = √ᾱ·x₀ + √(1-ᾱ)·ε:
 * - "alpha" form (DDIM, LCM): the sample is x_t itself.
 * - "sigma" form (Euler-type, k-diffusion): the sample is x_t / √ᾱ = x₀ + σ·ε with σ = √((1-ᾱ)/ᾱ).
 */

const f32 = Math.fround;

export const PREDICTION_TYPES = ["epsilon", "sample", "v_prediction"] as const;
export type PredictionType = (typeof PREDICTION_TYPES)[number];

/** x̂₀ from the model output at ᾱ_t (alpha form). Writes into and returns `out`. */
export function predOriginalFromAlpha(
  type: PredictionType,
  modelOutput: Float32Array,
  sample: Float32Array,
  alphaProdT: number,
  out: Float32Array,
): Float32Array {
  const sqrtAlpha = f32(Math.sqrt(alphaProdT));
  const sqrtBeta = f32(Math.sqrt(f32(1 - alphaProdT)));
  const n = out.length;
  if (type === "epsilon") {
    for (let i = 0; i < n; i++) out[i] = f32(sample[i] - f32(sqrtBeta * modelOutput[i])) / sqrtAlpha;
  } else if (type === "v_prediction") {
    for (let i = 0; i < n; i++) out[i] = f32(sqrtAlpha * sample[i]) - f32(sqrtBeta * modelOutput[i]);
  } else {
    out.set(modelOutput);
  }
  return out;
}

/**
 * ε̂ at ᾱ_t (alpha form), given x̂₀ already computed by predOriginalFromAlpha. For "epsilon" the
 * model output itself is returned (no copy).
 */
export function epsilonFromAlpha(
  type: PredictionType,
  modelOutput: Float32Array,
  sample: Float32Array,
  alphaProdT: number,
  predOriginal: Float32Array,
  out: Float32Array,
): Float32Array {
  if (type === "epsilon") return modelOutput;
  const sqrtAlpha = f32(Math.sqrt(alphaProdT));
  const sqrtBeta = f32(Math.sqrt(f32(1 - alphaProdT)));
  const n = out.length;
  if (type === "v_prediction") {
    for (let i = 0; i < n; i++) out[i] = f32(sqrtAlpha * modelOutput[i]) + f32(sqrtBeta * sample[i]);
  } else {
    for (let i = 0; i < n; i++) out[i] = f32(sample[i] - f32(sqrtAlpha * predOriginal[i])) / sqrtBeta;
  }
  return out;
}

/** x̂₀ from the model output at noise level σ (sigma form, as Euler's step computes it). */
export function predOriginalFromSigma(
  type: PredictionType,
  modelOutput: Float32Array,
  sample: Float32Array,
  sigma: number,
  out: Float32Array,
): Float32Array {
  const n = out.length;
  if (type === "epsilon") {
    for (let i = 0; i < n; i++) out[i] = sample[i] - f32(sigma * modelOutput[i]);
  } else if (type === "v_prediction") {
    const s2p1 = f32(f32(sigma * sigma) + 1);
    const cOut = f32(-sigma / f32(Math.sqrt(s2p1)));
    for (let i = 0; i < n; i++) out[i] = f32(modelOutput[i] * cOut) + f32(sample[i] / s2p1);
  } else {
    out.set(modelOutput);
  }
  return out;
}

/** The v target for training/inspection: v = √ᾱ·ε − √(1-ᾱ)·x₀ (diffusers' get_velocity). */
export function velocityFromAlpha(
  predOriginal: Float32Array,
  noise: Float32Array,
  alphaProdT: number,
  out: Float32Array,
): Float32Array {
  const sqrtAlpha = f32(Math.sqrt(alphaProdT));
  const sqrtBeta = f32(Math.sqrt(f32(1 - alphaProdT)));
  for (let i = 0; i < out.length; i++) out[i] = f32(sqrtAlpha * noise[i]) - f32(sqrtBeta * predOriginal[i]);
  return out;
}
