/**
 * The reconstruction step of Wexler et al. ("Space-time completion of video", 2007): every hole
 * pixel becomes the weighted mean of what the target patches covering it say it should be (the
 * pixel at the same offset in each patch's match). Good matches weigh more: w = exp(-cost / 2σ²)
 * with σ² a robust scale of this level's patch costs (their 75th percentile), so one bad patch
 * cannot blur a region that many good patches agree on.
 */
import type { FillLevel, LevelSets } from "./level";
import type { Nnf } from "./patch-match";

/** 75th percentile of the patch costs, from an even sample of at most 4096 targets. */
function costScale(sets: LevelSets, nnf: Nnf): number {
  const stride = Math.max(1, Math.floor(sets.targets.length / 4096));
  const costs = new Float32Array(Math.ceil(sets.targets.length / stride));
  for (let k = 0; k < costs.length; k++) costs[k] = nnf.cost[sets.targets[k * stride]];
  costs.sort();
  return Math.max(1e-3, costs[Math.floor(costs.length * 0.75)] ?? 1);
}

/** Writes the weighted vote into the hole. */
export function vote(level: FillLevel, sets: LevelSets, nnf: Nnf, radius: number): void {
  const { width: w, height: h, rgb, hole } = level;
  const acc = new Float32Array(w * h * 3);
  const weights = new Float32Array(w * h);
  const sigma2 = costScale(sets, nnf);
  for (const p of sets.targets) {
    const px = p % w, py = (p / w) | 0;
    const s = nnf.source[p];
    const sx = s % w, sy = (s / w) | 0;
    const weight = Math.exp(-nnf.cost[p] / (2 * sigma2)) + 1e-6;
    const x0 = Math.max(-radius, -px), x1 = Math.min(radius, w - 1 - px);
    const y0 = Math.max(-radius, -py), y1 = Math.min(radius, h - 1 - py);
    for (let dy = y0; dy <= y1; dy++) {
      let q = (py + dy) * w + px + x0;
      let src = ((sy + dy) * w + sx + x0) * 3;
      for (let dx = x0; dx <= x1; dx++, q++, src += 3) {
        if (!hole[q]) continue;
        acc[3 * q] += weight * rgb[src];
        acc[3 * q + 1] += weight * rgb[src + 1];
        acc[3 * q + 2] += weight * rgb[src + 2];
        weights[q] += weight;
      }
    }
  }
  for (let q = 0; q < w * h; q++) {
    if (!hole[q] || weights[q] === 0) continue;
    rgb[3 * q] = acc[3 * q] / weights[q];
    rgb[3 * q + 1] = acc[3 * q + 1] / weights[q];
    rgb[3 * q + 2] = acc[3 * q + 2] / weights[q];
  }
}
