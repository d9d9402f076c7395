/**
 * Blending the generated region into the source through the feathered mask. Where the mask is 0
 * the source bytes are copied, so everything outside the grown + feathered mask is bit-identical.
 * Partial mask values blend premultiplied, so transparent source pixels do not tint the result.
 */
import type { GrayImage, RgbaImage } from "./image";
import { assertGrayImage, assertRgbaImage, assertSameSize } from "./image-checks";
import { assertRectInside, type Rect } from "./geometry";
import { cloneRgba } from "./crop";

/**
 * Blends `patch` (rect-sized) over `target`'s `rect` in place, weighted by `blendMask` (rect-sized).
 */
export function blendInto(target: RgbaImage, patch: RgbaImage, blendMask: GrayImage, rect: Rect): void {
  assertRgbaImage(target, "target image");
  assertRgbaImage(patch, "generated region");
  assertGrayImage(blendMask, "blend mask");
  assertRectInside(rect, target.width, target.height, "composite rectangle");
  assertSameSize(rect, patch, "composite rectangle", "generated region");
  assertSameSize(rect, blendMask, "composite rectangle", "blend mask");
  const t = target.data, p = patch.data, m = blendMask.data;
  const W = target.width;
  for (let y = 0; y < rect.height; y++) {
    let ti = ((rect.y + y) * W + rect.x) * 4;
    let pi = y * rect.width * 4;
    let mi = y * rect.width;
    for (let x = 0; x < rect.width; x++, ti += 4, pi += 4, mi++) {
      const mv = m[mi];
      if (mv === 0) continue; // keep the source, bit for bit
      if (mv === 255) {
        t[ti] = p[pi];
        t[ti + 1] = p[pi + 1];
        t[ti + 2] = p[pi + 2];
        t[ti + 3] = p[pi + 3];
        continue;
      }
      const w = mv / 255;
      const as = t[ti + 3], ag = p[pi + 3];
      const ws = as * (1 - w), wg = ag * w; // premultiplied weights
      const a = ws + wg;
      if (a <= 0) {
        t[ti + 3] = 0;
        continue;
      }
      t[ti] = (t[ti] * ws + p[pi] * wg) / a;
      t[ti + 1] = (t[ti + 1] * ws + p[pi + 1] * wg) / a;
      t[ti + 2] = (t[ti + 2] * ws + p[pi + 2] * wg) / a;
      t[ti + 3] = a;
    }
  }
}

/** A new full-size image: the source with the generated region blended in at `rect`. */
export function compositeRegion(source: RgbaImage, patch: RgbaImage, blendMask: GrayImage, rect: Rect): RgbaImage {
  assertRgbaImage(source, "source image");
  const out = cloneRgba(source);
  blendInto(out, patch, blendMask, rect);
  return out;
}

/**
 * Only the `rect` part of the composite (same pixels as compositeRegion there): what a layer placed
 * at rect.x, rect.y above the source needs; costs the selection, not the document.
 */
export function compositePatch(sourceRegion: RgbaImage, patch: RgbaImage, blendMask: GrayImage): RgbaImage {
  assertRgbaImage(sourceRegion, "source region");
  const out = cloneRgba(sourceRegion);
  blendInto(out, patch, blendMask, { x: 0, y: 0, width: out.width, height: out.height });
  return out;
}
