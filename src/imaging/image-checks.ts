/**
 * Guards for images arriving from other modules (worker messages, PNG decoders, the UI): a wrong
 * size or buffer must be a clear error here, not garbage pixels or NaN later.
 */
import { ImageSizeError } from "./errors";
import type { GrayImage, RgbaImage } from "./image";

function assertDims(width: number, height: number, what: string): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new ImageSizeError(`The ${what} must have a positive integer width and height; got ${width}×${height}.`);
  }
}

export function assertRgbaImage(img: RgbaImage, what = "image"): void {
  assertDims(img.width, img.height, what);
  if (!(img.data instanceof Uint8ClampedArray) || img.data.length !== img.width * img.height * 4) {
    throw new ImageSizeError(
      `The ${what} (${img.width}×${img.height}) needs a Uint8ClampedArray of ${img.width * img.height * 4} bytes (RGBA); got ${img.data?.length}.`,
    );
  }
}

export function assertGrayImage(img: GrayImage, what = "mask"): void {
  assertDims(img.width, img.height, what);
  if (!(img.data instanceof Uint8Array) || img.data.length !== img.width * img.height) {
    throw new ImageSizeError(
      `The ${what} (${img.width}×${img.height}) needs a Uint8Array of ${img.width * img.height} bytes; got ${img.data?.length}.`,
    );
  }
}

export function assertSameSize(
  a: { width: number; height: number },
  b: { width: number; height: number },
  whatA: string,
  whatB: string,
): void {
  if (a.width !== b.width || a.height !== b.height) {
    throw new ImageSizeError(`The ${whatA} is ${a.width}×${a.height} but the ${whatB} is ${b.width}×${b.height}; they must match.`);
  }
}
