/**
 * Preview thumbnails: an RGB float image [h, w, 3] in [0, 1] → small RGBA, the long side at most
 * `maxSize` (never larger than the image being generated). Downscaling averages the covered source
 * area (no aliasing on TAESD's 512 px output); upscaling (latent projection, 64 → 128) is bilinear.
 */
import type { RgbaImage } from "../../contract/worker-protocol";

export const MAX_PREVIEW_SIZE = 128;

/** Thumbnail size for an image of width × height: aspect kept, long side ≤ maxSize. */
export function thumbnailSize(width: number, height: number, maxSize = MAX_PREVIEW_SIZE): { width: number; height: number } {
  const limit = Math.max(1, Math.min(MAX_PREVIEW_SIZE, Math.floor(maxSize)));
  const scale = Math.min(1, limit / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export function resampleToRgba(rgb: Float32Array, srcWidth: number, srcHeight: number, width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  const sx = srcWidth / width;
  const sy = srcHeight / height;
  const pixel = [0, 0, 0];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (sx >= 1 && sy >= 1) areaAverage(rgb, srcWidth, x * sx, y * sy, sx, sy, pixel);
      else bilinear(rgb, srcWidth, srcHeight, (x + 0.5) * sx - 0.5, (y + 0.5) * sy - 0.5, pixel);
      const o = (y * width + x) * 4;
      data[o] = Math.round(pixel[0] * 255);
      data[o + 1] = Math.round(pixel[1] * 255);
      data[o + 2] = Math.round(pixel[2] * 255);
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}

function areaAverage(rgb: Float32Array, w: number, x0: number, y0: number, sx: number, sy: number, out: number[]): void {
  const xa = Math.floor(x0);
  const ya = Math.floor(y0);
  const xb = Math.max(xa + 1, Math.floor(x0 + sx));
  const yb = Math.max(ya + 1, Math.floor(y0 + sy));
  out[0] = out[1] = out[2] = 0;
  for (let y = ya; y < yb; y++) {
    for (let x = xa; x < xb; x++) {
      const i = (y * w + x) * 3;
      out[0] += rgb[i];
      out[1] += rgb[i + 1];
      out[2] += rgb[i + 2];
    }
  }
  const n = (xb - xa) * (yb - ya);
  out[0] /= n;
  out[1] /= n;
  out[2] /= n;
}

function bilinear(rgb: Float32Array, w: number, h: number, fx: number, fy: number, out: number[]): void {
  const x = Math.min(Math.max(fx, 0), w - 1);
  const y = Math.min(Math.max(fy, 0), h - 1);
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(x0 + 1, w - 1);
  const y1 = Math.min(y0 + 1, h - 1);
  const ax = x - x0;
  const ay = y - y0;
  for (let k = 0; k < 3; k++) {
    const top = rgb[(y0 * w + x0) * 3 + k] * (1 - ax) + rgb[(y0 * w + x1) * 3 + k] * ax;
    const bottom = rgb[(y1 * w + x0) * 3 + k] * (1 - ax) + rgb[(y1 * w + x1) * 3 + k] * ax;
    out[k] = top * (1 - ay) + bottom * ay;
  }
}
