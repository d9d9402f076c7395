/**
 * Separable resampling. Downscaling averages exact pixel areas (box filter over the footprint, no
 * aliasing); upscaling interpolates (bicubic, Keys a = −0.5, or bilinear). Each axis picks its
 * filter from its own scale. RGBA is resampled premultiplied so transparent pixels' colours do not
 * bleed into their neighbours.
 */
import { createGrayImage, createRgbaImage, type GrayImage, type RgbaImage } from "./image";
import { assertGrayImage, assertRgbaImage } from "./image-checks";
import { assertIntOption } from "./geometry";

export type UpscaleFilter = "bicubic" | "bilinear";

/** For each output index: `taps` (source index, weight) pairs; weights sum to 1. */
interface AxisWeights {
  taps: number;
  index: Int32Array; // [out, taps]
  weight: Float32Array; // [out, taps]
}

function cubic(x: number): number {
  const a = -0.5;
  x = Math.abs(x);
  if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0;
}

function axisWeights(inSize: number, outSize: number, filter: UpscaleFilter): AxisWeights {
  const ratio = inSize / outSize; // source pixels per output pixel
  if (ratio > 1) {
    // Area average: output o covers source [o·ratio, (o+1)·ratio).
    const taps = Math.ceil(ratio) + 1;
    const index = new Int32Array(outSize * taps);
    const weight = new Float32Array(outSize * taps);
    for (let o = 0; o < outSize; o++) {
      const a = o * ratio, b = Math.min(inSize, (o + 1) * ratio);
      const first = Math.floor(a);
      for (let t = 0; t < taps; t++) {
        const i = first + t;
        const overlap = Math.max(0, Math.min(b, i + 1) - Math.max(a, i));
        index[o * taps + t] = Math.min(i, inSize - 1);
        weight[o * taps + t] = overlap / (b - a);
      }
    }
    return { taps, index, weight };
  }
  const taps = filter === "bicubic" ? 4 : 2;
  const index = new Int32Array(outSize * taps);
  const weight = new Float32Array(outSize * taps);
  for (let o = 0; o < outSize; o++) {
    const c = (o + 0.5) * ratio - 0.5; // source coordinate of the output pixel centre
    const base = Math.floor(c) - (taps === 4 ? 1 : 0);
    let sum = 0;
    for (let t = 0; t < taps; t++) {
      const i = base + t;
      const w = taps === 4 ? cubic(c - i) : Math.max(0, 1 - Math.abs(c - i));
      index[o * taps + t] = Math.min(inSize - 1, Math.max(0, i)); // replicate edges
      weight[o * taps + t] = w;
      sum += w;
    }
    for (let t = 0; t < taps; t++) weight[o * taps + t] /= sum;
  }
  return { taps, index, weight };
}

/** [h, w, C] float → [outH, outW, C] float. */
function resampleFloat(src: Float32Array, w: number, h: number, C: number, outW: number, outH: number, filter: UpscaleFilter): Float32Array {
  const wx = axisWeights(w, outW, filter);
  const wy = axisWeights(h, outH, filter);
  const mid = new Float32Array(h * outW * C); // [h, outW, C]
  for (let y = 0; y < h; y++) {
    const row = y * w * C;
    for (let o = 0; o < outW; o++) {
      const dst = (y * outW + o) * C;
      for (let t = 0; t < wx.taps; t++) {
        const k = wx.weight[o * wx.taps + t];
        if (k === 0) continue;
        const s = row + wx.index[o * wx.taps + t] * C;
        for (let c = 0; c < C; c++) mid[dst + c] += k * src[s + c];
      }
    }
  }
  const out = new Float32Array(outH * outW * C);
  const rowLen = outW * C;
  for (let o = 0; o < outH; o++) {
    const dst = o * rowLen;
    for (let t = 0; t < wy.taps; t++) {
      const k = wy.weight[o * wy.taps + t];
      if (k === 0) continue;
      const s = wy.index[o * wy.taps + t] * rowLen;
      for (let i = 0; i < rowLen; i++) out[dst + i] += k * mid[s + i];
    }
  }
  return out;
}

function checkTarget(width: number, height: number): void {
  assertIntOption(width, "resize width", 1);
  assertIntOption(height, "resize height", 1);
}

export function resizeRgba(img: RgbaImage, width: number, height: number, upscale: UpscaleFilter = "bicubic"): RgbaImage {
  assertRgbaImage(img);
  checkTarget(width, height);
  if (width === img.width && height === img.height) return { width, height, data: new Uint8ClampedArray(img.data) };
  const n = img.width * img.height;
  const s = img.data;
  const f = new Float32Array(n * 4); // [H, W, 4] premultiplied, 0..255
  for (let i = 0; i < n; i++) {
    const a = s[4 * i + 3];
    const k = a / 255;
    f[4 * i] = s[4 * i] * k;
    f[4 * i + 1] = s[4 * i + 1] * k;
    f[4 * i + 2] = s[4 * i + 2] * k;
    f[4 * i + 3] = a;
  }
  const r = resampleFloat(f, img.width, img.height, 4, width, height, upscale);
  const out = createRgbaImage(width, height);
  const d = out.data;
  for (let i = 0, m = width * height; i < m; i++) {
    const a = Math.min(255, Math.max(0, r[4 * i + 3]));
    if (a < 0.5) continue; // fully transparent: colour is meaningless, leave 0
    const inv = 255 / a;
    // Bicubic overshoot can leave colour > alpha in premultiplied space: clamp (Uint8ClampedArray rounds).
    d[4 * i] = Math.min(a, r[4 * i]) * inv;
    d[4 * i + 1] = Math.min(a, r[4 * i + 1]) * inv;
    d[4 * i + 2] = Math.min(a, r[4 * i + 2]) * inv;
    d[4 * i + 3] = a;
  }
  return out;
}

/** Masks resample like images; upscale bilinear by default (no ringing around hard edges). */
export function resizeGray(img: GrayImage, width: number, height: number, upscale: UpscaleFilter = "bilinear"): GrayImage {
  assertGrayImage(img);
  checkTarget(width, height);
  const out = createGrayImage(width, height);
  if (width === img.width && height === img.height) {
    out.data.set(img.data);
    return out;
  }
  const r = resampleFloat(Float32Array.from(img.data), img.width, img.height, 1, width, height, upscale);
  for (let i = 0; i < r.length; i++) out.data[i] = Math.min(255, Math.max(0, Math.round(r[i])));
  return out;
}
