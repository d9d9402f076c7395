/** PNG in Node via pngjs. Only ever loaded through png.ts's runtime selector, never bundled for the browser. */
import { inflateSync } from "node:zlib";
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

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * pngjs decodes a cut-off or damaged zlib stream without complaint (missing rows come back as
 * zeros or garbage), so the pixel data is inflated once here first: an incomplete stream, a bad
 * checksum or too few bytes for the image is an error, never a silently wrong image.
 */
function assertCompletePixelData(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let at = 8;
  let expected = 0;
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (type === "IHDR") {
      const width = view.getUint32(at + 8);
      const height = view.getUint32(at + 12);
      const depth = bytes[at + 16];
      const interlaced = bytes[at + 20] !== 0;
      const rowBytes = Math.ceil((width * depth * (CHANNELS[bytes[at + 17]] ?? 4)) / 8);
      expected = interlaced ? 0 : height * (1 + rowBytes);
    }
    if (type === "IDAT") parts.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const inflated = inflateSync(Buffer.concat(parts));
  if (inflated.length < expected) throw new PngError(`${inflated.length} of ${expected} pixel bytes`);
}

export async function decodePng(bytes: Uint8Array): Promise<RgbaImage> {
  let png: PNG;
  try {
    assertCompletePixelData(bytes);
    // pngjs expands every colour type / bit depth to 8-bit RGBA (16-bit is rescaled).
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new PngError(`Could not decode the PNG (${(e as Error).message}). Export the image as PNG again.`);
  }
  // Copy: pngjs may hand out a view on a shared pool buffer.
  return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data) };
}
