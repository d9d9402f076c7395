/** Distances from hole pixels to the nearest known pixel: how deep the hole is (pyramid depth), how far from its edge (trust in copied patches). */
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

/** Chessboard (8-neighbour) distance from every pixel to the nearest known one; 0 on known pixels. */
export function chessboardDistance(hole: Uint8Array, w: number, h: number): Float32Array {
  const d = new Float32Array(w * h);
  const far = w + h;
  for (let i = 0; i < w * h; i++) d[i] = hole[i] ? far : 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      let v = d[i];
      if (x > 0) v = Math.min(v, d[i - 1] + 1);
      if (y > 0) {
        v = Math.min(v, d[i - w] + 1);
        if (x > 0) v = Math.min(v, d[i - w - 1] + 1);
        if (x < w - 1) v = Math.min(v, d[i - w + 1] + 1);
      }
      d[i] = v;
    }
  }
  for (let y = h - 1; y >= 0; y--) {
    for (let x = w - 1; x >= 0; x--) {
      const i = y * w + x;
      let v = d[i];
      if (x < w - 1) v = Math.min(v, d[i + 1] + 1);
      if (y < h - 1) {
        v = Math.min(v, d[i + w] + 1);
        if (x < w - 1) v = Math.min(v, d[i + w + 1] + 1);
        if (x > 0) v = Math.min(v, d[i + w - 1] + 1);
      }
      d[i] = v;
    }
  }
  return d;
}
