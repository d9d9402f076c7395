/**
 * Which node a click lands on, as Express decides it: the topmost item directly on the artboard
 * whose visible shape contains the point (a click inside a group selects the whole group).
 */
import type { NodeModel, PageModel } from "../fake-express";
import { invertAffine, mapPoint } from "../../contract/affine";

/** Context used only for isPointInPath on SVG paths. */
let pathProbe: OffscreenCanvasRenderingContext2D | undefined;

/** @param tolerance page units a thin shape (line) may be missed by */
export function topmostNodeAt(page: PageModel, x: number, y: number, tolerance: number): NodeModel | undefined {
  const items = page.artboard.children;
  for (let i = items.length - 1; i >= 0; i--) {
    if (contains(items[i], x, y, tolerance)) return items[i];
  }
  return undefined;
}

/** Point (x, y) in the node's PARENT space. */
function contains(node: NodeModel, x: number, y: number, tolerance: number): boolean {
  if (node.opacity <= 0) return false; // Express ignores clicks on fully transparent items
  const local = mapPoint(invertAffine(node.matrix), { x, y });
  switch (node.kind) {
    case "group":
      return node.children.some((child) => contains(child, local.x, local.y, tolerance));
    case "ellipse":
      return (local.x / node.rx) ** 2 + (local.y / node.ry) ** 2 <= 1;
    case "path":
    case "complexShape":
    case "solidColorShape":
    case "strokeShape":
    case "polygon": {
      pathProbe ??= new OffscreenCanvas(1, 1).getContext("2d") ?? undefined;
      return pathProbe?.isPointInPath(new Path2D(node.pathData), local.x, local.y, node.evenOdd ? "evenodd" : "nonzero") ?? false;
    }
    case "line":
      return local.x >= 0 && local.x <= node.width && Math.abs(local.y) <= tolerance;
    case "mediaContainer": {
      const o = node.maskOffset ?? { x: 0, y: 0 };
      return local.x >= o.x && local.x <= o.x + node.width && local.y >= o.y && local.y <= o.y + node.height;
    }
    default: // rectangle, text
      return local.x >= 0 && local.x <= node.width && local.y >= 0 && local.y <= node.height;
  }
}
