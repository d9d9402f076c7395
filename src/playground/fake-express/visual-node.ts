/**
 * What every SDK-shaped handle of the fake shares. Each handle remembers the frame (epoch) it was
 * made in and checks it on every use, so a reference carried across an `await` fails in
 * large-document mode exactly where real Express may have unloaded the node. Each class
 * `implements` the sandbox's surface interface (itself checked against the SDK's classes) and
 * `Pick`s of the SDK classes for leaf members. Import handles through nodes.ts (see there).
 */
import type { Node, Point, Rect, VisualNode } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import { composeAffine, decomposeAffine, invertAffine, mapPoint, placement, translation } from "../../contract/affine";
import type { BaseNodeSurface, NodeSurface, SceneNodeType, VisualNodeSurface } from "../../sandbox/express-surface";
import { FAKE_CONSTANTS } from "./constants";
import type { FakeDocument } from "./document";
import { FakeActivePageNode, FakeAddOnData } from "./editor";
import { localBounds } from "./local-bounds";
import { allChildrenOf, toArtboard, type NodeModel } from "./model";
import { handleFor, nodeHandleFor } from "./nodes";

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
    return mapPoint(composeAffine(invertAffine(toArtboard(target)), toArtboard(self)), localPoint);
  }
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
    return decomposeAffine(this.m.matrix).rotation;
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
    const now = mapPoint(m.matrix, localRegistrationPoint);
    this.doc.mutate(m, `position ${m.id}`, () => {
      m.matrix = composeAffine(translation(parentPoint.x - now.x, parentPoint.y - now.y), m.matrix);
    });
  }
  setRotationInParent(angleInDegrees: number, localRotationPoint: Point): void {
    const m = this.m;
    const pinned = mapPoint(m.matrix, localRotationPoint);
    const { scaleX, scaleY } = decomposeAffine(m.matrix);
    this.doc.mutate(m, `rotation ${m.id} = ${angleInDegrees}`, () => {
      const turned = placement(0, 0, angleInDegrees, scaleX, scaleY);
      const moved = mapPoint(turned, localRotationPoint);
      m.matrix = composeAffine(translation(pinned.x - moved.x, pinned.y - moved.y), turned);
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
