/**
 * Colour match: shift the generated region's Lab statistics (per-channel mean and standard
 * deviation) so they agree with the untouched context, measured on a ring just outside the mask.
 *
 * "ring" (default): compare the generated image and the source ON THE RING — both show the same
 *   scene there, so the difference is the model's colour cast, and removing it keeps new content's
 *   own colours (a red car on a grey road stays red).
 * "fill": match the generated pixels INSIDE the mask to the source ring — for texture-like fills
 *   (object removal) when the model left the outside untouched, so the ring shows no cast.
 */
import type { GrayImage, RgbaImage } from "./image";
import { assertGrayImage, assertRgbaImage, assertSameSize } from "./image-checks";
import { ImagingOptionError } from "./errors";
import { labToRgbaInto, rgbaToLab } from "./color";
import { growMask } from "./mask-morphology";

export interface ColorMatchOptions {
  mode: "ring" | "fill";
  /** Width of the context ring just outside the mask, in pixels of the images passed. */
  ringWidthPx: number;
  /** 0 = no change, 1 = full correction. */
  strength: number;
  /** Limits on the std ratio, so a flat ring cannot blow contrast up (or crush it). */
  minStdRatio: number;
  maxStdRatio: number;
}

export const DEFAULT_COLOR_MATCH_OPTIONS: Readonly<ColorMatchOptions> = Object.freeze({
  mode: "ring",
  ringWidthPx: 16,
  strength: 1,
  minStdRatio: 0.5,
  maxStdRatio: 2,
});

/** Fewer usable ring pixels than this (e.g. a full-image mask): no reliable statistics, no change. */
export const MIN_RING_PIXELS = 64;

export interface ChannelStats {
  mean: [number, number, number];
  std: [number, number, number];
  count: number;
}

export interface ColorMatchResult {
  image: RgbaImage;
  applied: boolean;
  /** Statistics the correction was computed from (source side = target). */
  target: ChannelStats | null;
  measured: ChannelStats | null;
}

/** Lab mean/std over pixels where `select[i]` is nonzero. */
export function labStats(lab: Float32Array, select: Uint8Array): ChannelStats {
  const sum = [0, 0, 0], sq = [0, 0, 0];
  let count = 0;
  for (let i = 0; i < select.length; i++) {
    if (!select[i]) continue;
    count++;
    for (let c = 0; c < 3; c++) {
      const v = lab[3 * i + c];
      sum[c] += v;
      sq[c] += v * v;
    }
  }
  const mean = sum.map((s) => (count ? s / count : 0)) as [number, number, number];
  const std = sq.map((s, c) => (count ? Math.sqrt(Math.max(0, s / count - mean[c] * mean[c])) : 0)) as [number, number, number];
  return { mean, std, count };
}

/**
 * Returns a colour-corrected copy of `generated`. All three images are the same size (the context
 * region at source resolution); `mask` is the model mask (0 = context). Only pixels with mask > 0
 * (inside or on the feather) are changed; the rest are copied.
 */
export function matchColors(
  generated: RgbaImage,
  source: RgbaImage,
  mask: GrayImage,
  options: Partial<ColorMatchOptions> = {},
): ColorMatchResult {
  const o = { ...DEFAULT_COLOR_MATCH_OPTIONS, ...options };
  assertRgbaImage(generated, "generated image");
  assertRgbaImage(source, "source region");
  assertGrayImage(mask);
  assertSameSize(generated, source, "generated image", "source region");
  assertSameSize(generated, mask, "generated image", "mask");
  if (!(o.strength >= 0 && o.strength <= 1)) throw new ImagingOptionError(`Colour match strength must be in [0, 1]; got ${o.strength}.`);
  if (!(o.minStdRatio > 0 && o.maxStdRatio >= o.minStdRatio)) throw new ImagingOptionError("Colour match needs 0 < minStdRatio ≤ maxStdRatio.");
  if (o.mode !== "ring" && o.mode !== "fill") throw new ImagingOptionError(`Colour match mode must be "ring" or "fill"; got ${JSON.stringify(o.mode)}.`);

  const copy: RgbaImage = { width: generated.width, height: generated.height, data: new Uint8ClampedArray(generated.data) };
  const n = mask.width * mask.height;
  const m = mask.data;
  const near = growMask(mask, o.ringWidthPx).data;
  const ring = new Uint8Array(n);
  const inside = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const opaque = source.data[4 * i + 3] >= 128 && generated.data[4 * i + 3] >= 128;
    ring[i] = m[i] === 0 && near[i] > 0 && opaque ? 1 : 0;
    inside[i] = m[i] >= 128 && generated.data[4 * i + 3] >= 128 ? 1 : 0;
  }
  const srcLab = rgbaToLab(source.data);
  const target = labStats(srcLab, ring);
  if (target.count < MIN_RING_PIXELS || o.strength === 0) return { image: copy, applied: false, target, measured: null };
  const genLab = rgbaToLab(generated.data);
  const measured = labStats(genLab, o.mode === "ring" ? ring : inside);
  if (measured.count < MIN_RING_PIXELS) return { image: copy, applied: false, target, measured };

  const gain = [0, 1, 2].map((c) =>
    measured.std[c] < 1e-3 ? 1 : Math.min(o.maxStdRatio, Math.max(o.minStdRatio, target.std[c] / measured.std[c])),
  );
  const k = o.strength;
  for (let i = 0; i < n; i++) {
    if (m[i] === 0) continue;
    for (let c = 0; c < 3; c++) {
      const v = genLab[3 * i + c];
      const corrected = (v - measured.mean[c]) * gain[c] + target.mean[c];
      genLab[3 * i + c] = v + k * (corrected - v);
    }
    labToRgbaInto(genLab, i, copy.data);
  }
  return { image: copy, applied: true, target, measured };
}
