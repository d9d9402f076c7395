/**
 * Classifier-free guidance on the UNet output [uncond × B, cond × B]:
 * eps = eps_u + scale · (eps_c − eps_u), each operation rounded to float32 as torch does.
 */
export function applyGuidance(noisePred: Float32Array, guidanceScale: number): Float32Array {
  const half = noisePred.length / 2;
  const scale = Math.fround(guidanceScale);
  const out = new Float32Array(half); // [B, 4, h, w]
  for (let i = 0; i < half; i++) {
    const u = noisePred[i];
    out[i] = u + Math.fround(scale * Math.fround(noisePred[half + i] - u));
  }
  return out;
}
