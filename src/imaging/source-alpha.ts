/**
 * Transparency of a source captured from a page rendition (issue 15): the page is one flat
 * picture, so the image's own alpha survives only where the page background is known.
 *
 *   keyOutBackdrop   the rendition came back opaque over a known solid page colour: pixels of exactly
 *                    that colour (±tolerance) reachable from the box's border through such pixels
 *                    are where the page shows through → alpha 0. Interior pixels of the page colour
 *                    (a white shirt inside a cut-out) stay opaque; edges keep their mixed colour.
 *   flattenOver      what the model sees: colour over the page colour where alpha < 1 (a transparent
 *                    pixel's RGB is undefined), alpha kept as it was for the finish step.
 *   alphaMean        the figure tests and the report quote.
 */
import type { RgbaImage } from "./image";

export interface Rgb {
  red: number;
  green: number;
  blue: number;
}

/** Channels 0–1 (the SDK's Color) → 0–255. */
export function rgb255(c: Rgb): [number, number, number] {
  return [Math.round(c.red * 255), Math.round(c.green * 255), Math.round(c.blue * 255)];
}

/** Sets alpha 0 on the border-connected region of `colour`; returns how many pixels it keyed out. */
export function keyOutBackdrop(image: RgbaImage, colour: Rgb, tolerance = 1): number {
  const { width, height, data } = image;
  const [r, g, b] = rgb255(colour);
  const matches = (p: number) =>
    data[p * 4 + 3] === 255 && Math.abs(data[p * 4] - r) <= tolerance && Math.abs(data[p * 4 + 1] - g) <= tolerance && Math.abs(data[p * 4 + 2] - b) <= tolerance;
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const push = (p: number) => {
    if (!seen[p] && matches(p)) {
      seen[p] = 1;
      stack.push(p);
    }
  };
  for (let x = 0; x < width; x++) {
    push(x);
    push((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    push(y * width);
    push(y * width + width - 1);
  }
  let keyed = 0;
  while (stack.length > 0) {
    const p = stack.pop()!;
    data[p * 4 + 3] = 0;
    keyed += 1;
    const x = p % width;
    if (x > 0) push(p - 1);
    if (x < width - 1) push(p + 1);
    if (p >= width) push(p - width);
    if (p < width * (height - 1)) push(p + width);
  }
  return keyed;
}

/** A copy whose RGB is composited over `colour` (alpha unchanged). */
export function flattenOver(image: RgbaImage, colour: Rgb): RgbaImage {
  const [r, g, b] = rgb255(colour);
  const data = new Uint8ClampedArray(image.data);
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3] / 255;
    if (a === 1) continue;
    data[i] = data[i] * a + r * (1 - a);
    data[i + 1] = data[i + 1] * a + g * (1 - a);
    data[i + 2] = data[i + 2] * a + b * (1 - a);
  }
  return { width: image.width, height: image.height, data };
}

/** True when some pixel is not fully opaque. */
export function hasTransparency(image: RgbaImage): boolean {
  for (let i = 3; i < image.data.length; i += 4) if (image.data[i] < 255) return true;
  return false;
}

/** Mean alpha, 0–1. */
export function alphaMean(image: RgbaImage): number {
  let sum = 0;
  for (let i = 3; i < image.data.length; i += 4) sum += image.data[i];
  return sum / (255 * image.width * image.height);
}
