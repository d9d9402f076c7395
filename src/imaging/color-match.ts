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
import { labValuesToRgbaInto, pixelToLab } from "./color";
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

/** Lab mean/std of an RGBA image over pixels where `select[i]` is nonzero (converts only those). */
export function labStats(rgba: Uint8ClampedArray, select: Uint8Array): ChannelStats {
  const sum = [0, 0, 0], sq = [0, 0, 0];
  const lab = new Float32Array(3);
  let count = 0;
  for (let i = 0; i < select.length; i++) {
    if (!select[i]) continue;
    count++;
    pixelToLab(rgba, i, lab, 0);
    for (let c = 0; c < 3; c++) {
      sum[c] += lab[c];
      sq[c] += lab[c] * lab[c];
    }
  }
  const mean = sum.map((s) => (count ? s / count : 0)) as [number, number, number];
  const std = sq.map((s, c) => (count ? Math.sqrt(Math.max(0, s / count - mean[c] * mean[c])) : 0)) as [number, number, number];
  return { mean, std, count };
}

/**
 * Returns a colour-corrected copy of `generated`. All images are the same size (the context region
 * at source resolution); `mask` is the model (grown) mask, 0 = context, whose outside ring is
 * measured. Pixels where `applyTo` (default: `mask`) is nonzero are corrected — pass the blend
 * mask so the feather band outside the grown mask is corrected too; the rest are copied.
 */
export function matchColors(
  generated: RgbaImage,
  source: RgbaImage,
  mask: GrayImage,
  options: Partial<ColorMatchOptions> = {},
  applyTo: GrayImage = mask,
): ColorMatchResult {
  const o = { ...DEFAULT_COLOR_MATCH_OPTIONS, ...options };
  assertRgbaImage(generated, "generated image");
  assertRgbaImage(source, "source region");
  assertGrayImage(mask);
  assertSameSize(generated, source, "generated image", "source region");
  assertSameSize(generated, mask, "generated image", "mask");
  assertGrayImage(applyTo, "colour match area");
  assertSameSize(generated, applyTo, "generated image", "colour match area");
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
  const target = labStats(source.data, ring);
  if (target.count < MIN_RING_PIXELS || o.strength === 0) return { image: copy, applied: false, target, measured: null };
  const measured = labStats(generated.data, o.mode === "ring" ? ring : inside);
  if (measured.count < MIN_RING_PIXELS) return { image: copy, applied: false, target, measured };

  const gain = [0, 1, 2].map((c) =>
    measured.std[c] < 1e-3 ? 1 : Math.min(o.maxStdRatio, Math.max(o.minStdRatio, target.std[c] / measured.std[c])),
  );
  // v + k·((v − μg)·gain + μs − v) = v·(1 + k·(gain − 1)) + k·(μs − μg·gain): one multiply-add per channel.
  const k = o.strength;
  const mul = gain.map((g) => 1 + k * (g - 1));
  const add = gain.map((g, c) => k * (target.mean[c] - measured.mean[c] * g));
  const lab = new Float32Array(3);
  const apply = applyTo.data;
  for (let i = 0; i < n; i++) {
    if (apply[i] === 0) continue;
    pixelToLab(generated.data, i, lab, 0);
    labValuesToRgbaInto(lab[0] * mul[0] + add[0], lab[1] * mul[1] + add[1], lab[2] * mul[2] + add[2], copy.data, i);
  }
  return { image: copy, applied: true, target, measured };
}
