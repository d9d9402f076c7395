/**
 * Scores of a fill against the original photo, all measured where the fill matters:
 *   psnr — over the hole's pixels (RGB), dB, higher is better;
 *   ssim — SSIM (Wang et al. 2004; 7×7 uniform window, K1 0.01, K2 0.03, on luma) averaged over
 *          the hole's pixels, higher is better;
 *   seam — |ln(E_fill / E_original)| where E is the mean squared luma gradient over the band of
 *          pixels within 2 px of the hole's edge (both sides). A visible seam adds gradient energy,
 *          a blur removes it; 0 means the boundary looks as busy as it really was. Lower is better.
 */
import type { RgbaImage } from "../../src/imaging/image";
import { boxMean } from "../../src/imaging/exemplar/window-ssim";

export interface FillScores {
  psnr: number;
  ssim: number;
  seam: number;
}

function luma(image: RgbaImage): Float32Array {
  const n = image.width * image.height;
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) y[i] = 0.299 * image.data[4 * i] + 0.587 * image.data[4 * i + 1] + 0.114 * image.data[4 * i + 2];
  return y;
}

export function holePsnr(original: RgbaImage, filled: RgbaImage, hole: Uint8Array): number {
  let se = 0, n = 0;
  for (let i = 0; i < hole.length; i++) {
    if (!hole[i]) continue;
    for (let c = 0; c < 3; c++) se += (original.data[4 * i + c] - filled.data[4 * i + c]) ** 2;
    n += 3;
  }
  const mse = se / Math.max(1, n);
  return mse === 0 ? 99 : 10 * Math.log10((255 * 255) / mse);
}

export function holeSsim(original: RgbaImage, filled: RgbaImage, hole: Uint8Array): number {
  const { width: w, height: h } = original;
  const a = luma(original), b = luma(filled);
  const n = w * h;
  const aa = new Float32Array(n), bb = new Float32Array(n), ab = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    aa[i] = a[i] * a[i];
    bb[i] = b[i] * b[i];
    ab[i] = a[i] * b[i];
  }
  const r = 3;
  const ma = boxMean(a, w, h, r), mb = boxMean(b, w, h, r);
  const maa = boxMean(aa, w, h, r), mbb = boxMean(bb, w, h, r), mab = boxMean(ab, w, h, r);
  const c1 = (0.01 * 255) ** 2, c2 = (0.03 * 255) ** 2;
  let sum = 0, count = 0;
  for (let i = 0; i < n; i++) {
    if (!hole[i]) continue;
    const va = maa[i] - ma[i] * ma[i], vb = mbb[i] - mb[i] * mb[i], cov = mab[i] - ma[i] * mb[i];
    sum += ((2 * ma[i] * mb[i] + c1) * (2 * cov + c2)) / ((ma[i] ** 2 + mb[i] ** 2 + c1) * (va + vb + c2));
    count++;
  }
  return sum / Math.max(1, count);
}

/** Pixels within `r` (Chebyshev) of a pixel on the other side of the hole's edge. */
function boundaryBand(hole: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const band = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const inHole = hole[y * w + x];
      search: for (let dy = -r; dy <= r; dy++) {
        for (let dx = -r; dx <= r; dx++) {
          const xx = x + dx, yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          if (hole[yy * w + xx] !== inHole) { band[y * w + x] = 1; break search; }
        }
      }
    }
  }
  return band;
}

function gradientEnergy(y: Float32Array, w: number, h: number, band: Uint8Array): number {
  let e = 0, n = 0;
  for (let yy = 0; yy < h - 1; yy++) {
    for (let x = 0; x < w - 1; x++) {
      const i = yy * w + x;
      if (!band[i]) continue;
      e += (y[i + 1] - y[i]) ** 2 + (y[i + w] - y[i]) ** 2;
      n++;
    }
  }
  return e / Math.max(1, n);
}

export function seamScore(original: RgbaImage, filled: RgbaImage, hole: Uint8Array): number {
  const { width: w, height: h } = original;
  const band = boundaryBand(hole, w, h, 2);
  const eo = gradientEnergy(luma(original), w, h, band), ef = gradientEnergy(luma(filled), w, h, band);
  return Math.abs(Math.log((ef + 1) / (eo + 1)));
}

export function scoreFill(original: RgbaImage, filled: RgbaImage, hole: Uint8Array): FillScores {
  return { psnr: holePsnr(original, filled, hole), ssim: holeSsim(original, filled, hole), seam: seamScore(original, filled, hole) };
}
