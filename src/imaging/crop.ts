/** Cutting regions out of images and putting them back. */
import { createGrayImage, createRgbaImage, type GrayImage, type RgbaImage } from "./image";
import { assertGrayImage, assertRgbaImage } from "./image-checks";
import { assertRectInside, intersectRect, type Rect } from "./geometry";

export function cropRgba(img: RgbaImage, rect: Rect): RgbaImage {
  assertRgbaImage(img, "source image");
  assertRectInside(rect, img.width, img.height, "crop rectangle");
  const out = createRgbaImage(rect.width, rect.height);
  const rowBytes = rect.width * 4;
  for (let y = 0; y < rect.height; y++) {
    const from = ((rect.y + y) * img.width + rect.x) * 4;
    out.data.set(img.data.subarray(from, from + rowBytes), y * rowBytes);
  }
  return out;
}

export function cropGray(mask: GrayImage, rect: Rect): GrayImage {
  assertGrayImage(mask);
  assertRectInside(rect, mask.width, mask.height, "crop rectangle");
  return extractGray(mask, 0, 0, rect);
}

/**
 * The `rect` part (source coordinates) of a mask whose pixel (0,0) sits at source (originX, originY);
 * parts of rect the mask does not cover are 0 (keep). Lets window-sized masks feed full-source plans.
 */
export function extractGray(mask: GrayImage, originX: number, originY: number, rect: Rect): GrayImage {
  assertGrayImage(mask);
  const out = createGrayImage(rect.width, rect.height);
  const overlap = intersectRect(rect, { x: originX, y: originY, width: mask.width, height: mask.height });
  for (let y = overlap.y; y < overlap.y + overlap.height; y++) {
    const from = (y - originY) * mask.width + (overlap.x - originX);
    out.data.set(mask.data.subarray(from, from + overlap.width), (y - rect.y) * rect.width + (overlap.x - rect.x));
  }
  return out;
}

/** Copies `patch` into `target` at (x, y), in place. */
export function pasteRgba(target: RgbaImage, patch: RgbaImage, x: number, y: number): void {
  assertRgbaImage(target, "target image");
  assertRgbaImage(patch, "patch");
  assertRectInside({ x, y, width: patch.width, height: patch.height }, target.width, target.height, "paste rectangle");
  const rowBytes = patch.width * 4;
  for (let r = 0; r < patch.height; r++) {
    target.data.set(patch.data.subarray(r * rowBytes, (r + 1) * rowBytes), ((y + r) * target.width + x) * 4);
  }
}

export function cloneRgba(img: RgbaImage): RgbaImage {
  return { width: img.width, height: img.height, data: new Uint8ClampedArray(img.data) };
}
