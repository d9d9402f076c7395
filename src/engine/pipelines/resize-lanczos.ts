/**
 * Lanczos-3 resampling of 8-bit channels, computed the way Pillow's `Image.resize(LANCZOS)` does
 * (separable passes, support widened by the downscale factor, 22-bit fixed-point weights, rounding
 * to 8 bits after each pass). diffusers' VaeImageProcessor resizes with exactly this filter when an
 * image is not a multiple of 8, so the port floors sizes the same way and resamples alike.
 */

const PRECISION_BITS = 32 - 8 - 2;

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

function lanczos(x: number): number {
  return x >= -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0;
}

interface Coefficients {
  bounds: Int32Array; // [start, count] per output pixel
  weights: Int32Array; // fixed-point, `window` per output pixel
  window: number;
}

function coefficients(inSize: number, outSize: number): Coefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = 3 * filterScale;
  const window = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * window);
  const scratch = new Float64Array(window);
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const count = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let total = 0;
    for (let x = 0; x < count; x++) {
      const w = lanczos((x + xmin - center + 0.5) / filterScale);
      scratch[x] = w;
      total += w;
    }
    for (let x = 0; x < count; x++) {
      const normalized = total !== 0 ? scratch[x] / total : 0;
      // Pillow rounds half away from zero when converting to fixed point.
      const fixed = normalized * (1 << PRECISION_BITS);
      weights[xx * window + x] = fixed < 0 ? Math.trunc(fixed - 0.5) : Math.trunc(fixed + 0.5);
    }
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = count;
  }
  return { bounds, weights, window };
}

const clip8 = (acc: number) => {
  const v = Math.floor(acc / (1 << PRECISION_BITS));
  return v < 0 ? 0 : v > 255 ? 255 : v;
};

/** Resizes interleaved 8-bit pixels ([H, W, channels]) to outWidth × outHeight. */
export function resizeLanczos(
  pixels: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: number,
  outWidth: number,
  outHeight: number,
): Uint8Array {
  let current: Uint8Array | Uint8ClampedArray = pixels;
  let w = width;
  if (outWidth !== width) {
    const { bounds, weights, window } = coefficients(width, outWidth);
    const next = new Uint8Array(outWidth * height * channels);
    for (let y = 0; y < height; y++) {
      for (let xx = 0; xx < outWidth; xx++) {
        const start = bounds[xx * 2];
        const count = bounds[xx * 2 + 1];
        for (let c = 0; c < channels; c++) {
          let acc = 1 << (PRECISION_BITS - 1);
          for (let x = 0; x < count; x++) acc += current[(y * width + start + x) * channels + c] * weights[xx * window + x];
          next[(y * outWidth + xx) * channels + c] = clip8(acc);
        }
      }
    }
    current = next;
    w = outWidth;
  }
  if (outHeight !== height) {
    const { bounds, weights, window } = coefficients(height, outHeight);
    const next = new Uint8Array(w * outHeight * channels);
    for (let yy = 0; yy < outHeight; yy++) {
      const start = bounds[yy * 2];
      const count = bounds[yy * 2 + 1];
      for (let x = 0; x < w; x++) {
        for (let c = 0; c < channels; c++) {
          let acc = 1 << (PRECISION_BITS - 1);
          for (let y = 0; y < count; y++) acc += current[((start + y) * w + x) * channels + c] * weights[yy * window + y];
          next[(yy * w + x) * channels + c] = clip8(acc);
        }
      }
    }
    current = next;
  }
  return current instanceof Uint8Array ? current : new Uint8Array(current);
}
