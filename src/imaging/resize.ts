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

/**
 * Horizontal pass, 4 channels, straight from the 8-bit pixels: [h, w, 4] → [h, outW, 4] float,
 * premultiplied by alpha. Each source row is premultiplied into a one-row buffer first (the value
 * a whole-image Float32 copy held, without allocating 16 bytes per source pixel). Channels
 * unrolled: this is the hot loop.
 */
function horizontal4(px: Uint8ClampedArray, w: number, h: number, wx: AxisWeights, outW: number): Float32Array {
  const out = new Float32Array(h * outW * 4);
  const src = new Float32Array(w * 4);
  const { taps, index, weight } = wx;
  for (let y = 0; y < h; y++) {
    premultiplyRow(px, y * w * 4, w, src);
    let dst = y * outW * 4;
    for (let o = 0; o < outW; o++, dst += 4) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let t = o * taps, end = t + taps; t < end; t++) {
        const k = weight[t];
        const s = index[t] * 4;
        r += k * src[s];
        g += k * src[s + 1];
        b += k * src[s + 2];
        a += k * src[s + 3];
      }
      out[dst] = r;
      out[dst + 1] = g;
      out[dst + 2] = b;
      out[dst + 3] = a;
    }
  }
  return out;
}

/** One row of RGBA bytes → float, colour × alpha/255 (0..255). */
function premultiplyRow(px: Uint8ClampedArray, from: number, w: number, row: Float32Array): void {
  row.set(px.subarray(from, from + w * 4));
  for (let i = 0; i < w * 4; i += 4) {
    const a = row[i + 3];
    if (a === 255) continue;
    const k = a / 255;
    row[i] *= k;
    row[i + 1] *= k;
    row[i + 2] *= k;
  }
}

/** Horizontal pass, 1 channel. */
function horizontal1(src: Uint8Array, w: number, h: number, wx: AxisWeights, outW: number): Float32Array {
  const out = new Float32Array(h * outW);
  const { taps, index, weight } = wx;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let o = 0; o < outW; o++) {
      let v = 0;
      for (let t = o * taps, end = t + taps; t < end; t++) v += weight[t] * src[row + index[t]];
      out[y * outW + o] = v;
    }
  }
  return out;
}

/**
 * Vertical pass over whole rows: [h, rowLen] → [outH, rowLen]. Up to four source rows are combined
 * per sweep in one expression (≈3× faster in V8 than one read-modify-write sweep per tap).
 */
function vertical(mid: Float32Array, rowLen: number, wy: AxisWeights, outH: number): Float32Array {
  const out = new Float32Array(outH * rowLen);
  const { taps, index, weight } = wy;
  for (let o = 0; o < outH; o++) {
    const d = o * rowLen;
    for (let t = o * taps, end = t + taps, first = true; t < end; t += 4, first = false) {
      const n = Math.min(4, end - t);
      const s0 = index[t] * rowLen, k0 = weight[t];
      const s1 = n > 1 ? index[t + 1] * rowLen : s0, k1 = n > 1 ? weight[t + 1] : 0;
      const s2 = n > 2 ? index[t + 2] * rowLen : s0, k2 = n > 2 ? weight[t + 2] : 0;
      const s3 = n > 3 ? index[t + 3] * rowLen : s0, k3 = n > 3 ? weight[t + 3] : 0;
      if (first) {
        if (n === 2) for (let i = 0; i < rowLen; i++) out[d + i] = k0 * mid[s0 + i] + k1 * mid[s1 + i];
        else for (let i = 0; i < rowLen; i++) out[d + i] = k0 * mid[s0 + i] + k1 * mid[s1 + i] + k2 * mid[s2 + i] + k3 * mid[s3 + i];
      } else {
        for (let i = 0; i < rowLen; i++) out[d + i] += k0 * mid[s0 + i] + k1 * mid[s1 + i] + k2 * mid[s2 + i] + k3 * mid[s3 + i];
      }
    }
  }
  return out;
}

/** [h, w, C] bytes → [outH, outW, C] float (RGBA premultiplied), C = 1 or 4. */
function resampleFloat(src: Uint8Array | Uint8ClampedArray, w: number, h: number, C: 1 | 4, outW: number, outH: number, filter: UpscaleFilter): Float32Array {
  const wx = axisWeights(w, outW, filter);
  const wy = axisWeights(h, outH, filter);
  const mid = C === 4 ? horizontal4(src as Uint8ClampedArray, w, h, wx, outW) : horizontal1(src as Uint8Array, w, h, wx, outW);
  return vertical(mid, outW * C, wy, outH);
}

function checkTarget(width: number, height: number): void {
  assertIntOption(width, "resize width", 1);
  assertIntOption(height, "resize height", 1);
}

export function resizeRgba(img: RgbaImage, width: number, height: number, upscale: UpscaleFilter = "bicubic"): RgbaImage {
  assertRgbaImage(img);
  checkTarget(width, height);
  if (width === img.width && height === img.height) return { width, height, data: new Uint8ClampedArray(img.data) };
  const r = resampleFloat(img.data, img.width, img.height, 4, width, height, upscale);
  const out = createRgbaImage(width, height);
  const d = out.data;
  for (let i = 0, m = width * height; i < m; i++) {
    const a = Math.min(255, Math.max(0, r[4 * i + 3]));
    if (a < 0.5) continue; // fully transparent: colour is meaningless, leave 0
    if (a >= 254.5) {
      // Opaque (the common case): no division, bicubic overshoot clipped by the clamped array.
      d[4 * i] = r[4 * i];
      d[4 * i + 1] = r[4 * i + 1];
      d[4 * i + 2] = r[4 * i + 2];
      d[4 * i + 3] = 255;
      continue;
    }
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
  const r = resampleFloat(img.data, img.width, img.height, 1, width, height, upscale);
  for (let i = 0; i < r.length; i++) out.data[i] = Math.min(255, Math.max(0, Math.round(r[i])));
  return out;
}
