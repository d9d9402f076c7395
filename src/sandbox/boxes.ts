/** Axis-aligned box arithmetic of the sandbox (its affine maths is contract/affine.ts). */
import type { Box } from "../contract/geometry";

export function unionBoxes(boxes: readonly Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Intersection, or undefined when the boxes do not overlap (touching edges do not count). */
export function intersectBoxes(a: Box, b: Box): Box | undefined {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.width, b.x + b.width);
  const y1 = Math.min(a.y + a.height, b.y + b.height);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : undefined;
}

/** Smallest box with integer edges that contains `box` (tolerates float noise of 1e-6 px). */
export function snapOutward(box: Box): Box {
  const eps = 1e-6;
  const x0 = Math.floor(box.x + eps);
  const y0 = Math.floor(box.y + eps);
  const x1 = Math.ceil(box.x + box.width - eps);
  const y1 = Math.ceil(box.y + box.height - eps);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
