/**
 * Pixel containers shared by imaging, engine and ui. Same memory layout as the DOM's ImageData so
 * they convert without copies, but usable in Node and in workers.
 */

/** 8-bit RGBA, straight (not premultiplied) alpha, row-major, 4 bytes per pixel. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray; // [H, W, 4]
}

/**
 * 8-bit single-channel image. As a mask: 0 = keep, 255 = repaint, values between are partial
 * coverage (feathered edges). Same convention as diffusers' inpainting masks.
 */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array; // [H, W]
}

export function createRgbaImage(width: number, height: number): RgbaImage {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

export function createGrayImage(width: number, height: number): GrayImage {
  return { width, height, data: new Uint8Array(width * height) };
}
