/**
 * REFERENCE ONLY: src/imaging/mask-morphology.ts as it was before the panel-responsiveness rewrite (issue 17),
 * kept verbatim so test/imaging/mask-morphology-v1.test.ts and bench/planning.ts compare the new code against it.
 * Not used by the product.
 */
/**
 * Grow (dilate) and feather (blur) masks. Both only touch the mask's bounding box plus their
 * radius, so a small selection in a huge document stays cheap; everything outside is copied.
 */
import { createGrayImage, type GrayImage } from "../../../src/imaging/image";
import { assertGrayImage } from "../../../src/imaging/image-checks";
import { assertIntOption, inflateRect, intersectRect, isEmptyRect, type Rect } from "../../../src/imaging/geometry";
import { maskBoundingBox } from "../../../src/imaging/mask";

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
 * max(mask, coverage of the disc-grown shape). The grown edge is placed from an exact Euclidean
 * distance transform (Felzenszwalb–Huttenlocher) to pixels with mask ≥ 128, so it is accurate to
 * about half a pixel and costs O(window) whatever the radius.
 */
export function growMask(mask: GrayImage, radiusPx: number = DEFAULT_MASK_OPTIONS.growPx): GrayImage {
  assertGrayImage(mask);
  assertIntOption(radiusPx, "growPx");
  const out = copyMask(mask);
  if (radiusPx === 0) return out;
  const win = workWindow(mask, radiusPx + 1);
  if (!win) return out;
  const { x: wx, y: wy, width: ww, height: wh } = win;
  const W = mask.width, src = mask.data, dst = out.data;

  // Seeds: clearly inside pixels. A mask with only faint values (sub-pixel shape) seeds from any.
  let threshold = 128;
  let strongest = 0;
  for (let y = wy; y < wy + wh; y++) for (let x = wx; x < wx + ww; x++) if (src[y * W + x] > strongest) strongest = src[y * W + x];
  if (strongest < threshold) threshold = 1;

  // Pass 1, per column: vertical distance to the nearest seed, capped at radius+2 (a capped value
  // can never produce a distance ≤ radius+1, which is all that matters here).
  const cap = radiusPx + 2;
  const g = new Uint16Array(ww * wh);
  for (let x = 0; x < ww; x++) {
    let d = cap;
    for (let y = 0; y < wh; y++) {
      d = src[(wy + y) * W + wx + x] >= threshold ? 0 : Math.min(cap, d + 1);
      g[y * ww + x] = d;
    }
    d = cap;
    for (let y = wh - 1; y >= 0; y--) {
      d = src[(wy + y) * W + wx + x] >= threshold ? 0 : Math.min(cap, d + 1);
      if (d < g[y * ww + x]) g[y * ww + x] = d;
    }
  }

  // Pass 2, per row: lower envelope of parabolas (x−q)² + g(q)².
  const v = new Int32Array(ww); // parabola apexes in the envelope
  const z = new Float64Array(ww + 1); // boundaries between them
  const f = new Float64Array(ww);
  for (let y = 0; y < wh; y++) {
    for (let q = 0; q < ww; q++) f[q] = g[y * ww + q] * g[y * ww + q];
    let k = 0;
    v[0] = 0;
    z[0] = -Infinity;
    z[1] = Infinity;
    for (let q = 1; q < ww; q++) {
      let s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
      while (s <= z[k]) {
        k--;
        s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
      }
      k++;
      v[k] = q;
      z[k] = s;
      z[k + 1] = Infinity;
    }
    k = 0;
    const row = (wy + y) * W + wx;
    for (let x = 0; x < ww; x++) {
      while (z[k + 1] < x) k++;
      const d2 = (x - v[k]) * (x - v[k]) + f[v[k]];
      // A seed's edge lies ~½ px beyond its centre, so the grown edge is radius+½ from it;
      // a pixel at distance d is covered by clamp(radius + 1 − d).
      const cov = radiusPx + 1 - Math.sqrt(d2);
      if (cov > 0) {
        const val = cov >= 1 ? 255 : Math.round(cov * 255);
        if (val > dst[row + x]) dst[row + x] = val;
      }
    }
  }
  return out;
}

/** Splits a support radius into three box radii whose sum is exactly that radius. */
function boxRadii(radius: number): [number, number, number] {
  const r1 = Math.floor(radius / 3);
  const r2 = Math.floor((radius - r1) / 2);
  return [r1, r2, radius - r1 - r2];
}

/** In-place box blur of `n` values at `buf[offset + i·stride]`, replicating the ends. */
function boxLine(buf: Float64Array, tmp: Float64Array, offset: number, stride: number, n: number, r: number): void {
  if (r === 0) return;
  for (let i = 0; i < n; i++) tmp[i] = buf[offset + i * stride];
  const last = n - 1;
  let sum = tmp[0] * (r + 1);
  for (let j = 1; j <= r; j++) sum += tmp[Math.min(j, last)];
  const inv = 1 / (2 * r + 1);
  for (let i = 0; i < n; i++) {
    buf[offset + i * stride] = sum * inv;
    sum += tmp[Math.min(i + r + 1, last)] - tmp[Math.max(i - r, 0)];
  }
}

/**
 * Feathers with three box blurs per axis (≈ Gaussian, σ ≈ radius/3) whose support is exactly
 * `radiusPx`: pixels farther than radiusPx (per axis) from every nonzero mask pixel stay exactly 0,
 * and a fully masked area stays 255. Edges of the image replicate, so a mask touching the border
 * does not fade there.
 */
export function featherMask(mask: GrayImage, radiusPx: number = DEFAULT_MASK_OPTIONS.featherPx): GrayImage {
  assertGrayImage(mask);
  assertIntOption(radiusPx, "featherPx");
  const out = copyMask(mask);
  if (radiusPx === 0) return out;
  const win = workWindow(mask, radiusPx);
  if (!win) return out;
  const { x: wx, y: wy, width: ww, height: wh } = win;
  const W = mask.width;
  const buf = new Float64Array(ww * wh);
  for (let y = 0; y < wh; y++) for (let x = 0; x < ww; x++) buf[y * ww + x] = mask.data[(wy + y) * W + wx + x];
  const tmp = new Float64Array(Math.max(ww, wh));
  const radii = boxRadii(radiusPx);
  for (const r of radii) for (let y = 0; y < wh; y++) boxLine(buf, tmp, y * ww, 1, ww, r);
  for (const r of radii) for (let x = 0; x < ww; x++) boxLine(buf, tmp, x, ww, wh, r);
  for (let y = 0; y < wh; y++) {
    for (let x = 0; x < ww; x++) {
      const v = buf[y * ww + x];
      out.data[(wy + y) * W + wx + x] = v < 0.5 ? 0 : v >= 254.5 ? 255 : Math.round(v);
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
  const o = { ...DEFAULT_MASK_OPTIONS, ...options };
  const modelMask = growMask(mask, o.growPx);
  const blendMask = featherMask(modelMask, o.featherPx);
  const b = blendMask.data, m = mask.data;
  for (let i = 0; i < b.length; i++) if (m[i] > b[i]) b[i] = m[i];
  return { modelMask, blendMask };
}
