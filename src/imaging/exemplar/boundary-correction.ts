/**
 * Makes the fill meet its surroundings without a step: copied patches come from elsewhere in the
 * image and may be a little lighter, darker or differently tinted than the hole's edge. At every
 * hole pixel touching known pixels the offset (mean of its known neighbours − fill) is measured,
 * and those offsets are spread over the whole hole as a harmonic membrane (smooth-fill.ts) and
 * added, so the copied detail is kept while its low frequencies follow the hole's boundary: the
 * gradient-domain ("Poisson", "seamless") cloning of Pérez et al. 2003, solved for the correction.
 */
import type { FillLevel } from "./level";
import { harmonicFill } from "./smooth-fill";

export function correctToBoundary(level: FillLevel): void {
  const { width: w, height: h, rgb, hole } = level;
  const offsets = new Float32Array(w * h * 3), inner = new Uint8Array(w * h);
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
      if (n === 0) {
        inner[i] = 1;
        continue;
      }
      edges++;
      for (let c = 0; c < 3; c++) offsets[3 * i + c] = sum[c] / n - rgb[3 * i + c];
    }
  }
  if (edges === 0) return;
  harmonicFill(offsets, inner, w, h);
  for (let i = 0; i < w * h; i++) {
    if (!hole[i]) continue;
    for (let c = 0; c < 3; c++) rgb[3 * i + c] = Math.min(255, Math.max(0, rgb[3 * i + c] + offsets[3 * i + c]));
  }
}
