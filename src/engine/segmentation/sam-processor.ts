/**
 * SAM's pre- and post-processing, as Hugging Face's SamImageProcessor / SamProcessor do it
 * (transformers `image_processing_sam.py`, transformers.js `image_processing_sam.js`):
 *   resizedSize     long side → longest_edge, int(side × scale + 0.5) (`_get_preprocess_shape`);
 *   pixelValues     resize, × rescale_factor, (x − mean) / std, zero-pad bottom/right to pad_size,
 *                   channels first: [1, 3, padH, padW] float32;
 *   promptArrays    points (source px) × (resized / original) per axis; a box becomes two points
 *                   labelled 2 (top-left) and 3 (bottom-right), SAM's box corner labels;
 *   maskFromLogits  the best of the 3 masks by iou_score, bilinear (align_corners = false) up to
 *                   pad_size, cropped to the resized size, bilinear down to the source size,
 *                   then logits > mask_threshold → 255.
 * Pure (no ORT) and tested against hand-computed values.
 */
import { resizeRgba } from "../../imaging";
import type { SamPreprocessConfig } from "./sam-config";

export interface Size {
  width: number;
  height: number;
}

export interface SamPoint {
  x: number;
  y: number;
  /** 1 = object, 0 = not the object (SAM's labels; 2/3 are box corners). */
  label: 0 | 1;
}

export interface SamPrompt {
  points: SamPoint[];
  box?: { x0: number; y0: number; x1: number; y1: number };
}

export function resizedSize(original: Size, longestEdge: number): Size {
  const scale = longestEdge / Math.max(original.width, original.height);
  return { width: Math.floor(original.width * scale + 0.5), height: Math.floor(original.height * scale + 0.5) };
}

/**
 * Bilinear resampling of a float plane, PyTorch `interpolate(mode="bilinear", align_corners=False)`
 * (no antialiasing): output pixel centres map to source coordinates (o + 0.5) × in/out − 0.5,
 * clamped to the edge.
 */
export function bilinearResize(src: Float32Array, sw: number, sh: number, dw: number, dh: number): Float32Array {
  return bilinearResizeTopLeft(src, sw, sh, dw, dh, dw, dh);
}

/**
 * The top-left `ow × oh` pixels of `bilinearResize(src, sw, sh, dw, dh)`, computed alone: SAM
 * crops its pad-size upsample to the resized image straight away, so the padding's rows and
 * columns (up to a third of a 1024² plane) need never be computed. Same values, bit for bit.
 */
export function bilinearResizeTopLeft(src: Float32Array, sw: number, sh: number, dw: number, dh: number, ow: number, oh: number): Float32Array {
  const out = new Float32Array(ow * oh);
  const sx = sw / dw, sy = sh / dh;
  const x0s = new Int32Array(ow), x1s = new Int32Array(ow), fxs = new Float32Array(ow);
  for (let x = 0; x < ow; x++) {
    const fx = Math.max(0, (x + 0.5) * sx - 0.5);
    const x0 = Math.min(sw - 1, Math.floor(fx));
    x0s[x] = x0;
    x1s[x] = Math.min(sw - 1, x0 + 1);
    fxs[x] = fx - x0;
  }
  for (let y = 0; y < oh; y++) {
    const fy = Math.max(0, (y + 0.5) * sy - 0.5);
    const y0 = Math.min(sh - 1, Math.floor(fy));
    const y1 = Math.min(sh - 1, y0 + 1);
    const wy = fy - y0;
    const r0 = y0 * sw, r1 = y1 * sw, o = y * ow;
    for (let x = 0; x < ow; x++) {
      const a = src[r0 + x0s[x]], b = src[r0 + x1s[x]], c = src[r1 + x0s[x]], d = src[r1 + x1s[x]];
      const wx = fxs[x];
      out[o + x] = (a * (1 - wx) + b * wx) * (1 - wy) + (c * (1 - wx) + d * wx) * wy;
    }
  }
  return out;
}

/**
 * [1, 3, padH, padW] float32 from RGBA pixels (alpha ignored). The resize is imaging's resampler
 * (area average when shrinking, like PIL's antialiased bilinear; bilinear when enlarging), so
 * values differ from PIL's by rounding only; an image already at the resized size is not touched.
 */
export function pixelValues(image: { width: number; height: number; data: Uint8ClampedArray }, config: SamPreprocessConfig): { data: Float32Array; resized: Size } {
  const resized = resizedSize(image, config.longestEdge);
  const same = resized.width === image.width && resized.height === image.height;
  const src = same ? image.data : resizeRgba({ width: image.width, height: image.height, data: image.data }, resized.width, resized.height, "bilinear").data;
  const { padWidth: pw, padHeight: ph } = config;
  const out = new Float32Array(3 * ph * pw); // zeros: the padding (applied after normalisation, as HF pads)
  for (let c = 0; c < 3; c++) {
    const scale = config.rescaleFactor / config.std[c];
    const shift = config.mean[c] / config.std[c];
    for (let y = 0; y < resized.height; y++) {
      const o = c * ph * pw + y * pw;
      const row = y * resized.width;
      for (let x = 0; x < resized.width; x++) out[o + x] = src[(row + x) * 4 + c] * scale - shift;
    }
  }
  return { data: out, resized };
}

/** input_points [1, 1, N, 2] float32 and input_labels [1, 1, N] int64 in the resized image's px. */
export function promptArrays(prompt: SamPrompt, original: Size, resized: Size): { points: Float32Array; labels: BigInt64Array; count: number } {
  const kx = resized.width / original.width, ky = resized.height / original.height;
  const all: { x: number; y: number; label: number }[] = prompt.points.map((p) => ({ x: p.x, y: p.y, label: p.label }));
  if (prompt.box) {
    all.push({ x: prompt.box.x0, y: prompt.box.y0, label: 2 }, { x: prompt.box.x1, y: prompt.box.y1, label: 3 });
  }
  if (all.length === 0) throw new RangeError("Click-select needs at least one point or a box.");
  const points = new Float32Array(all.length * 2);
  const labels = new BigInt64Array(all.length);
  all.forEach((p, i) => {
    points[i * 2] = p.x * kx;
    points[i * 2 + 1] = p.y * ky;
    labels[i] = BigInt(p.label);
  });
  return { points, labels, count: all.length };
}

/** Index of the highest iou score among the masks of the first prompt. */
export function bestMaskIndex(iouScores: Float32Array, masks = 3): number {
  let best = 0;
  for (let i = 1; i < masks; i++) if (iouScores[i] > iouScores[best]) best = i;
  return best;
}

/**
 * One mask of pred_masks [1, 1, M, mh, mw] → binary mask at the original size (0 / 255).
 */
export function maskFromLogits(predMasks: Float32Array, index: number, maskSize: Size, original: Size, resized: Size, config: SamPreprocessConfig): Uint8Array {
  const plane = predMasks.subarray(index * maskSize.width * maskSize.height, (index + 1) * maskSize.width * maskSize.height);
  const cropped = bilinearResizeTopLeft(plane, maskSize.width, maskSize.height, config.padWidth, config.padHeight, resized.width, resized.height);
  const full = bilinearResize(cropped, resized.width, resized.height, original.width, original.height);
  const out = new Uint8Array(full.length);
  for (let i = 0; i < full.length; i++) out[i] = full[i] > config.maskThreshold ? 255 : 0;
  return out;
}
