/**
 * Makes the fill meet its surroundings without a step: copied patches come from elsewhere in the
 * image and may be a little lighter, darker or differently tinted than the hole's edge. At every
 * hole pixel touching known pixels the offset (mean of its known neighbours − fill) is measured,
 * and those offsets are spread smoothly over the whole hole (push-pull interpolation) and added,
 * so the copied detail is kept while its low frequencies follow the hole's boundary — the idea
 * behind gradient-domain ("seamless") cloning, with a cheap membrane instead of a Poisson solve.
 */
import type { FillLevel } from "./level";

/** Fills the unweighted entries of `values` ([n, 3]) smoothly from the weighted ones (weights [n]). */
function pushPull(values: Float32Array, weights: Float32Array, w: number, h: number): void {
  if (w === 1 && h === 1) return;
  const cw = Math.ceil(w / 2), ch = Math.ceil(h / 2);
  const cv = new Float32Array(cw * ch * 3), cwt = new Float32Array(cw * ch);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x, o = (y >> 1) * cw + (x >> 1), wt = weights[i];
      if (wt === 0) continue;
      cwt[o] += wt;
      for (let c = 0; c < 3; c++) cv[3 * o + c] += wt * values[3 * i + c];
    }
  }
  for (let o = 0; o < cw * ch; o++) {
    if (cwt[o] === 0) continue;
    for (let c = 0; c < 3; c++) cv[3 * o + c] /= cwt[o];
    cwt[o] = Math.min(1, cwt[o]);
  }
  pushPull(cv, cwt, cw, ch);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const wt = Math.min(1, weights[i]);
      if (wt >= 1) continue;
      // Bilinear from the coarser level, blended under this pixel's own (partial) estimate.
      const fx = Math.min(cw - 1, Math.max(0, (x + 0.5) / 2 - 0.5)), fy = Math.min(ch - 1, Math.max(0, (y + 0.5) / 2 - 0.5));
      const x0 = Math.floor(fx), y0 = Math.floor(fy), x1 = Math.min(cw - 1, x0 + 1), y1 = Math.min(ch - 1, y0 + 1);
      const tx = fx - x0, ty = fy - y0;
      for (let c = 0; c < 3; c++) {
        const a = cv[3 * (y0 * cw + x0) + c], b = cv[3 * (y0 * cw + x1) + c];
        const d = cv[3 * (y1 * cw + x0) + c], e = cv[3 * (y1 * cw + x1) + c];
        const up = (a + (b - a) * tx) * (1 - ty) + (d + (e - d) * tx) * ty;
        values[3 * i + c] = wt * values[3 * i + c] + (1 - wt) * up;
      }
    }
  }
}

export function correctToBoundary(level: FillLevel): void {
  const { width: w, height: h, rgb, hole } = level;
  const offsets = new Float32Array(w * h * 3), weights = new Float32Array(w * h);
  let edges = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!hole[i]) continue;
      const sum = [0, 0, 0];
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx, yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h || hole[yy * w + xx]) continue;
          for (let c = 0; c < 3; c++) sum[c] += rgb[3 * (yy * w + xx) + c];
          n++;
        }
      }
      if (n === 0) continue;
      for (let c = 0; c < 3; c++) offsets[3 * i + c] = sum[c] / n - rgb[3 * i + c];
      weights[i] = 1;
      edges++;
    }
  }
  if (edges === 0) return;
  pushPull(offsets, weights, w, h);
  for (let i = 0; i < w * h; i++) {
    if (!hole[i]) continue;
    for (let c = 0; c < 3; c++) rgb[3 * i + c] = Math.min(255, Math.max(0, rgb[3 * i + c] + offsets[3 * i + c]));
  }
}
