/** Latents like a run's x̂₀ [B, 4, h, w]: smooth structure in [-2.5, 2.5] with sign changes, different per seed. */
export function latentsLike(batch: number, h: number, w: number, seed = 1): Float32Array {
  const out = new Float32Array(batch * 4 * h * w);
  for (let i = 0; i < out.length; i++) out[i] = 2.5 * Math.sin(0.37 * i + seed) * Math.cos(0.011 * i * seed);
  return out;
}
