/**
 * Pre/post-processing around MI-GAN's ONNX pipeline (migan_pipeline_v2.onnx), in three steps:
 *
 *   1. crop: only a square around the hole goes to the model, sized by the graph's own rule (the
 *      hole's bounding box + 128 px each side, at least 512 px), so the graph's internal crop is
 *      the same as on the whole picture while a 16 MP picture is not copied into the graph;
 *   2. pack: RGB planes (NCHW uint8) and the mask in MI-GAN's polarity — 255 = keep, 0 = fill,
 *      the inverse of this add-on's masks (0 keep … 255 repaint); any coverage is filled, as the
 *      export script sets every mask value below 255 to 0;
 *   3. paste: the result replaces pixels only inside the hole (the graph's own blend also changes
 *      kept pixels next to it), weighted by the mask's own value and a short inward feather, so
 *      pixels outside the mask stay the input's, bit for bit.
 * Facts from Picsart-AI-Research/MI-GAN scripts/create_onnx_pipeline.py (get_masked_bbox, forward).
 */
import type { GrayImage, RgbaImage } from "../../contract/worker-protocol";

/** A rectangle of the picture, in pixels. */
export interface CropBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** MI-GAN's crop rule (create_onnx_pipeline.py: `padding = 128`, the model resolution 512). */
export const MIGAN_CROP = { contextPx: 128, minSide: 512 } as const;

/** The square crop around every pixel with mask > 0, clamped into the picture; null for an empty mask. */
export function cropAroundHole(mask: GrayImage, rule: { contextPx: number; minSide: number } = MIGAN_CROP): CropBox | null {
  const { width, height, data } = mask;
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x] === 0) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x1 < 0) return null;
  const side = Math.max(Math.max(x1 - x0 + 1, y1 - y0 + 1) + 2 * rule.contextPx, rule.minSide);
  const place = (lo: number, hi: number, size: number) => {
    const span = Math.min(side, size);
    const start = Math.floor((lo + hi + 1) / 2) - Math.floor(side / 2);
    return { start: Math.max(0, Math.min(start, size - span)), span };
  };
  const h = place(x0, x1, width), v = place(y0, y1, height);
  return { x: h.start, y: v.start, width: h.span, height: v.span };
}

/** The crop's RGB as planar uint8 `[3, h, w]` (alpha is not sent: MI-GAN takes RGB). */
export function packImage(image: RgbaImage, box: CropBox): Uint8Array {
  const plane = box.width * box.height;
  const out = new Uint8Array(3 * plane);
  for (let y = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++) {
      const src = ((box.y + y) * image.width + box.x + x) * 4, dst = y * box.width + x;
      out[dst] = image.data[src];
      out[plane + dst] = image.data[src + 1];
      out[2 * plane + dst] = image.data[src + 2];
    }
  }
  return out;
}

/** The crop's mask in MI-GAN's polarity, `[1, h, w]`: 255 where ours is 0 (keep), 0 elsewhere (fill). */
export function packMask(mask: GrayImage, box: CropBox): Uint8Array {
  const out = new Uint8Array(box.width * box.height);
  for (let y = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++) out[y * box.width + x] = mask.data[(box.y + y) * mask.width + box.x + x] > 0 ? 0 : 255;
  }
  return out;
}

/**
 * Steps (8-neighbour) from each pixel of the crop to the nearest kept pixel, counted up to
 * `limit` (pixels farther in get `limit`; kept pixels 0). The picture's border is not a kept pixel:
 * a hole that touches it is not feathered there. (The crop always holds the hole's neighbours.)
 */
export function stepsToKept(mask: GrayImage, box: CropBox, limit: number): Uint8Array {
  const { width: w, height: h } = box;
  const steps = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) steps[y * w + x] = mask.data[(box.y + y) * mask.width + box.x + x] > 0 ? limit : 0;
  for (let d = 1; d < limit; d++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (steps[y * w + x] < limit) continue;
        let near = false;
        for (let dy = -1; dy <= 1 && !near; dy++) {
          for (let dx = -1; dx <= 1 && !near; dx++) {
            const nx = x + dx, ny = y + dy;
            near = nx >= 0 && ny >= 0 && nx < w && ny < h && steps[ny * w + nx] === d - 1;
          }
        }
        if (near) steps[y * w + x] = d;
      }
    }
  }
  return steps;
}

/**
 * The picture with the model's crop result (planar uint8 `[3, h, w]`) pasted inside the mask:
 * weight = mask / 255 × min(1, steps to the nearest kept pixel / featherPx). Outside the mask
 * every byte is the input's; alpha is the input's everywhere.
 */
export function pasteInsideMask(image: RgbaImage, mask: GrayImage, result: Uint8Array, box: CropBox, featherPx = 2): RgbaImage {
  const data = new Uint8ClampedArray(image.data);
  const plane = box.width * box.height;
  const ramp = Math.max(1, Math.round(featherPx));
  const steps = stepsToKept(mask, box, ramp);
  for (let y = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++) {
      const m = mask.data[(box.y + y) * mask.width + box.x + x];
      if (m === 0) continue;
      const i = y * box.width + x;
      const weight = (m / 255) * Math.min(1, steps[i] / ramp);
      const px = ((box.y + y) * image.width + box.x + x) * 4;
      for (let c = 0; c < 3; c++) data[px + c] = Math.round(data[px + c] + (result[c * plane + i] - data[px + c]) * weight);
    }
  }
  return { width: image.width, height: image.height, data };
}
