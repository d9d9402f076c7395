/**
 * The fake document's data: plain objects, no behaviour. SDK-shaped handles (nodes.ts) read and
 * write these; the FakeDocument (document.ts) owns them and enforces the platform's rules.
 */

/** [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f (local → parent). */
export type Matrix = [number, number, number, number, number, number];

export type ModelKind =
  | "artboard"
  | "group"
  | "mediaContainer"
  | "imageRectangle"
  | "unknownMediaRectangle"
  | "rectangle"
  | "ellipse"
  | "path"
  | "text"
  | "line"
  // Prepackaged shapes from Express's Shapes panel: drawn from pathData, but the SDK exposes no geometry for them.
  | "complexShape"
  | "solidColorShape"
  | "strokeShape"
  | "polygon"
  // A layout grid: a kind the add-on cannot use as a source or a mask.
  | "gridLayout";

/** The kinds the SDK describes only by their bounds. */
export const PREPACKAGED_KINDS: readonly ModelKind[] = ["complexShape", "solidColorShape", "strokeShape", "polygon"];

export interface FakeBitmap {
  id: string;
  width: number;
  height: number;
  /** Encoded PNG, when the bitmap came from real bytes (the playground draws it). */
  png?: ArrayBuffer;
  /** Flat colour drawn when there are no bytes. */
  color?: string;
}

export interface NodeModel {
  id: string;
  kind: ModelKind;
  name?: string;
  parent: NodeModel | undefined;
  /** The page, for an artboard. */
  page?: PageModel;
  /** Regular children (artboard, group). */
  children: NodeModel[];
  matrix: Matrix;
  opacity: number;
  locked: boolean;
  addOnData: Map<string, string>;
  /** Size for rectangle-like kinds (rectangle, media container's crop, media rectangle, text, artboard). */
  width: number;
  height: number;
  rx: number;
  ry: number;
  /** top-left, top-right, bottom-right, bottom-left. */
  radii: [number, number, number, number];
  pathData: string;
  evenOdd: boolean;
  text: string;
  /** Drawing colour for shapes and text (playground only); an artboard's may be "transparent". */
  fillColor: string;
  /** Centre stroke width (0 = none); widens boundsLocal by half of it on every side, as Express's bounds do. */
  strokeWidth: number;
  strokeColor: string;
  /** Media container: where its mask shape (the crop) sits in the container's own space. */
  maskOffset?: { x: number; y: number };
  /** Media container: the media rectangle child (full, uncropped media). */
  media?: NodeModel;
  bitmap?: FakeBitmap;
}

export interface PageModel {
  id: string;
  name: string;
  width: number;
  height: number;
  /** The first artboard (scene). */
  artboard: NodeModel;
  /** Every artboard of the page in order: several make an animated page's scenes. */
  artboards: NodeModel[];
  addOnData: Map<string, string>;
}

export const IDENTITY_MATRIX: Matrix = [1, 0, 0, 1, 0, 0];

export function multiply(outer: Matrix, inner: Matrix): Matrix {
  const [a, b, c, d, e, f] = outer;
  const [A, B, C, D, E, F] = inner;
  return [a * A + c * B, b * A + d * B, a * C + c * D, b * C + d * D, a * E + c * F + e, b * E + d * F + f];
}

export function invert(m: Matrix): Matrix {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  if (det === 0) throw new Error("Fake Express: singular transform.");
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

export function transformPoint(m: Matrix, x: number, y: number): { x: number; y: number } {
  return { x: m[0] * x + m[2] * y + m[4], y: m[1] * x + m[3] * y + m[5] };
}

/** translate(x, y) · rotate(degrees) · scale(sx, sy). */
export function placement(x: number, y: number, rotationDeg = 0, sx = 1, sy = sx): Matrix {
  const r = (rotationDeg * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  return [cos * sx, sin * sx, -sin * sy, cos * sy, x, y];
}

/** Local → artboard, folding every ancestor's matrix. */
export function toArtboard(model: NodeModel): Matrix {
  let m: Matrix = IDENTITY_MATRIX;
  for (let n: NodeModel | undefined = model; n && n.kind !== "artboard"; n = n.parent) m = multiply(n.matrix, m);
  return m;
}

export function artboardOf(model: NodeModel): NodeModel | undefined {
  let n: NodeModel | undefined = model;
  while (n && n.kind !== "artboard") n = n.parent;
  return n;
}

/** The subtree's top node (an artboard when attached to a page). */
export function rootOf(model: NodeModel): NodeModel {
  let n = model;
  while (n.parent) n = n.parent;
  return n;
}

export function isAncestorOrSelf(ancestor: NodeModel, node: NodeModel): boolean {
  for (let n: NodeModel | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** Every child in paint order, including a media container's media rectangle. */
export function allChildrenOf(model: NodeModel): NodeModel[] {
  return model.kind === "mediaContainer" && model.media ? [model.media] : model.children;
}

/** A deep, JSON-comparable copy of a node's data (for "unchanged" assertions). */
export function snapshotModel(model: NodeModel): unknown {
  return {
    id: model.id,
    kind: model.kind,
    matrix: [...model.matrix],
    opacity: model.opacity,
    locked: model.locked,
    addOnData: [...model.addOnData.entries()],
    size: [model.width, model.height, model.rx, model.ry],
    radii: [...model.radii],
    pathData: model.pathData,
    evenOdd: model.evenOdd,
    text: model.text,
    bitmap: model.bitmap ? { id: model.bitmap.id, width: model.bitmap.width, height: model.bitmap.height } : undefined,
    parentId: model.parent?.id,
    indexInParent: model.parent ? model.parent.children.indexOf(model) : -1,
    children: allChildrenOf(model).map(snapshotModel),
  };
}
