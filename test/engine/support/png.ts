/** PNG files → the engine's image types (tests only; pngjs decodes every PNG to RGBA). */
import { readFileSync } from "node:fs";
import { PNG } from "pngjs";
import type { GrayImage, RgbaImage } from "../../../src/imaging/image";

export function readRgbaPng(path: string): RgbaImage {
  const png = PNG.sync.read(readFileSync(path));
  return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length) };
}

/** A grayscale mask PNG (its red channel). */
export function readGrayPng(path: string): GrayImage {
  const png = PNG.sync.read(readFileSync(path));
  const data = new Uint8Array(png.width * png.height);
  for (let i = 0; i < data.length; i++) data[i] = png.data[i * 4];
  return { width: png.width, height: png.height, data };
}
