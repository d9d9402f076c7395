/**
 * Plain geometry shared by the sandbox, the panel and imaging (whose mask rasteriser takes these
 * shapes as they are); here because the sandbox may only depend on contract/. The maths on it is
 * affine.ts.
 */

/**
 * 2D affine transform [a, b, c, d, e, f]:  x' = a·x + c·y + e,  y' = b·x + d·y + f
 * (the SVG / canvas `setTransform(a, b, c, d, e, f)` order).
 */
export type Affine2D = readonly [a: number, b: number, c: number, d: number, e: number, f: number];

export interface Point2D {
  x: number;
  y: number;
}

/** Axis-aligned rectangle. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Local box [0, width] × [0, height]; cornerRadius rounds all four corners (clamped to half the short side). */
export interface RectangleShape {
  kind: "rectangle";
  width: number;
  height: number;
  cornerRadius?: number;
}

/** Local box [0, 2·rx] × [0, 2·ry]: the centre is at (rx, ry). */
export interface EllipseShape {
  kind: "ellipse";
  rx: number;
  ry: number;
}

export type FillRule = "nonzero" | "evenodd";

/** SVG path data (M L H V C S Q T A Z, absolute and relative) in the node's local coordinates. */
export interface PathShape {
  kind: "path";
  d: string;
  fillRule: FillRule;
}

export type ShapeGeometry = RectangleShape | EllipseShape | PathShape;

/** One selected shape used as a mask: its geometry and the transform from its local space. */
export interface MaskShape {
  nodeId: string;
  shape: ShapeGeometry;
  /**
   * "box": the SDK exposes no outline for this kind (Shapes-panel shapes, polygons, lines), so
   * `shape` is the node's bounds as a rectangle and the panel says so. Absent: the exact outline.
   */
  outline?: "box";
  /** What the user would call it ("star shape", "line"), for that note. */
  label?: string;
  /** Shape local space → the space named by the summary (image space or page space). */
  transform: Affine2D;
}
