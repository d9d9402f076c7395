/**
 * The hole's first ring when no copied patch is kept (exemplar-fill.ts with detailFloor 0): each
 * pixel there takes the mean of its nearest known pixels, the 4-neighbours across the edge (on a
 * straight edge, the one pixel facing it), or the diagonal ones at an outer corner. compose.ts
 * then scales this ring's difference from the smooth base until the edge is as busy as its
 * surroundings (edge-energy.ts).
 *
 * Why the nearest pixels and not all eight: the pixel across the edge is the best single
 * predictor of its neighbour, and a mean of fewer pixels keeps more of the texture's own
 * variation, so less gain is needed to match the surroundings' busyness, and a gain above 1
 * amplifies errors as much as texture. Measured (bench/removal, 19 photos and 48 variants, seed
 * 17) against the mean of all eight: PSNR up or equal on nearly every photo, seams lower on most,
 * photos won 17/19 → 18/19 and 40/48 → 42/48.
 *
 * Only known pixels are read: nothing of what is under the hole reaches the ring.
 */
import type { FillLevel } from "./level";

export function continueEdge(level: FillLevel): void {
  const { width: w, height: h, rgb, hole } = level;
  const near = [0, 0, 0], diagonal = [0, 0, 0];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!hole[i]) continue;
      near.fill(0);
      diagonal.fill(0);
      let nNear = 0, nDiagonal = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx, yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h || hole[yy * w + xx]) continue;
          const j = 3 * (yy * w + xx);
          if (dx === 0 || dy === 0) {
            for (let c = 0; c < 3; c++) near[c] += rgb[j + c];
            nNear++;
          } else {
            for (let c = 0; c < 3; c++) diagonal[c] += rgb[j + c];
            nDiagonal++;
          }
        }
      }
      // No known neighbour: deeper than the first ring, where compose.ts keeps its base.
      if (nNear > 0) for (let c = 0; c < 3; c++) rgb[3 * i + c] = near[c] / nNear;
      else if (nDiagonal > 0) for (let c = 0; c < 3; c++) rgb[3 * i + c] = diagonal[c] / nDiagonal;
    }
  }
}
