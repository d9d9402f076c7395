/**
 * diffusers' VaeImageProcessor for the pipelines: sizes floored to a multiple of 8, pixels to
 * [-1, 1] NCHW, masks binarised, the masked image, nearest-neighbour latent masks, and the
 * decoded image back to [0, 1] NHWC / RGBA.
 */
import type { GrayImage, RgbaImage } from "../../imaging/image";
import { InvalidInputError } from "../errors";
import { resizeLanczos } from "./resize-lanczos";

export const VAE_SCALE_FACTOR = 8;

export interface Size {
  width: number;
  height: number;
}

/**
 * The size the pipeline runs at: each side floored to a multiple of 8, like diffusers'
 * `get_default_height_width`. A 70×67 image is resized (Lanczos) to 64×64 and the output is 64×64.
 */
export function pipelineSize(width: number, height: number): Size {
  const w = width - (width % VAE_SCALE_FACTOR);
  const h = height - (height % VAE_SCALE_FACTOR);
  if (w < VAE_SCALE_FACTOR || h < VAE_SCALE_FACTOR) {
    throw new InvalidInputError(`The image is ${width}×${height}; it must be at least 8×8 pixels. Select a larger area.`);
  }
  return { width: w, height: h };
}

function checkImage(image: RgbaImage, what: string): void {
  if (!(image.width > 0 && image.height > 0) || image.data.length !== image.width * image.height * 4) {
    throw new InvalidInputError(`The ${what} is malformed: ${image.width}×${image.height} with ${image.data.length} bytes (expected width×height×4 RGBA bytes).`);
  }
}

/** RGBA (alpha ignored, as diffusers converts to RGB) → [1, 3, H, W] float32 in [-1, 1]. */
export function preprocessImage(image: RgbaImage, size: Size): Float32Array {
  checkImage(image, "image");
  let rgba: Uint8Array | Uint8ClampedArray = image.data;
  if (image.width !== size.width || image.height !== size.height) {
    rgba = resizeLanczos(image.data, image.width, image.height, 4, size.width, size.height);
  }
  const plane = size.width * size.height;
  const out = new Float32Array(3 * plane); // [1, 3, H, W]
  const toUnit = normalizeTable();
  for (let i = 0, p = 0; i < plane; i++, p += 4) {
    out[i] = toUnit[rgba[p]];
    out[plane + i] = toUnit[rgba[p + 1]];
    out[2 * plane + i] = toUnit[rgba[p + 2]];
  }
  return out;
}

let normalized: Float32Array | null = null;

/** The 256 possible values of `float32(x / 255) * 2 - 1` in float32, exactly as numpy/torch compute them. */
function normalizeTable(): Float32Array {
  if (!normalized) {
    normalized = new Float32Array(256);
    for (let v = 0; v < 256; v++) normalized[v] = Math.fround(Math.fround(v / 255) * 2) - 1;
  }
  return normalized;
}

/** Mask (0 keep … 255 repaint) → [1, 1, H, W] binarised to {0, 1} (value/255 >= 0.5 → 1). */
export function preprocessMask(mask: GrayImage, image: RgbaImage, size: Size): Float32Array {
  if (!(mask.width > 0 && mask.height > 0) || mask.data.length !== mask.width * mask.height) {
    throw new InvalidInputError(`The mask is malformed: ${mask.width}×${mask.height} with ${mask.data.length} bytes (expected one byte per pixel).`);
  }
  if (mask.width !== image.width || mask.height !== image.height) {
    throw new InvalidInputError(
      `The mask is ${mask.width}×${mask.height} but the image is ${image.width}×${image.height}; they must be the same size. Rebuild the mask for this image.`,
    );
  }
  let gray: Uint8Array = mask.data;
  if (mask.width !== size.width || mask.height !== size.height) {
    gray = resizeLanczos(mask.data, mask.width, mask.height, 1, size.width, size.height);
  }
  const out = new Float32Array(gray.length);
  let repaint = 0;
  for (let i = 0; i < gray.length; i++) {
    // 128/255 = 0.502 ≥ 0.5 → 1; 127/255 = 0.498 → 0.
    const v = gray[i] >= 128 ? 1 : 0;
    out[i] = v;
    repaint += v;
  }
  if (repaint === 0) {
    throw new InvalidInputError("The mask is empty: nothing would be repainted. Select the area to fill (white = repaint).");
  }
  return out;
}

/** True when every pixel is to be repainted (the image then only matters through strength < 1). */
export function isFullMask(maskCondition: Float32Array): boolean {
  for (let i = 0; i < maskCondition.length; i++) if (maskCondition[i] < 0.5) return false;
  return true;
}

/** `init_image * (mask_condition < 0.5)`: [1, 3, H, W], the repaint region set to 0 (mid-grey). */
export function maskImage(initImage: Float32Array, maskCondition: Float32Array): Float32Array {
  const plane = maskCondition.length;
  const out = new Float32Array(initImage.length);
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < plane; i++) out[c * plane + i] = maskCondition[i] < 0.5 ? initImage[c * plane + i] : 0;
  }
  return out;
}

/** F.interpolate(mask, size=(H/8, W/8), mode="nearest"): the top-left pixel of each 8×8 block. [1, 1, h, w] */
export function downsampleMaskNearest(maskCondition: Float32Array, size: Size): Float32Array {
  const h = size.height / VAE_SCALE_FACTOR;
  const w = size.width / VAE_SCALE_FACTOR;
  const out = new Float32Array(h * w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) out[y * w + x] = maskCondition[y * VAE_SCALE_FACTOR * size.width + x * VAE_SCALE_FACTOR];
  }
  return out;
}

/** Decoder output [B, 3, H, W] → clamp(x / 2 + 0.5, 0, 1) as [B, H, W, 3] float32. */
export function postprocessImages(decoded: Float32Array, batch: number, size: Size): Float32Array {
  const plane = size.width * size.height;
  const out = new Float32Array(batch * plane * 3);
  for (let b = 0; b < batch; b++) {
    const r = b * 3 * plane;
    const g = r + plane;
    const bl = g + plane;
    let o = b * plane * 3;
    for (let i = 0; i < plane; i++) {
      // x * 0.5 + 0.5 is exact in float64 for |x| > 2^-29, so the float32 store rounds once, like torch.
      const vr = decoded[r + i] * 0.5 + 0.5;
      const vg = decoded[g + i] * 0.5 + 0.5;
      const vb = decoded[bl + i] * 0.5 + 0.5;
      out[o++] = vr < 0 ? 0 : vr > 1 ? 1 : vr;
      out[o++] = vg < 0 ? 0 : vg > 1 ? 1 : vg;
      out[o++] = vb < 0 ? 0 : vb > 1 ? 1 : vb;
    }
  }
  return out;
}

/** [B, H, W, 3] in [0, 1] → RGBA images, `round(x * 255)` with numpy's half-to-even rounding. */
export function toRgbaImages(pixels: Float32Array, batch: number, size: Size): RgbaImage[] {
  const plane = size.width * size.height;
  const images: RgbaImage[] = [];
  for (let b = 0; b < batch; b++) {
    const data = new Uint8ClampedArray(plane * 4);
    for (let i = 0; i < plane; i++) {
      for (let c = 0; c < 3; c++) data[i * 4 + c] = roundHalfEven(Math.fround(pixels[(b * plane + i) * 3 + c] * 255));
      data[i * 4 + 3] = 255;
    }
    images.push({ width: size.width, height: size.height, data });
  }
  return images;
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
