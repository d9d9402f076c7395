/** PNG in Node via pngjs. Only ever loaded through png.ts's runtime selector, never bundled for the browser. */
import { PNG } from "pngjs";
import type { RgbaImage } from "./image";
import { assertRgbaImage } from "./image-checks";
import { PngError } from "./errors";

export async function encodePng(img: RgbaImage): Promise<Uint8Array> {
  assertRgbaImage(img);
  const png = new PNG({ width: img.width, height: img.height, colorType: 6, inputColorType: 6, inputHasAlpha: true });
  png.data = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  const bytes = PNG.sync.write(png, { colorType: 6 });
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export async function decodePng(bytes: Uint8Array): Promise<RgbaImage> {
  let png: PNG;
  try {
    // pngjs expands every colour type / bit depth to 8-bit RGBA (16-bit is rescaled).
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new PngError(`Could not decode the PNG (${(e as Error).message}). Export the image as PNG again.`);
  }
  // Copy: pngjs may hand out a view on a shared pool buffer.
  return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data) };
}
