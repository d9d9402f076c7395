/** Element-wise helpers of the ᾱ ("alpha") parameterisation shared by DDIM and LCM. */

import { requireSameLength } from "./tensor-checks";

const f32 = Math.fround;

/** Forward process x_t = √ᾱ·x₀ + √(1-ᾱ)·ε into a fresh array. */
export function addNoiseAlpha(original: Float32Array, noise: Float32Array, alphaProd: number): Float32Array {
  const n = requireSameLength("addNoise", original, noise);
  const sqrtAlpha = f32(Math.sqrt(alphaProd));
  const sqrtOneMinus = f32(Math.sqrt(f32(1 - alphaProd)));
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = f32(sqrtAlpha * original[i]) + f32(sqrtOneMinus * noise[i]);
  return out;
}

/** clip_sample: clamp to [-range, range] in place. */
export function clampInPlace(values: Float32Array, range: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v > range) values[i] = range;
    else if (v < -range) values[i] = -range;
  }
}
