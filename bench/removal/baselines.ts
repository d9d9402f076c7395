/**
 * The two baselines the built-in fill must beat:
 *   ringMeanFill — the hole painted with the mean colour of a 4-px ring around it;
 *   teleaFill    — diffusion in the manner of Telea 2004 ("An image inpainting technique based on
 *                  the fast marching method"): pixels are filled in order of distance from the
 *                  boundary, each from the known pixels within ε, weighted by direction (along the
 *                  distance gradient), distance and level-set closeness. The first-order gradient
 *                  correction of the paper is left out, as in most "Telea-style" fills.
 * Both take a hole map (1 = fill) and return a filled copy.
 */
import { cloneRgba } from "../../src/imaging/crop";
import type { RgbaImage } from "../../src/imaging/image";

export function ringMeanFill(image: RgbaImage, hole: Uint8Array, ring = 4): RgbaImage {
  const { width: w, height: h } = image;
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (hole[y * w + x]) continue;
      let near = false;
      for (let dy = -ring; dy <= ring && !near; dy++) {
        for (let dx = -ring; dx <= ring; dx++) {
          const xx = x + dx, yy = y + dy;
          if (xx >= 0 && yy >= 0 && xx < w && yy < h && hole[yy * w + xx]) { near = true; break; }
        }
      }
      if (!near) continue;
      for (let c = 0; c < 3; c++) sum[c] += image.data[4 * (y * w + x) + c];
      n++;
    }
  }
  const out = cloneRgba(image);
  for (let i = 0; i < w * h; i++) {
    if (!hole[i]) continue;
    for (let c = 0; c < 3; c++) out.data[4 * i + c] = n ? sum[c] / n : 127;
  }
  return out;
}

/** Binary min-heap of (priority, index). */
class Heap {
  private keys: number[] = [];
  private items: number[] = [];
  get size(): number { return this.items.length; }
  push(key: number, item: number): void {
    let i = this.items.length;
    this.keys.push(key);
    this.items.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p] <= this.keys[i]) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): number {
    const top = this.items[0];
    const lastKey = this.keys.pop()!, lastItem = this.items.pop()!;
    if (this.items.length > 0) {
      this.keys[0] = lastKey;
      this.items[0] = lastItem;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < this.keys.length && this.keys[l] < this.keys[m]) m = l;
        if (r < this.keys.length && this.keys[r] < this.keys[m]) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
    [this.items[a], this.items[b]] = [this.items[b], this.items[a]];
  }
}

const KNOWN = 0, BAND = 1, INSIDE = 2;

export function teleaFill(image: RgbaImage, hole: Uint8Array, epsilon = 5): RgbaImage {
  const { width: w, height: h } = image;
  const out = cloneRgba(image);
  const flag = new Uint8Array(w * h);
  const T = new Float32Array(w * h).fill(1e6);
  const heap = new Heap();
  for (let i = 0; i < w * h; i++) if (hole[i]) flag[i] = INSIDE; else T[i] = 0;
  const neighbours = (i: number): number[] => {
    const x = i % w, y = (i / w) | 0, r: number[] = [];
    if (x > 0) r.push(i - 1);
    if (x < w - 1) r.push(i + 1);
    if (y > 0) r.push(i - w);
    if (y < h - 1) r.push(i + w);
    return r;
  };
  for (let i = 0; i < w * h; i++) {
    if (flag[i] !== INSIDE || !neighbours(i).some((j) => flag[j] === KNOWN)) continue;
    flag[i] = BAND;
    T[i] = 1;
    heap.push(1, i);
  }
  const tAt = (x: number, y: number) => (x < 0 || y < 0 || x >= w || y >= h || flag[y * w + x] === INSIDE ? 1e6 : T[y * w + x]);
  const eikonal = (x: number, y: number): number => {
    const a = Math.min(tAt(x - 1, y), tAt(x + 1, y)), b = Math.min(tAt(x, y - 1), tAt(x, y + 1));
    if (Math.abs(a - b) >= 1) return Math.min(a, b) + 1;
    return (a + b + Math.sqrt(2 - (a - b) ** 2)) / 2;
  };
  while (heap.size > 0) {
    const p = heap.pop();
    if (flag[p] === KNOWN) continue;
    const px = p % w, py = (p / w) | 0;
    // Distance gradient at p: the direction in which the fill front moves.
    const gx = (tAt(px + 1, py) < 1e6 && tAt(px - 1, py) < 1e6) ? (tAt(px + 1, py) - tAt(px - 1, py)) / 2 : 0;
    const gy = (tAt(px, py + 1) < 1e6 && tAt(px, py - 1) < 1e6) ? (tAt(px, py + 1) - tAt(px, py - 1)) / 2 : 0;
    const acc = [0, 0, 0];
    let wsum = 0;
    for (let dy = -epsilon; dy <= epsilon; dy++) {
      for (let dx = -epsilon; dx <= epsilon; dx++) {
        const qx = px + dx, qy = py + dy;
        if ((dx === 0 && dy === 0) || qx < 0 || qy < 0 || qx >= w || qy >= h) continue;
        const q = qy * w + qx;
        if (flag[q] !== KNOWN || dx * dx + dy * dy > epsilon * epsilon) continue;
        const d2 = dx * dx + dy * dy;
        const dir = Math.max(1e-6, Math.abs((-dx * gx - dy * gy) / Math.sqrt(d2)));
        const dst = 1 / d2;
        const lev = 1 / (1 + Math.abs(T[q] - T[p]));
        const weight = dir * dst * lev;
        for (let c = 0; c < 3; c++) acc[c] += weight * out.data[4 * q + c];
        wsum += weight;
      }
    }
    if (wsum > 0) for (let c = 0; c < 3; c++) out.data[4 * p + c] = acc[c] / wsum;
    flag[p] = KNOWN;
    for (const n of neighbours(p)) {
      if (flag[n] === KNOWN) continue;
      const t = eikonal(n % w, (n / w) | 0);
      if (t < T[n]) {
        T[n] = t;
        flag[n] = BAND;
        heap.push(t, n);
      }
    }
  }
  return out;
}
