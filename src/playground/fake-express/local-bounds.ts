/** The fake's boundsLocal for each node kind. */
import type { Rect } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import { transformedBounds } from "../../contract/affine";
import { unionBoxes } from "../../sandbox/boxes";
import type { NodeModel } from "./model";
import { pathBounds } from "./path-bounds";

/** Local bounds by kind (ellipses are centred on their local origin; see builders.ts). */
export function localBounds(m: NodeModel): Rect {
  const b = fillBounds(m);
  const half = m.strokeWidth / 2;
  return half > 0 ? { x: b.x - half, y: b.y - half, width: b.width + 2 * half, height: b.height + 2 * half } : b;
}

/** The geometry's own bounds, before any stroke. */
function fillBounds(m: NodeModel): Rect {
  switch (m.kind) {
    case "ellipse":
      return { x: -m.rx, y: -m.ry, width: 2 * m.rx, height: 2 * m.ry };
    case "path":
    case "complexShape":
    case "solidColorShape":
    case "strokeShape":
    case "polygon":
      return pathBounds(m.pathData);
    case "mediaContainer":
      return { x: m.maskOffset?.x ?? 0, y: m.maskOffset?.y ?? 0, width: m.width, height: m.height };
    case "group":
      return unionBoxes(m.children.map((c) => transformedBounds(c.matrix, localBounds(c)))) ?? { x: 0, y: 0, width: 0, height: 0 };
    default:
      return { x: 0, y: 0, width: m.width, height: m.height };
  }
}
