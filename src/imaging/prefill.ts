/**
 * What the masked area holds when the model image is encoded. Non-inpainting models (img2img with
 * a mask) start from these pixels, so an object left in place tends to come back; inpainting
 * models mostly ignore them. Modes:
 *   "keep"    — original pixels (restyle-like fills that should follow the old content);
 *   "blur"    — a smooth continuation of the surroundings (push-pull: weighted pyramid averages
 *               pulled back down with bilinear upsampling), the usual best choice for removal;
 *   "neutral" — mid grey, no hint at all.
 */
import { createRgbaImage, type GrayImage, type RgbaImage } from "./image";
import { assertGrayImage, assertRgbaImage, assertSameSize } from "./image-checks";
import { ImagingOptionError } from "./errors";

export type PrefillMode = "keep" | "blur" | "neutral";
export const DEFAULT_PREFILL: PrefillMode = "blur";
export const NEUTRAL_GREY = 127;

interface Level {
  w: number;
  h: number;
  rgb: Float32Array; // [h, w, 3] colour × weight (premultiplied by weight)
  wt: Float32Array; // [h, w] weight in [0, 1]
}

function downsample(l: Level): Level {
  const w = Math.ceil(l.w / 2), h = Math.ceil(l.h / 2);
  const rgb = new Float32Array(w * h * 3), wt = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0, g = 0, b = 0, s = 0, n = 0;
      for (let dy = 0; dy < 2; dy++) {
        const sy = 2 * y + dy;
        if (sy >= l.h) continue;
        for (let dx = 0; dx < 2; dx++) {
          const sx = 2 * x + dx;
          if (sx >= l.w) continue;
          const i = sy * l.w + sx;
          r += l.rgb[3 * i];
          g += l.rgb[3 * i + 1];
          b += l.rgb[3 * i + 2];
          s += l.wt[i];
          n++;
        }
      }
      const o = y * w + x;
      rgb[3 * o] = r / n;
      rgb[3 * o + 1] = g / n;
      rgb[3 * o + 2] = b / n;
      wt[o] = s / n;
    }
  }
  return { w, h, rgb, wt };
}

/** Bilinear sample of a [h, w, 3] colour grid at the position of fine pixel (x, y) one level down. */
function upsampleAt(c: Float32Array, w: number, h: number, x: number, y: number, out: Float32Array): void {
  const fx = Math.min(w - 1, Math.max(0, (x + 0.5) / 2 - 0.5));
  const fy = Math.min(h - 1, Math.max(0, (y + 0.5) / 2 - 0.5));
  const x0 = Math.floor(fx), y0 = Math.floor(fy);
  const x1 = Math.min(w - 1, x0 + 1), y1 = Math.min(h - 1, y0 + 1);
  const tx = fx - x0, ty = fy - y0;
  for (let k = 0; k < 3; k++) {
    const a = c[3 * (y0 * w + x0) + k], b = c[3 * (y0 * w + x1) + k];
    const d = c[3 * (y1 * w + x0) + k], e = c[3 * (y1 * w + x1) + k];
    out[k] = (a + (b - a) * tx) * (1 - ty) + (d + (e - d) * tx) * ty;
  }
}

/** Smooth fill of the masked area from the unmasked surroundings: [h, w, 3] colours, or null if nothing is unmasked. */
function pushPull(img: RgbaImage, mask: GrayImage): Float32Array | null {
  const n = img.width * img.height;
  const base: Level = { w: img.width, h: img.height, rgb: new Float32Array(n * 3), wt: new Float32Array(n) };
  for (let i = 0; i < n; i++) {
    // Known = unmasked and opaque; partially masked pixels count partially.
    const k = (1 - mask.data[i] / 255) * (img.data[4 * i + 3] / 255);
    base.wt[i] = k;
    base.rgb[3 * i] = img.data[4 * i] * k;
    base.rgb[3 * i + 1] = img.data[4 * i + 1] * k;
    base.rgb[3 * i + 2] = img.data[4 * i + 2] * k;
  }
  const levels = [base];
  while (levels[levels.length - 1].w > 1 || levels[levels.length - 1].h > 1) levels.push(downsample(levels[levels.length - 1]));
  const top = levels[levels.length - 1];
  if (top.wt[0] <= 1e-6) return null;
  let filled = new Float32Array([top.rgb[0] / top.wt[0], top.rgb[1] / top.wt[0], top.rgb[2] / top.wt[0]]);
  const tmp = new Float32Array(3);
  for (let li = levels.length - 2; li >= 0; li--) {
    const l = levels[li], up = levels[li + 1];
    const next = new Float32Array(l.w * l.h * 3);
    for (let y = 0; y < l.h; y++) {
      for (let x = 0; x < l.w; x++) {
        const i = y * l.w + x;
        const wt = Math.min(1, l.wt[i]);
        if (wt >= 1) {
          // Fully known: no coarser estimate needed (most of the image at fine levels).
          next[3 * i] = l.rgb[3 * i];
          next[3 * i + 1] = l.rgb[3 * i + 1];
          next[3 * i + 2] = l.rgb[3 * i + 2];
          continue;
        }
        upsampleAt(filled, up.w, up.h, x, y, tmp);
        // Known part of this pixel + the coarser estimate for its unknown part.
        next[3 * i] = l.rgb[3 * i] + (1 - wt) * tmp[0];
        next[3 * i + 1] = l.rgb[3 * i + 1] + (1 - wt) * tmp[1];
        next[3 * i + 2] = l.rgb[3 * i + 2] + (1 - wt) * tmp[2];
      }
    }
    filled = next;
  }
  return filled;
}

/** Returns a copy of `img` whose masked area (weighted by mask/255) is replaced per `mode`. Alpha becomes opaque there. */
export function prefillMasked(img: RgbaImage, mask: GrayImage, mode: PrefillMode = DEFAULT_PREFILL): RgbaImage {
  assertRgbaImage(img);
  assertGrayImage(mask);
  assertSameSize(img, mask, "image", "mask");
  if (mode !== "keep" && mode !== "blur" && mode !== "neutral") {
    throw new ImagingOptionError(`Pre-fill must be "keep", "blur" or "neutral"; got ${JSON.stringify(mode)}.`);
  }
  const out = createRgbaImage(img.width, img.height);
  out.data.set(img.data);
  if (mode === "keep") return out;
  const fill = mode === "blur" ? pushPull(img, mask) : null; // null: nothing to continue from → grey
  const d = out.data, m = mask.data;
  for (let i = 0; i < m.length; i++) {
    if (m[i] === 0) continue;
    const w = m[i] / 255;
    for (let c = 0; c < 3; c++) {
      const f = fill ? fill[3 * i + c] : NEUTRAL_GREY;
      d[4 * i + c] = d[4 * i + c] + (f - d[4 * i + c]) * w;
    }
    d[4 * i + 3] = d[4 * i + 3] + (255 - d[4 * i + 3]) * w;
  }
  return out;
}
