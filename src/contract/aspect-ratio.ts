/**
 * createImageContainer's rule (SDK 1.40 `Editor.createImageContainer`): "initialSize … Must have
 * the same aspect ratio as bitmapData." One definition for the sandbox (which sizes the layer) and
 * the fake Express (which enforces the rule), so no tolerance differs between them. "Same" means
 * equal up to float rounding of the multiplications that produced the size — nothing looser.
 */
export const ASPECT_RATIO_RELATIVE_EPSILON = 1e-9;

export function sameAspectRatio(a: { width: number; height: number }, b: { width: number; height: number }): boolean {
  const lhs = a.width * b.height;
  const rhs = a.height * b.width;
  if (!(lhs > 0 && rhs > 0)) return false;
  return Math.abs(lhs - rhs) <= ASPECT_RATIO_RELATIVE_EPSILON * Math.max(lhs, rhs);
}

/**
 * The size with the bitmap's exact aspect ratio that best covers `box` (minimises the larger of
 * the two axis errors; both then equal |W·h − H·w| / (W + H)). Centred on the box, each edge is
 * off by half that.
 */
export function fitBitmapToBox(bitmap: { width: number; height: number }, box: { width: number; height: number }): { width: number; height: number; axisError: number } {
  const s = (box.width + box.height) / (bitmap.width + bitmap.height);
  const width = bitmap.width * s;
  const height = bitmap.height * s;
  return { width, height, axisError: Math.max(Math.abs(width - box.width), Math.abs(height - box.height)) };
}
