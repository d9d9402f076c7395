/**
 * Pixel containers shared by imaging, engine and ui. Same memory layout as the DOM's ImageData so
 * they convert without copies, but usable in Node and in workers.
 */

import type { GrayImage, RgbaImage } from "../contract/pixels";

export type { GrayImage, RgbaImage };

export function createRgbaImage(width: number, height: number): RgbaImage {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

export function createGrayImage(width: number, height: number): GrayImage {
  return { width, height, data: new Uint8Array(width * height) };
}
