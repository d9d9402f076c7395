/** The engine's float output [B, H, W, 3] in [0, 1] → one opaque RGBA image per batch entry. */
import type { RgbaPixels } from "../../contract/worker-protocol";

export function floatBatchToRgba(pixels: Float32Array, width: number, height: number, count: number): RgbaPixels[] {
  const plane = width * height;
  if (pixels.length !== count * plane * 3) {
    throw new RangeError(`Expected ${count}×${height}×${width}×3 floats, got ${pixels.length}.`);
  }
  const images: RgbaPixels[] = [];
  for (let b = 0; b < count; b++) {
    const data = new Uint8ClampedArray(plane * 4); // [H, W, 4]
    const base = b * plane * 3;
    for (let i = 0; i < plane; i++) {
      data[i * 4] = Math.round(pixels[base + i * 3] * 255);
      data[i * 4 + 1] = Math.round(pixels[base + i * 3 + 1] * 255);
      data[i * 4 + 2] = Math.round(pixels[base + i * 3 + 2] * 255);
      data[i * 4 + 3] = 255;
    }
    images.push({ width, height, data });
  }
  return images;
}
