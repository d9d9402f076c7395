/**
 * SDK-shaped handles over the fake's models. Each handle remembers the frame (epoch) it was made
 * in and checks it on every use, so a reference carried across an `await` fails in large-document
 * mode exactly where real Express may have unloaded the node. Each class `implements` the
 * sandbox's surface interface (itself checked against the SDK's classes) and `Pick`s of the SDK
 * classes for leaf members.
 */
import type {
  ArtboardNode,
  EllipseNode,
  MediaRectangleNode,
  Node,
  PathNode,
  Point,
  Rect,
  RectangleNode,
  VisualNode,
} from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import type {
  ArtboardSurface,
  BaseNodeSurface,
  EllipseSurface,
  GroupSurface,
  MediaContainerSurface,
  MediaRectangleSurface,
  NodeSurface,
  PathSurface,
  RectangleSurface,
  SceneNodeType,
  VisualNodeSurface,
} from "../../sandbox/express-surface";
import { FAKE_CONSTANTS } from "./constants";
import type { FakeDocument } from "./document";
import { FakeActivePageNode, FakeAddOnData, FakeItemList } from "./editor";
import { allChildrenOf, invert, multiply, placement, toArtboard, transformPoint, type NodeModel } from "./model";
import { localBounds } from "./local-bounds";

export { localBounds };

const MODEL = Symbol("fake-express-model");

/** The model behind a handle (fake internals only). */
export function modelOf(handle: unknown): NodeModel {
  const model = (handle as { [MODEL]?: NodeModel } | undefined)?.[MODEL];
  if (!model) throw new Error("Fake Express: not a node of this document.");
  return model;
}

const TYPE_OF_KIND: Record<NodeModel["kind"], keyof typeof FAKE_CONSTANTS.SceneNodeType> = {
  artboard: "artboard",
  group: "group",
  mediaContainer: "mediaContainer",
  imageRectangle: "imageRectangle",
  unknownMediaRectangle: "unknownMediaRectangle",
  rectangle: "rectangle",
  ellipse: "ellipse",
  path: "path",
  text: "text",
  line: "line",
  complexShape: "complexShape",
  solidColorShape: "solidColorShape",
  strokeShape: "strokeShape",
  polygon: "polygon",
  gridLayout: "gridLayout",
};

export class FakeVisualNode implements VisualNodeSurface, Pick<VisualNode, "boundsLocal" | "topLeftLocal" | "centerPointLocal"> {
  readonly [MODEL]: NodeModel;

  constructor(
    protected readonly doc: FakeDocument,
    model: NodeModel,
    protected readonly epoch: number,
  ) {
    this[MODEL] = model;
  }

  /** The model, after checking this handle may still be used. */
  protected get m(): NodeModel {
    const model = this[MODEL];
    this.doc.assertAccessible(model, this.epoch, `node ${model.id} (${model.kind})`);
    return model;
  }

  get id(): string {
    return this.m.id;
  }
  get type(): SceneNodeType {
    return FAKE_CONSTANTS.SceneNodeType[TYPE_OF_KIND[this.m.kind]];
  }
  get parent(): BaseNodeSurface | undefined {
    const m = this.m;
    if (m.kind === "artboard") return m.page && this.doc.isAttached(m.page) ? new FakeActivePageNode(this.doc, m.page, this.doc.epoch) : undefined;
    return m.parent ? handleFor(this.doc, m.parent) : undefined;
  }
  get addOnData(): FakeAddOnData {
    return new FakeAddOnData(this.doc, () => this.m);
  }
  get allChildren(): Readonly<Iterable<NodeSurface>> {
    return allChildrenOf(this.m).map((c) => nodeHandleFor(this.doc, c));
  }
  get visualRoot(): VisualNodeSurface {
    let n = this.m;
    while (n.parent) n = n.parent;
    return handleFor(this.doc, n);
  }
  get boundsLocal(): Readonly<Rect> {
    return localBounds(this.m);
  }
  get topLeftLocal(): Readonly<Point> {
    const b = localBounds(this.m);
    return { x: b.x, y: b.y };
  }
  get centerPointLocal(): Readonly<Point> {
    const b = localBounds(this.m);
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }
  localPointInNode(localPoint: Point, targetNode: VisualNodeSurface): Readonly<Point> {
    const self = this.m;
    const target = modelOf(targetNode);
    void (targetNode as FakeVisualNode).m; // the target handle must be usable too
    if (rootOfModel(self) !== rootOfModel(target)) throw new Error("localPointInNode: the nodes do not share a visual root.");
    const m = multiply(invert(toArtboard(target)), toArtboard(self));
    return transformPoint(m, localPoint.x, localPoint.y);
  }
}

/** "#rrggbb", "#rrggbbaa" or "transparent" → the SDK's ColorFill (channels 0–1). */
function colorFill(css: string): ArtboardNode["fill"] {
  const hex = css === "transparent" ? "00000000" : css.replace("#", "");
  const channel = (i: number) => parseInt(hex.slice(i, i + 2), 16) / 255;
  const color = { red: channel(0), green: channel(2), blue: channel(4), alpha: hex.length >= 8 ? channel(6) : 1 };
  return { type: FAKE_CONSTANTS.FillType.color, color } as ArtboardNode["fill"];
}

function rootOfModel(m: NodeModel): NodeModel {
  while (m.parent) m = m.parent;
  return m;
}

export class FakeNode
  extends FakeVisualNode
  implements NodeSurface, Pick<Node, "rotation" | "opacity" | "locked" | "setPositionInParent" | "setRotationInParent" | "removeFromParent">
{
  get rotation(): number {
    const [a, b] = this.m.matrix;
    return (Math.atan2(b, a) * 180) / Math.PI;
  }
  get opacity(): number {
    return this.m.opacity;
  }
  set opacity(value: number) {
    if (!(value >= 0 && value <= 1)) throw new Error(`opacity must be in [0, 1]; got ${value}.`);
    const m = this.m;
    this.doc.mutate(m, `opacity ${m.id} = ${value}`, () => (m.opacity = value));
  }
  get locked(): boolean {
    return this.m.locked;
  }
  set locked(value: boolean) {
    const m = this.m;
    this.doc.mutate(m, `locked ${m.id} = ${value}`, () => (m.locked = value));
  }
  setPositionInParent(parentPoint: Point, localRegistrationPoint: Point): void {
    const m = this.m;
    const [a, b, c, d] = m.matrix;
    this.doc.mutate(m, `position ${m.id}`, () => {
      m.matrix = [a, b, c, d, parentPoint.x - (a * localRegistrationPoint.x + c * localRegistrationPoint.y), parentPoint.y - (b * localRegistrationPoint.x + d * localRegistrationPoint.y)];
    });
  }
  setRotationInParent(angleInDegrees: number, localRotationPoint: Point): void {
    const m = this.m;
    const pinned = transformPoint(m.matrix, localRotationPoint.x, localRotationPoint.y);
    const sx = Math.hypot(m.matrix[0], m.matrix[1]);
    const sy = Math.hypot(m.matrix[2], m.matrix[3]);
    this.doc.mutate(m, `rotation ${m.id} = ${angleInDegrees}`, () => {
      const r = placement(0, 0, angleInDegrees, sx, sy);
      const moved = transformPoint(r, localRotationPoint.x, localRotationPoint.y);
      m.matrix = [r[0], r[1], r[2], r[3], pinned.x - moved.x, pinned.y - moved.y];
    });
  }
  removeFromParent(): void {
    const m = this.m;
    const parent = m.parent;
    if (!parent || !parent.children.includes(m)) return;
    this.doc.mutate(parent, `remove ${m.id}`, () => {
      parent.children.splice(parent.children.indexOf(m), 1);
      m.parent = undefined;
    });
  }
}

export class FakeArtboardNode extends FakeVisualNode implements ArtboardSurface, Pick<ArtboardNode, "width" | "height" | "fill"> {
  /** Artboards must always have a fill (SDK); a colour fill, possibly fully transparent. */
  get fill(): ArtboardNode["fill"] {
    return colorFill(this.m.fillColor);
  }
  get children(): FakeItemList {
    return new FakeItemList(this.doc, () => this.m);
  }
  get width(): number {
    return this.m.width;
  }
  get height(): number {
    return this.m.height;
  }
}

export class FakeGroupNode extends FakeNode implements GroupSurface {
  get children(): FakeItemList {
    return new FakeItemList(this.doc, () => this.m);
  }
}

export class FakeMediaRectangleNode extends FakeNode implements MediaRectangleSurface, Pick<MediaRectangleNode, "width" | "height"> {
  get width(): number {
    return this.m.width;
  }
  get height(): number {
    return this.m.height;
  }
}

export class FakeMediaContainerNode extends FakeNode implements MediaContainerSurface {
  get mediaRectangle(): FakeMediaRectangleNode {
    const media = this.m.media;
    if (!media) throw new Error("Fake Express: media container without media.");
    return nodeHandleFor(this.doc, media) as FakeMediaRectangleNode;
  }
  /** The crop mask: a read-only view with the container's visible box. */
  get maskShape(): NodeSurface {
    return this;
  }
}

export class FakeRectangleNode
  extends FakeNode
  implements
    RectangleSurface,
    Pick<RectangleNode, "width" | "height" | "topLeftRadius" | "topRightRadius" | "bottomRightRadius" | "bottomLeftRadius" | "getUniformCornerRadius">
{
  get width(): number {
    return this.m.width;
  }
  get height(): number {
    return this.m.height;
  }
  get topLeftRadius(): number {
    return this.m.radii[0];
  }
  get topRightRadius(): number {
    return this.m.radii[1];
  }
  get bottomRightRadius(): number {
    return this.m.radii[2];
  }
  get bottomLeftRadius(): number {
    return this.m.radii[3];
  }
  getUniformCornerRadius(): number | undefined {
    const r = this.m.radii;
    return r.every((v) => v === r[0]) ? r[0] : undefined;
  }
}

export class FakeEllipseNode extends FakeNode implements EllipseSurface, Pick<EllipseNode, "rx" | "ry"> {
  get rx(): number {
    return this.m.rx;
  }
  get ry(): number {
    return this.m.ry;
  }
}

export class FakePathNode extends FakeNode implements PathSurface, Pick<PathNode, "path" | "fillRule"> {
  get path(): string {
    return this.m.pathData;
  }
  get fillRule(): PathNode["fillRule"] {
    return this.m.evenOdd ? FAKE_CONSTANTS.FillRule.evenOdd : FAKE_CONSTANTS.FillRule.nonZero;
  }
}

/** A fresh handle for a non-artboard node (children, selection entries). */
export function nodeHandleFor(doc: FakeDocument, model: NodeModel): FakeNode {
  const handle = handleFor(doc, model);
  if (!(handle instanceof FakeNode)) throw new Error(`Fake Express: ${model.id} is an artboard, not a Node.`);
  return handle;
}

/** A fresh handle of the right class, stamped with the current frame. */
export function handleFor(doc: FakeDocument, model: NodeModel): FakeVisualNode {
  doc.touch();
  const epoch = doc.epoch;
  switch (model.kind) {
    case "artboard":
      return new FakeArtboardNode(doc, model, epoch);
    case "group":
      return new FakeGroupNode(doc, model, epoch);
    case "mediaContainer":
      return new FakeMediaContainerNode(doc, model, epoch);
    case "imageRectangle":
    case "unknownMediaRectangle":
      return new FakeMediaRectangleNode(doc, model, epoch);
    case "rectangle":
      return new FakeRectangleNode(doc, model, epoch);
    case "ellipse":
      return new FakeEllipseNode(doc, model, epoch);
    case "path":
      return new FakePathNode(doc, model, epoch);
    default:
      return new FakeNode(doc, model, epoch);
  }
}
