/**
 * Distances from hole pixels to the nearest known pixel (0 on known pixels), by two raster passes:
 * how deep the hole is (the pyramid's depth) and how far a pixel is from the hole's edge (how much
 * a copied patch is trusted there).
 */
import type { FillLevel } from "./level";

/** Two-pass distance transform; `diagonal` adds the diagonal steps (chessboard), else city-block. */
function rasterDistance(hole: Uint8Array, w: number, h: number, diagonal: boolean): Float32Array {
  const d = new Float32Array(w * h);
  const far = w + h;
  for (let i = 0; i < w * h; i++) d[i] = hole[i] ? far : 0;
  for (const pass of [1, -1]) {
    for (let k = 0; k < w * h; k++) {
      const i = pass === 1 ? k : w * h - 1 - k;
      const x = i % w, y = (i / w) | 0;
      const back = pass === 1 ? x > 0 : x < w - 1, up = pass === 1 ? y > 0 : y < h - 1, ahead = pass === 1 ? x < w - 1 : x > 0;
      let v = d[i];
      if (back) v = Math.min(v, d[i - pass] + 1);
      if (up) {
        const j = i - pass * w;
        v = Math.min(v, d[j] + 1);
        if (diagonal && back) v = Math.min(v, d[j - pass] + 1);
        if (diagonal && ahead) v = Math.min(v, d[j + pass] + 1);
      }
      d[i] = v;
    }
  }
  return d;
}

/** City-block distance from every hole pixel to the nearest known pixel. */
export function distanceToKnown(level: FillLevel): Float32Array {
  return rasterDistance(level.hole, level.width, level.height, false);
}

/** Chessboard (8-neighbour) distance from every pixel to the nearest known one. */
export function chessboardDistance(hole: Uint8Array, w: number, h: number): Float32Array {
  return rasterDistance(hole, w, h, true);
}

/** Chessboard distance from every known pixel to the nearest hole pixel (0 inside the hole). */
export function chessboardDistanceToHole(hole: Uint8Array, w: number, h: number): Float32Array {
  return rasterDistance(hole.map((v) => 1 - v), w, h, true);
}
