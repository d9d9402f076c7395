/**
 * SSIM (Wang et al. 2004) of two [h, w, 3] images on luma with a 7×7 box window, as a per-pixel
 * map: how alike two fills look, structure and contrast included, where a squared error would
 * prefer a flat grey guess. Windows are clipped at the image's border.
 */
const RADIUS = 3;
const C1 = (0.01 * 255) ** 2, C2 = (0.03 * 255) ** 2;

function luma(v: Float32Array, n: number): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = 0.299 * v[3 * i] + 0.587 * v[3 * i + 1] + 0.114 * v[3 * i + 2];
  return y;
}

/** Means over a (2r+1)² window, from a summed-area table; the window shrinks at the image's border. */
export function boxMean(src: ArrayLike<number>, w: number, h: number, r: number): Float64Array {
  const s = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += src[y * w + x];
      s[(y + 1) * (w + 1) + x + 1] = s[y * (w + 1) + x + 1] + row;
    }
  }
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r), y1 = Math.min(h - 1, y + r);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r), x1 = Math.min(w - 1, x + r);
      const sum = s[(y1 + 1) * (w + 1) + x1 + 1] - s[y0 * (w + 1) + x1 + 1] - s[(y1 + 1) * (w + 1) + x0] + s[y0 * (w + 1) + x0];
      out[y * w + x] = sum / ((x1 - x0 + 1) * (y1 - y0 + 1));
    }
  }
  return out;
}

export function ssimMap(a: Float32Array, b: Float32Array, w: number, h: number): Float64Array {
  return ssimMapAgainst(a, w, h)(b);
}

/** SSIM maps of many images against one reference `a`: the reference's window statistics are computed once. */
export function ssimMapAgainst(a: Float32Array, w: number, h: number): (b: Float32Array) => Float64Array {
  const n = w * h, ya = luma(a, n);
  const ma = boxMean(ya, w, h, RADIUS), maa = boxMean(ya.map((v) => v * v), w, h, RADIUS);
  return (b) => {
    const yb = luma(b, n);
    const mb = boxMean(yb, w, h, RADIUS), mbb = boxMean(yb.map((v) => v * v), w, h, RADIUS);
    const mab = boxMean(ya.map((v, i) => v * yb[i]), w, h, RADIUS);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const va = maa[i] - ma[i] * ma[i], vb = mbb[i] - mb[i] * mb[i], cov = mab[i] - ma[i] * mb[i];
      out[i] = ((2 * ma[i] * mb[i] + C1) * (2 * cov + C2)) / ((ma[i] ** 2 + mb[i] ** 2 + C1) * (va + vb + C2));
    }
    return out;
  };
}
