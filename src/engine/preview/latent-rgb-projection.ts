/**
 * The cheap live preview: SD latents → RGB by one linear map per latent pixel, no decoder.
 *
 * The SD 1.x VAE decoder is far from linear, but the mean colour of each 8×8 output block is close
 * to a fixed linear combination of the 4 latent channels at that position. The coefficients below
 * are the ones Kevin Turner ("keturn") fitted empirically for Stable Diffusion v1.4 and published
 * in "Decoding latents to RGB without upscaling" (Hugging Face forum, 2022,
 * https://discuss.huggingface.co/t/decoding-latents-to-rgb-without-upscaling/23204): they map the
 * pipeline's *scaled* latents (as the UNet sees them, i.e. already × 0.18215) to RGB in about
 * [-1, 1], slightly under-saturated. They serve SD 1.5 too (same VAE) and are a fair approximation
 * for SD 2.x, whose VAE was fine-tuned from the same one. `fitLatentRgbProjection` re-derives such a
 * table by least squares from (latent, decoded-image) pairs for another VAE.
 */
export interface LatentRgbProjection {
  /** weights[c] = [r, g, b] contribution of latent channel c. */
  weights: readonly (readonly [number, number, number])[];
  /** Added after the weighted sum, per output channel (0 for the SD 1.x table). */
  bias: readonly [number, number, number];
}

export const SD1_LATENT_RGB: LatentRgbProjection = {
  weights: [
    [0.298, 0.207, 0.208],
    [0.187, 0.286, 0.173],
    [-0.158, 0.189, 0.264],
    [-0.184, -0.271, -0.473],
  ],
  bias: [0, 0, 0],
};

/**
 * One image of a latent batch [B, 4, h, w] → RGB [h, w, 3] in [0, 1] (the projection's [-1, 1]
 * mapped with x / 2 + 0.5 and clamped, as the VAE output is).
 */
export function projectLatentsToRgb(
  latents: Float32Array,
  dims: readonly number[],
  imageIndex: number,
  projection: LatentRgbProjection = SD1_LATENT_RGB,
): Float32Array {
  const [batch, channels, h, w] = dims;
  if (channels !== projection.weights.length) throw new RangeError(`The latent projection expects ${projection.weights.length} channels, got ${channels}.`);
  if (imageIndex < 0 || imageIndex >= batch) throw new RangeError(`Image ${imageIndex} is outside the batch of ${batch}.`);
  const plane = h * w;
  const base = imageIndex * channels * plane;
  const out = new Float32Array(plane * 3); // [h, w, 3]
  for (let i = 0; i < plane; i++) {
    for (let k = 0; k < 3; k++) {
      let v = projection.bias[k];
      for (let c = 0; c < channels; c++) v += projection.weights[c][k] * latents[base + c * plane + i];
      const unit = v / 2 + 0.5;
      out[i * 3 + k] = unit < 0 ? 0 : unit > 1 ? 1 : unit;
    }
  }
  return out;
}

/**
 * Least-squares fit of a projection (4 weights + bias per colour) from latents [N, 4] and the
 * decoded image's block means [N, 3] in [-1, 1]: solves the 5×5 normal equations per colour.
 */
export function fitLatentRgbProjection(latents: Float32Array, rgb: Float32Array, channels = 4): LatentRgbProjection {
  const n = latents.length / channels;
  if (!Number.isInteger(n) || rgb.length !== n * 3 || n < channels + 1) {
    throw new RangeError(`Need at least ${channels + 1} samples with ${channels} latent and 3 colour values each.`);
  }
  const size = channels + 1; // weights + bias
  const ata = Array.from({ length: size }, () => new Float64Array(size));
  const atb = Array.from({ length: 3 }, () => new Float64Array(size));
  const row = new Float64Array(size);
  for (let s = 0; s < n; s++) {
    for (let c = 0; c < channels; c++) row[c] = latents[s * channels + c];
    row[channels] = 1;
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) ata[i][j] += row[i] * row[j];
      for (let k = 0; k < 3; k++) atb[k][i] += row[i] * rgb[s * 3 + k];
    }
  }
  const solutions = atb.map((b) => solve(ata, b));
  const weights = Array.from({ length: channels }, (_, c) => [solutions[0][c], solutions[1][c], solutions[2][c]] as [number, number, number]);
  return { weights, bias: [solutions[0][channels], solutions[1][channels], solutions[2][channels]] };
}

/** Gaussian elimination with partial pivoting on a copy (the systems here are 5×5). */
function solve(matrix: Float64Array[], rhs: Float64Array): Float64Array {
  const n = rhs.length;
  const a = matrix.map((r) => Float64Array.from(r));
  const b = Float64Array.from(rhs);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (Math.abs(a[pivot][col]) < 1e-12) throw new RangeError("The samples do not determine a projection (the latent channels are linearly dependent).");
    [a[col], a[pivot]] = [a[pivot], a[col]];
    [b[col], b[pivot]] = [b[pivot], b[col]];
    for (let r = col + 1; r < n; r++) {
      const f = a[r][col] / a[col][col];
      for (let k = col; k < n; k++) a[r][k] -= f * a[col][k];
      b[r] -= f * b[col];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= a[r][k] * x[k];
    x[r] = s / a[r][r];
  }
  return x;
}
