/**
 * How much of the copied fine detail to keep. Where the patches voting for a pixel agree (a
 * texture that continues predictably, like stripes), their detail is kept whole; where they
 * disagree, any one of them is a guess, and the least-wrong estimate keeps the local average and
 * shrinks the detail — a Wiener-style gain per pixel:
 *   out = L + α·(E − L),  L = local mean of the fill E over a (2r+1)² box,
 *   α = D / (D + V),      D = local energy of E − L, V = variance of the votes at the pixel;
 * never below `floor`.
 */
import type { FillLevel } from "./level";

/** City-block distance (two passes) from every hole pixel to the nearest known pixel. */
export function distanceToKnown(level: FillLevel): Float32Array {
  const { width: w, height: h, hole } = level;
  const d = new Float32Array(w * h);
  const far = w + h;
  for (let i = 0; i < w * h; i++) d[i] = hole[i] ? far : 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (x > 0) d[i] = Math.min(d[i], d[i - 1] + 1);
      if (y > 0) d[i] = Math.min(d[i], d[i - w] + 1);
    }
  }
  for (let y = h - 1; y >= 0; y--) {
    for (let x = w - 1; x >= 0; x--) {
      const i = y * w + x;
      if (x < w - 1) d[i] = Math.min(d[i], d[i + 1] + 1);
      if (y < h - 1) d[i] = Math.min(d[i], d[i + w] + 1);
    }
  }
  return d;
}

function boxMean(level: FillLevel, r: number): Float32Array {
  const { width: w, height: h, rgb } = level;
  const s = new Float64Array((w + 1) * (h + 1) * 3);
  for (let y = 0; y < h; y++) {
    const row = [0, 0, 0];
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < 3; c++) {
        row[c] += rgb[3 * (y * w + x) + c];
        s[3 * ((y + 1) * (w + 1) + x + 1) + c] = s[3 * (y * (w + 1) + x + 1) + c] + row[c];
      }
    }
  }
  const out = new Float32Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r), y1 = Math.min(h - 1, y + r);
    for (let x = 0; x < w; x++) {
      if (!level.hole[y * w + x]) continue;
      const x0 = Math.max(0, x - r), x1 = Math.min(w - 1, x + r);
      const n = (x1 - x0 + 1) * (y1 - y0 + 1);
      for (let c = 0; c < 3; c++) {
        const a = s[3 * ((y1 + 1) * (w + 1) + x1 + 1) + c], b = s[3 * (y0 * (w + 1) + x1 + 1) + c];
        const e = s[3 * ((y1 + 1) * (w + 1) + x0) + c], f = s[3 * (y0 * (w + 1) + x0) + c];
        out[3 * (y * w + x) + c] = (a - b - e + f) / n;
      }
    }
  }
  return out;
}

export function shrinkUncertainDetail(level: FillLevel, radius: number, spread: Float32Array, floor: number): void {
  if (floor >= 1) return;
  const { width: w, height: h, rgb, hole } = level;
  const mean = boxMean(level, radius);
  // Local detail energy: box mean of |E − L|² (computed as a one-channel level for boxMean).
  const energy = new Float32Array(w * h * 3);
  for (let i = 0; i < w * h; i++) {
    if (!hole[i]) continue;
    let e = 0;
    for (let c = 0; c < 3; c++) e += (rgb[3 * i + c] - mean[3 * i + c]) ** 2;
    energy[3 * i] = e;
  }
  const localEnergy = boxMean({ ...level, rgb: energy }, radius);
  for (let i = 0; i < w * h; i++) {
    if (!hole[i]) continue;
    const d = localEnergy[3 * i];
    const alpha = Math.max(floor, d / (d + spread[i] + 1e-6));
    for (let c = 0; c < 3; c++) rgb[3 * i + c] = mean[3 * i + c] + alpha * (rgb[3 * i + c] - mean[3 * i + c]);
  }
}
