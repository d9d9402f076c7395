/**
 * The fake document's data: plain objects, no behaviour. SDK-shaped handles (nodes.ts) read and
 * write these; the FakeDocument (document.ts) owns them and enforces the platform's rules.
 */
import { composeAffine, IDENTITY } from "../../contract/affine";
import type { Affine2D } from "../../contract/geometry";

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
  /** Local → parent. */
  matrix: Affine2D;
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

/** Local → artboard, folding every ancestor's matrix. */
export function toArtboard(model: NodeModel): Affine2D {
  let m = IDENTITY;
  for (let n: NodeModel | undefined = model; n && n.kind !== "artboard"; n = n.parent) m = composeAffine(n.matrix, m);
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
