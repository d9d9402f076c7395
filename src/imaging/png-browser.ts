/**
 * PNG in browsers and workers through OffscreenCanvas / createImageBitmap (the browser's own,
 * native codec). Canvas 2D stores premultiplied colour, so for semi-transparent pixels the colour
 * channels can round by a level or so; opaque pixels round-trip exactly.
 */
import type { RgbaImage } from "./image";
import { assertRgbaImage } from "./image-checks";
import { PngError } from "./errors";

function context2d(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx) throw new PngError("This browser cannot create a 2D OffscreenCanvas, so images cannot be converted to PNG here.");
  return ctx;
}

export async function encodePng(img: RgbaImage): Promise<Uint8Array> {
  assertRgbaImage(img);
  const canvas = new OffscreenCanvas(img.width, img.height);
  context2d(canvas).putImageData(new ImageData(new Uint8ClampedArray(img.data), img.width, img.height), 0, 0);
  const blob = await canvas.convertToBlob({ type: "image/png" });
  return new Uint8Array(await blob.arrayBuffer());
}

export async function decodePng(bytes: Uint8Array): Promise<RgbaImage> {
  let bitmap: ImageBitmap;
  try {
    const blob = new Blob([new Uint8Array(bytes)], { type: "image/png" });
    bitmap = await createImageBitmap(blob, { premultiplyAlpha: "none", colorSpaceConversion: "none" });
  } catch (e) {
    throw new PngError(`Could not decode the PNG (${(e as Error).message}). Export the image as PNG again.`);
  }
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = context2d(canvas);
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    return { width: bitmap.width, height: bitmap.height, data: new Uint8ClampedArray(data) };
  } finally {
    bitmap.close();
  }
}
