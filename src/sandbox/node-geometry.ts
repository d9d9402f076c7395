/**
 * Geometry of live nodes as plain contract data. Everything is read through stable APIs:
 * `localPointInNode` (which folds in every ancestor's translation, rotation and scale) and the
 * shape's own size properties.
 */
import type { Affine2D, Box, ShapeGeometry } from "../contract/geometry";
import { affineFromBasis, composeAffine, translation } from "../contract/affine";
import type { ConstantsSurface, NodeSurface, RectangleSurface, VisualNodeSurface } from "./express-surface";
import type { ShapeKind } from "./node-kinds";

/** The node's local space → `target`'s local space (e.g. the artboard = page space). */
export function localToNodeAffine(node: VisualNodeSurface, target: VisualNodeSurface): Affine2D {
  const origin = node.localPointInNode({ x: 0, y: 0 }, target);
  const unitX = node.localPointInNode({ x: 1, y: 0 }, target);
  const unitY = node.localPointInNode({ x: 0, y: 1 }, target);
  return affineFromBasis(origin, unitX, unitY);
}

/** A shape as plain geometry, plus the map from its canonical box to the node's local space. */
export interface ShapeInLocalSpace {
  shape: ShapeGeometry;
  /** Shape's own coordinates (contract convention) → node local coordinates. */
  shapeToLocal: Affine2D;
  /** Conservative bounds of the shape in its own coordinates. */
  bounds: Box;
  /** Set when the SDK gives no outline for the kind: `shape` is the node's bounds. */
  outline?: "box";
}

/**
 * Rectangles and ellipses are described in a canonical box ([0,w]×[0,h], [0,2rx]×[0,2ry]) placed
 * by the centre of the node's boundsLocal: the SDK does not promise where a shape's local origin
 * is, and a stroke widens boundsLocal symmetrically, so the centre is the one reliable anchor.
 */
export function shapeInLocalSpace(k: ShapeKind, constants: ConstantsSurface): ShapeInLocalSpace {
  const center = centreOf(k.node.boundsLocal);
  switch (k.kind) {
    case "box-shape": {
      // No geometry in the SDK: the transformed bounds (stroke included, the safe side for a mask).
      const b = k.node.boundsLocal;
      return {
        shape: { kind: "rectangle", width: b.width, height: b.height },
        shapeToLocal: translation(b.x, b.y),
        bounds: { x: 0, y: 0, width: b.width, height: b.height },
        outline: "box",
      };
    }
    case "rectangle": {
      const { width, height } = k.node;
      return {
        shape: rectangleShape(k.node),
        shapeToLocal: translation(center.x - width / 2, center.y - height / 2),
        bounds: { x: 0, y: 0, width, height },
      };
    }
    case "ellipse": {
      const { rx, ry } = k.node;
      return {
        shape: { kind: "ellipse", rx, ry },
        shapeToLocal: translation(center.x - rx, center.y - ry),
        bounds: { x: 0, y: 0, width: 2 * rx, height: 2 * ry },
      };
    }
    case "path":
      return {
        shape: {
          kind: "path",
          d: k.node.path,
          fillRule: k.node.fillRule === constants.FillRule.evenOdd ? "evenodd" : "nonzero",
        },
        shapeToLocal: [1, 0, 0, 1, 0, 0],
        // boundsLocal includes any stroke: a slight over-estimate, which is the safe side for a region.
        bounds: { ...k.node.boundsLocal },
      };
  }
}

function centreOf(b: Readonly<Box>): { x: number; y: number } {
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Uniform corners stay a rectangle; mixed corners become an equivalent path. */
function rectangleShape(node: RectangleSurface): ShapeGeometry {
  const { width, height } = node;
  const uniform = node.getUniformCornerRadius();
  if (uniform !== undefined) return uniform > 0 ? { kind: "rectangle", width, height, cornerRadius: uniform } : { kind: "rectangle", width, height };
  const cap = Math.min(width, height) / 2;
  const [tl, tr, br, bl] = [node.topLeftRadius, node.topRightRadius, node.bottomRightRadius, node.bottomLeftRadius].map((r) =>
    Math.max(0, Math.min(r, cap)),
  );
  const d = [
    `M ${tl} 0`,
    `L ${width - tr} 0`,
    tr > 0 ? `A ${tr} ${tr} 0 0 1 ${width} ${tr}` : "",
    `L ${width} ${height - br}`,
    br > 0 ? `A ${br} ${br} 0 0 1 ${width - br} ${height}` : "",
    `L ${bl} ${height}`,
    bl > 0 ? `A ${bl} ${bl} 0 0 1 0 ${height - bl}` : "",
    `L 0 ${tl}`,
    tl > 0 ? `A ${tl} ${tl} 0 0 1 ${tl} 0` : "",
    "Z",
  ]
    .filter((s) => s.length > 0)
    .join(" ");
  return { kind: "path", d, fillRule: "nonzero" };
}

/** Shape's own coordinates → `target` space, through the node's local space. */
export function shapeToNodeAffine(node: NodeSurface, local: ShapeInLocalSpace, target: VisualNodeSurface): Affine2D {
  return composeAffine(localToNodeAffine(node, target), local.shapeToLocal);
}
