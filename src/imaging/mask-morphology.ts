/**
 * Grow (dilate) and feather (blur) masks. Both only touch the mask's bounding box plus their
 * radius, so a small selection in a huge document stays cheap; everything outside is copied.
 */
import { createGrayImage, type GrayImage } from "./image";
import { assertGrayImage } from "./image-checks";
import { assertIntOption, inflateRect, intersectRect, isEmptyRect, type Rect } from "./geometry";
import { maskBoundingBox } from "./mask";
import { runSteps, type Steps } from "./steps";
import { columnSeedDistances, growRow, hasValueAtLeast } from "./mask-distance";

export interface MaskOptions {
  /** Source pixels the mask is dilated by before the model sees it (covers halos and edge pixels). */
  growPx: number;
  /** Source pixels of soft transition around the grown mask for the final blend (0 = hard edge). */
  featherPx: number;
}

/**
 * User-visible defaults: the model repaints 8 px beyond the selection, and the blend fades over
 * ±8 px around that grown edge, so it reaches growPx + featherPx beyond the selection.
 */
export const DEFAULT_MASK_OPTIONS: Readonly<MaskOptions> = Object.freeze({ growPx: 8, featherPx: 8 });

function copyMask(mask: GrayImage): GrayImage {
  const out = createGrayImage(mask.width, mask.height);
  out.data.set(mask.data);
  return out;
}

/** The part of the mask an operation with this reach can change: bbox grown by `reach`, clamped. */
function workWindow(mask: GrayImage, reach: number): Rect | null {
  const box = maskBoundingBox(mask);
  if (isEmptyRect(box)) return null;
  return intersectRect(inflateRect(box, reach), { x: 0, y: 0, width: mask.width, height: mask.height });
}

/**
 * Dilates by `radiusPx` with a round structuring element and an anti-aliased edge: the result is
 * max(mask, coverage of the disc-grown shape). The grown edge is placed from the exact Euclidean
 * distance to pixels with mask ≥ 128 (mask-distance.ts), so it is accurate to about half a
 * pixel, and only the window around the mask is touched.
 */
export function growMask(mask: GrayImage, radiusPx: number = DEFAULT_MASK_OPTIONS.growPx): GrayImage {
  return runSteps(growSteps(mask, radiusPx));
}

/** growMask, yielding between its two passes (steps.ts). */
export function* growSteps(mask: GrayImage, radiusPx: number = DEFAULT_MASK_OPTIONS.growPx): Steps<GrayImage> {
  assertGrayImage(mask);
  assertIntOption(radiusPx, "growPx");
  const out = copyMask(mask);
  if (radiusPx === 0) return out;
  const win = workWindow(mask, radiusPx + 1);
  if (!win) return out;
  const { x: wx, y: wy, width: ww, height: wh } = win;
  const W = mask.width, src = mask.data, dst = out.data;

  // Seeds: clearly inside pixels. A mask with only faint values (sub-pixel shape) seeds from any.
  const threshold = hasValueAtLeast(src, W, win, 128) ? 128 : 1;
  const g = columnSeedDistances(src, W, win, threshold, radiusPx + 2);
  yield;
  for (let y = 0; y < wh; y++) growRow(g, y * ww, ww, radiusPx, dst, (wy + y) * W + wx);
  return out;
}

/** Splits a support radius into three box radii whose sum is exactly that radius. */
function boxRadii(radius: number): [number, number, number] {
  const r1 = Math.floor(radius / 3);
  const r2 = Math.floor((radius - r1) / 2);
  return [r1, r2, radius - r1 - r2];
}

/** Box blur of each row of `from` (ww × wh) into `to`, replicating the ends. */
function boxRows(from: Float64Array, to: Float64Array, ww: number, wh: number, r: number): void {
  const last = ww - 1, inv = 1 / (2 * r + 1);
  for (let o = 0; o < ww * wh; o += ww) {
    let sum = from[o] * (r + 1);
    for (let j = 1; j <= r; j++) sum += from[o + Math.min(j, last)];
    // Clamped indices only near the ends; the middle runs without them (the same values either way).
    let i = 0;
    for (const end = Math.min(r, ww); i < end; i++) {
      to[o + i] = sum * inv;
      sum += from[o + Math.min(i + r + 1, last)] - from[o];
    }
    for (const end = last - r; i < end; i++) {
      to[o + i] = sum * inv;
      sum += from[o + i + r + 1] - from[o + i - r];
    }
    for (; i < ww; i++) {
      to[o + i] = sum * inv;
      sum += from[o + Math.min(i + r + 1, last)] - from[o + Math.max(i - r, 0)];
    }
  }
}

/**
 * Box blur of each column of `from` into `to`, replicating the ends. All columns advance together
 * row by row (one running sum per column), so memory is read in order; each column's sums happen in
 * the same order as a column-at-a-time blur, so the values are the same to the bit.
 */
function boxColumns(from: Float64Array, to: Float64Array, sums: Float64Array, ww: number, wh: number, r: number): void {
  const last = wh - 1, inv = 1 / (2 * r + 1);
  for (let x = 0; x < ww; x++) sums[x] = from[x] * (r + 1);
  for (let j = 1; j <= r; j++) for (let x = 0, o = Math.min(j, last) * ww; x < ww; x++) sums[x] += from[o + x];
  for (let i = 0; i < wh; i++) {
    const out = i * ww, add = Math.min(i + r + 1, last) * ww, sub = Math.max(i - r, 0) * ww;
    for (let x = 0; x < ww; x++) {
      to[out + x] = sums[x] * inv;
      sums[x] += from[add + x] - from[sub + x];
    }
  }
}

/**
 * Feathers with three box blurs per axis (≈ Gaussian, σ ≈ radius/3) whose support is exactly
 * `radiusPx`: pixels farther than radiusPx (per axis) from every nonzero mask pixel stay exactly 0,
 * and a fully masked area stays 255. Edges of the image replicate, so a mask touching the border
 * does not fade there.
 */
export function featherMask(mask: GrayImage, radiusPx: number = DEFAULT_MASK_OPTIONS.featherPx): GrayImage {
  return runSteps(featherSteps(mask, radiusPx));
}

/** featherMask, yielding after each blur pass (steps.ts): a huge selection freezes the panel a pass at a time. */
export function* featherSteps(mask: GrayImage, radiusPx: number = DEFAULT_MASK_OPTIONS.featherPx): Steps<GrayImage> {
  assertGrayImage(mask);
  assertIntOption(radiusPx, "featherPx");
  const out = copyMask(mask);
  if (radiusPx === 0) return out;
  const win = workWindow(mask, radiusPx);
  if (!win) return out;
  const { x: wx, y: wy, width: ww, height: wh } = win;
  const W = mask.width;
  let a = new Float64Array(ww * wh), b = new Float64Array(ww * wh);
  for (let y = 0; y < wh; y++) for (let x = 0, i = (wy + y) * W + wx; x < ww; x++, i++) a[y * ww + x] = mask.data[i];
  const sums = new Float64Array(ww);
  // Three passes along rows, then three along columns, ping-ponging between a and b. A zero
  // radius (small features) is a blur that does nothing, so it is skipped.
  for (const alongRows of [true, false]) {
    for (const r of boxRadii(radiusPx)) {
      if (r === 0) continue;
      if (alongRows) boxRows(a, b, ww, wh, r);
      else boxColumns(a, b, sums, ww, wh, r);
      [a, b] = [b, a];
      yield;
    }
  }
  for (let y = 0; y < wh; y++) {
    for (let x = 0, i = (wy + y) * W + wx; x < ww; x++, i++) {
      const v = a[y * ww + x];
      out.data[i] = v < 0.5 ? 0 : v >= 254.5 ? 255 : Math.round(v);
    }
  }
  return out;
}

/**
 * The two masks of a fill: `modelMask` (grown) for the model, `blendMask` for compositing =
 * max(feathered grown mask, selection), so the selection itself is always fully replaced even
 * where the feather would dip below 255 (sharp corners, tiny selections).
 */
export function prepareMasks(mask: GrayImage, options: Partial<MaskOptions> = {}): { modelMask: GrayImage; blendMask: GrayImage } {
  return runSteps(prepareMaskSteps(mask, options));
}

/** prepareMasks, yielding between the grow and the feather (steps.ts). */
export function* prepareMaskSteps(mask: GrayImage, options: Partial<MaskOptions> = {}): Steps<{ modelMask: GrayImage; blendMask: GrayImage }> {
  const o = { ...DEFAULT_MASK_OPTIONS, ...options };
  const modelMask = yield* growSteps(mask, o.growPx);
  yield;
  const blendMask = yield* featherSteps(modelMask, o.featherPx);
  const b = blendMask.data, m = mask.data;
  for (let i = 0; i < b.length; i++) if (m[i] > b[i]) b[i] = m[i];
  return { modelMask, blendMask };
}
