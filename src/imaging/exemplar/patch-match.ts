/**
 * The nearest-neighbour field (NNF) of PatchMatch (Barnes et al. 2009): for every target patch
 * centre, the centre of the most similar valid source patch, found by propagation (a neighbour's
 * match shifted by one pixel is often good here too) and random search around the current best at
 * exponentially shrinking radii. Distances are sums of squared RGB differences over the target
 * patch clipped to the image, with early exit once a candidate is already worse than the best.
 */
import type { FillLevel, LevelSets } from "./level";

export interface Nnf {
  /** Source centre (pixel index) per target centre; -1 elsewhere. [h, w] */
  source: Int32Array;
  /** Patch distance of that match. [h, w] */
  cost: Float32Array;
}

/** SSD between the patch at (px, py) (clipped to the image) and the same offsets around (sx, sy). */
export function patchDistance(level: FillLevel, radius: number, px: number, py: number, sx: number, sy: number, limit: number): number {
  const { width: w, height: h, rgb } = level;
  const x0 = px - radius < 0 ? -px : -radius;
  const x1 = px + radius >= w ? w - 1 - px : radius;
  const y0 = py - radius < 0 ? -py : -radius;
  const y1 = py + radius >= h ? h - 1 - py : radius;
  // The locality prior: a far-away source must match that much better to be chosen.
  let d = level.locality * ((px - sx) * (px - sx) + (py - sy) * (py - sy));
  for (let dy = y0; dy <= y1; dy++) {
    let t = ((py + dy) * w + px + x0) * 3;
    let s = ((sy + dy) * w + sx + x0) * 3;
    for (let dx = x0; dx <= x1; dx++) {
      const a = rgb[t] - rgb[s], b = rgb[t + 1] - rgb[s + 1], c = rgb[t + 2] - rgb[s + 2];
      d += a * a + b * b + c * c;
      t += 3;
      s += 3;
    }
    if (d >= limit) return d;
  }
  return d;
}

/** Recomputes every target's cost for its current match (the image estimate changed by a vote). */
export function refreshCosts(level: FillLevel, sets: LevelSets, nnf: Nnf, radius: number): void {
  const w = level.width;
  for (const p of sets.targets) {
    const s = nnf.source[p];
    nnf.cost[p] = patchDistance(level, radius, p % w, (p / w) | 0, s % w, (s / w) | 0, Infinity);
  }
}

export function randomNnf(level: FillLevel, sets: LevelSets, radius: number, random: () => number): Nnf {
  const n = level.width * level.height;
  const nnf: Nnf = { source: new Int32Array(n).fill(-1), cost: new Float32Array(n) };
  for (const p of sets.targets) nnf.source[p] = sets.sources[Math.floor(random() * sets.sources.length)];
  refreshCosts(level, sets, nnf, radius);
  return nnf;
}

/**
 * The field of the level below, doubled: target (x, y) starts from 2·match(x/2, y/2) + (x mod 2,
 * y mod 2). Where that lands on an invalid source (the finer hole map differs), a random one.
 */
export function upsampleNnf(coarse: FillLevel, coarseNnf: Nnf, fine: FillLevel, sets: LevelSets, radius: number, random: () => number): Nnf {
  const w = fine.width, cw = coarse.width, ch = coarse.height;
  const nnf: Nnf = { source: new Int32Array(w * fine.height).fill(-1), cost: new Float32Array(w * fine.height) };
  for (const p of sets.targets) {
    const x = p % w, y = (p / w) | 0;
    const c = Math.min(ch - 1, y >> 1) * cw + Math.min(cw - 1, x >> 1);
    const cs = coarseNnf.source[c];
    let s = -1;
    if (cs >= 0) {
      const sx = Math.min(w - 1 - radius, Math.max(radius, 2 * (cs % cw) + (x & 1)));
      const sy = Math.min(fine.height - 1 - radius, Math.max(radius, 2 * ((cs / cw) | 0) + (y & 1)));
      s = sy * w + sx;
      if (!sets.validSource[s]) s = -1;
    }
    nnf.source[p] = s >= 0 ? s : sets.sources[Math.floor(random() * sets.sources.length)];
  }
  refreshCosts(fine, sets, nnf, radius);
  return nnf;
}

/**
 * One PatchMatch sweep over the targets, forward (propagating from left and above) or backward
 * (from right and below). `searchRadius` 0 skips the random search (propagation only).
 */
export function improveNnf(level: FillLevel, sets: LevelSets, nnf: Nnf, radius: number, searchRadius: number, backward: boolean, random: () => number): void {
  const { width: w, height: h } = level;
  const { targets, isTarget, validSource } = sets;
  const { source, cost } = nnf;
  const step = backward ? -1 : 1;
  const n = targets.length;
  for (let k = 0; k < n; k++) {
    const p = targets[backward ? n - 1 - k : k];
    const px = p % w, py = (p / w) | 0;
    let best = cost[p], bs = source[p];
    // Propagation: the neighbour's source, shifted back by the same step.
    const nx = px - step;
    if (nx >= 0 && nx < w && isTarget[p - step]) {
      const c = source[p - step] + step;
      const cx = c % w;
      if (c !== bs && cx >= 0 && cx < w && validSource[c]) {
        const d = patchDistance(level, radius, px, py, cx, (c / w) | 0, best);
        if (d < best) { best = d; bs = c; }
      }
    }
    const ny = py - step;
    if (ny >= 0 && ny < h && isTarget[p - step * w]) {
      const c = source[p - step * w] + step * w;
      if (c !== bs && c >= 0 && c < w * h && validSource[c]) {
        const d = patchDistance(level, radius, px, py, c % w, (c / w) | 0, best);
        if (d < best) { best = d; bs = c; }
      }
    }
    // Random search around the best so far, halving the window each time.
    const bx = bs % w, by = (bs / w) | 0;
    for (let r = searchRadius; r >= 1; r >>= 1) {
      const cx = Math.min(w - 1 - radius, Math.max(radius, bx + Math.floor((2 * random() - 1) * r)));
      const cy = Math.min(h - 1 - radius, Math.max(radius, by + Math.floor((2 * random() - 1) * r)));
      const c = cy * w + cx;
      if (c === bs || !validSource[c]) continue;
      const d = patchDistance(level, radius, px, py, cx, cy, best);
      if (d < best) { best = d; bs = c; }
    }
    source[p] = bs;
    cost[p] = best;
  }
}
