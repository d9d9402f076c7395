/**
 * Anti-aliased polygon fill into an 8-bit coverage image, nonzero or evenodd.
 *
 * Each pixel row is sampled on SUBSAMPLES horizontal sub-scanlines; on each, the exact inside spans
 * are found from the edge crossings and the fill rule, and their horizontal coverage is added
 * exactly (fractional end pixels + a difference array for the run between). Coverage is therefore
 * exact horizontally and 1/16-quantised vertically, and cost is O(rows × (crossings + width)):
 * a shape costs what its bounding box costs, never the whole document.
 */
import type { GrayImage } from "./image";
import type { FillRule } from "../contract/geometry";
import type { Polygon } from "./path-flatten";

export const SUBSAMPLES = 16;

interface EdgeTable {
  count: number;
  yTop: Float64Array;
  yBottom: Float64Array;
  xAtTop: Float64Array;
  slope: Float64Array; // dx/dy
  dir: Int8Array; // +1 when the edge runs downwards (y increasing), −1 upwards
  order: Uint32Array; // edge indices sorted by yTop
  minY: number;
  maxY: number;
}

function buildEdges(polygons: readonly Polygon[]): EdgeTable {
  let n = 0;
  for (const p of polygons) n += p.length / 2;
  const t: EdgeTable = {
    count: 0,
    yTop: new Float64Array(n), yBottom: new Float64Array(n), xAtTop: new Float64Array(n), slope: new Float64Array(n),
    dir: new Int8Array(n), order: new Uint32Array(0), minY: Infinity, maxY: -Infinity,
  };
  for (const p of polygons) {
    const m = p.length / 2;
    for (let i = 0; i < m; i++) {
      const j = (i + 1) % m;
      const x0 = p[2 * i], y0 = p[2 * i + 1], x1 = p[2 * j], y1 = p[2 * j + 1];
      if (y0 === y1 || !Number.isFinite(x0 + y0 + x1 + y1)) continue; // horizontal edges never cross a scanline
      const k = t.count++;
      const down = y1 > y0;
      t.dir[k] = down ? 1 : -1;
      t.yTop[k] = down ? y0 : y1;
      t.yBottom[k] = down ? y1 : y0;
      t.xAtTop[k] = down ? x0 : x1;
      t.slope[k] = (x1 - x0) / (y1 - y0);
      if (t.yTop[k] < t.minY) t.minY = t.yTop[k];
      if (t.yBottom[k] > t.maxY) t.maxY = t.yBottom[k];
    }
  }
  const order = Array.from({ length: t.count }, (_, i) => i).sort((a, b) => t.yTop[a] - t.yTop[b]);
  t.order = Uint32Array.from(order);
  return t;
}

/**
 * Fills `polygons` into `target` as coverage 0..255, keeping the maximum with what is already
 * there (so several calls make a union). Target pixel (i, j) is image pixel (originX+i, originY+j).
 */
export function fillPolygons(polygons: readonly Polygon[], fillRule: FillRule, target: GrayImage, originX = 0, originY = 0): void {
  const e = buildEdges(polygons);
  if (e.count === 0) return;
  const W = target.width;
  const rowStart = Math.max(0, Math.floor(e.minY - originY));
  const rowEnd = Math.min(target.height, Math.ceil(e.maxY - originY));
  if (rowStart >= rowEnd) return;

  const acc = new Float64Array(W + 1); // fractional coverage of span-end pixels
  const diff = new Float64Array(W + 2); // +1/−1 markers of fully covered runs
  const active = new Uint32Array(e.count);
  const xs = new Float64Array(e.count);
  const ds = new Int8Array(e.count);
  let activeCount = 0;
  let nextEdge = 0;
  const evenOdd = fillRule === "evenodd";
  const data = target.data;

  for (let row = rowStart; row < rowEnd; row++) {
    let minI = W + 1, maxI = -1;
    for (let k = 0; k < SUBSAMPLES; k++) {
      const sy = originY + row + (k + 0.5) / SUBSAMPLES;
      // Active edges: yTop ≤ sy < yBottom (half-open, so a shared vertex counts once).
      while (nextEdge < e.count && e.yTop[e.order[nextEdge]] <= sy) active[activeCount++] = e.order[nextEdge++];
      let n = 0;
      let keep = 0;
      for (let a = 0; a < activeCount; a++) {
        const id = active[a];
        if (e.yBottom[id] <= sy) continue; // finished: drop from the active list
        active[keep++] = id;
        if (e.yTop[id] > sy) continue;
        // Insertion sort by x while collecting (crossing counts per scanline are small).
        const x = e.xAtTop[id] + (sy - e.yTop[id]) * e.slope[id];
        let p = n++;
        while (p > 0 && xs[p - 1] > x) {
          xs[p] = xs[p - 1];
          ds[p] = ds[p - 1];
          p--;
        }
        xs[p] = x;
        ds[p] = e.dir[id];
      }
      activeCount = keep;

      let wind = 0;
      let spanStart = 0;
      for (let c = 0; c < n; c++) {
        const wasInside = evenOdd ? (wind & 1) !== 0 : wind !== 0;
        wind += ds[c];
        const isInside = evenOdd ? (wind & 1) !== 0 : wind !== 0;
        if (!wasInside && isInside) spanStart = xs[c];
        else if (wasInside && !isInside) {
          const xa = Math.max(0, spanStart - originX);
          const xb = Math.min(W, xs[c] - originX);
          if (xb <= xa) continue;
          const ia = Math.floor(xa), ib = Math.floor(xb);
          if (ia === ib) acc[ia] += xb - xa;
          else {
            acc[ia] += ia + 1 - xa;
            diff[ia + 1] += 1;
            diff[ib] -= 1;
            acc[ib] += xb - ib; // ib may be W: a harmless 0 in the spare cell
          }
          if (ia < minI) minI = ia;
          if (ib > maxI) maxI = ib;
        }
      }
    }
    if (maxI < 0) continue;
    const base = row * W;
    let run = 0;
    const scale = 255 / SUBSAMPLES;
    for (let i = minI; i <= maxI; i++) {
      run += diff[i];
      if (i < W) {
        const v = Math.min(255, Math.round((acc[i] + run) * scale));
        if (v > data[base + i]) data[base + i] = v;
      }
      acc[i] = 0;
      diff[i] = 0;
    }
    diff[maxI + 1] = 0;
  }
}
