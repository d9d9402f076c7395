/**
 * Pixel containers shared by every layer (sandbox excepted): plain objects with a typed array, so
 * they cross postMessage (buffers transferred) and share ImageData's memory layout without copies.
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
