/**
 * The narrow slice of the Express Document SDK this add-on uses, written against the SDK's own
 * declarations. The sandbox code depends only on these interfaces, so the same code runs against
 * real Express (main.ts passes `editor` and `constants` from "express-document-sdk") and against
 * the fake document in src/playground/fake-express (which `implements` them).
 *
 * Leaf members are `Pick`ed from the SDK classes; members that return nodes are re-declared with
 * the narrow node types. The assertions at the bottom check that the SDK's real classes still fit
 * these interfaces: an SDK update that renames or retypes anything used here fails `tsc`.
 *
 * Only stable APIs appear here (no experimentalApis): no createRendition, fetchBitmapImage,
 * allDescendants, visitPages' experimental siblings or queueAsyncEdit.
 */
// The root import brings in the sandbox's global Web API declarations (Blob, console).
import type {} from "@adobe/ccweb-add-on-sdk-types";
import type {
  ActivePageNode,
  AddOnData,
  ArtboardNode,
  BaseNode,
  BitmapImage,
  constants,
  EditorEvent,
  EditorEventHandler,
  EllipseNode,
  EventHandlerId,
  ExpressContext,
  ExpressEditor,
  ExpressRootNode,
  GroupNode,
  MediaContainerNode,
  MediaRectangleNode,
  Node,
  PageNode,
  PathNode,
  Point,
  RectangleGeometry,
  RectangleNode,
  VisualNode,
} from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";

export type { EditorEvent, Point };
export type SceneNodeType = BaseNode["type"];
export type FillRule = PathNode["fillRule"];

/** The enum objects the sandbox compares against (never their literal values, as the SDK asks). */
export type ConstantsSurface = Pick<typeof constants, "SceneNodeType" | "FillRule" | "EditorEvent" | "FillType">;

export type AddOnDataSurface = Pick<AddOnData, "getItem" | "setItem" | "removeItem" | "keys" | "remainingQuota">;

export interface BaseNodeSurface extends Pick<BaseNode, "id" | "type"> {
  readonly addOnData: AddOnDataSurface;
  readonly parent: BaseNodeSurface | undefined;
}

export interface VisualNodeSurface extends BaseNodeSurface, Pick<VisualNode, "boundsLocal" | "topLeftLocal"> {
  readonly allChildren: Readonly<Iterable<VisualNodeSurface>>;
  readonly visualRoot: VisualNodeSurface;
  localPointInNode(localPoint: Point, targetNode: VisualNodeSurface): Readonly<Point>;
}

export interface NodeSurface
  extends VisualNodeSurface,
    Pick<Node, "rotation" | "opacity" | "locked" | "setPositionInParent" | "setRotationInParent" | "removeFromParent"> {
  readonly allChildren: Readonly<Iterable<NodeSurface>>;
}

export interface ItemListSurface {
  readonly length: number;
  indexOf(item: NodeSurface): number;
  item(index: number): NodeSurface | undefined;
  toArray(): readonly NodeSurface[];
  insertAfter(newItem: NodeSurface, after: NodeSurface): void;
  insertBefore(newItem: NodeSurface, before: NodeSurface): void;
  append(...items: NodeSurface[]): void;
}

/** ArtboardNode and GroupNode: nodes with a generic, editable children list. */
export interface ContainerSurface extends VisualNodeSurface {
  readonly children: ItemListSurface;
}

export interface ArtboardSurface extends ContainerSurface, Pick<ArtboardNode, "width" | "height" | "fill"> {
  readonly allChildren: Readonly<Iterable<NodeSurface>>;
}

export interface GroupSurface extends NodeSurface, ContainerSurface {
  readonly allChildren: Readonly<Iterable<NodeSurface>>;
}

export interface MediaRectangleSurface extends NodeSurface, Pick<MediaRectangleNode, "width" | "height"> {}

export interface MediaContainerSurface extends NodeSurface {
  readonly mediaRectangle: MediaRectangleSurface;
  readonly maskShape: NodeSurface;
}

export interface RectangleSurface
  extends NodeSurface,
    Pick<
      RectangleNode,
      "width" | "height" | "topLeftRadius" | "topRightRadius" | "bottomRightRadius" | "bottomLeftRadius" | "getUniformCornerRadius"
    > {}

export interface EllipseSurface extends NodeSurface, Pick<EllipseNode, "rx" | "ry"> {}

export interface PathSurface extends NodeSurface, Pick<PathNode, "path" | "fillRule"> {}

/** A page that may not be loaded: only its id and size are readable. */
export interface PageSurface extends Pick<PageNode, "id" | "width" | "height"> {}

export interface ActivePageSurface extends PageSurface {
  readonly type: SceneNodeType;
  readonly artboards: { readonly first: ArtboardSurface | undefined; toArray(): readonly ArtboardSurface[] };
}

export interface PageListSurface {
  readonly length: number;
  toArray(): readonly PageSurface[];
}

export interface RootSurface {
  readonly pages: PageListSurface;
}

export interface ContextSurface {
  readonly selection: readonly NodeSurface[];
  readonly selectionIncludingNonEditable: readonly NodeSurface[];
  readonly currentPage: ActivePageSurface;
  on(eventName: EditorEvent, callback: EditorEventHandler): EventHandlerId;
  off(eventName: EditorEvent, handlerId: EventHandlerId): void;
}

export type BitmapImageSurface = Pick<BitmapImage, "width" | "height">;

export interface EditorSurface {
  readonly context: ContextSurface;
  readonly documentRoot: RootSurface;
  loadBitmapImage(bitmapData: Blob): Promise<BitmapImageSurface>;
  createImageContainer(bitmapData: BitmapImageSurface, options?: { initialSize?: RectangleGeometry }): MediaContainerSurface;
  keepContentActiveDuringAsync<AsyncResultT>(
    target: VisualNodeSurface | ActivePageSurface,
    asyncLambda: () => Promise<AsyncResultT>,
    afterAsyncCallback: (asyncResult: AsyncResultT) => void,
  ): Promise<void>;
}

/** What the sandbox code needs from "express-document-sdk". */
export interface ExpressHost {
  editor: EditorSurface;
  constants: ConstantsSurface;
}

// ---- The real SDK classes must still fit the surfaces above (fails `tsc` on SDK drift). ----
type Fits<Actual, Surface> = [Actual] extends [Surface] ? true : false;
type AssertFits<T extends true> = T;
export type SdkFitsSurface = [
  AssertFits<Fits<ExpressEditor, EditorSurface>>,
  AssertFits<Fits<ExpressContext, ContextSurface>>,
  AssertFits<Fits<ExpressRootNode, RootSurface>>,
  AssertFits<Fits<ActivePageNode, ActivePageSurface>>,
  AssertFits<Fits<ArtboardNode, ArtboardSurface>>,
  AssertFits<Fits<GroupNode, GroupSurface>>,
  AssertFits<Fits<Node, NodeSurface>>,
  AssertFits<Fits<MediaContainerNode, MediaContainerSurface>>,
  AssertFits<Fits<RectangleNode, RectangleSurface>>,
  AssertFits<Fits<EllipseNode, EllipseSurface>>,
  AssertFits<Fits<PathNode, PathSurface>>,
  AssertFits<Fits<typeof constants, ConstantsSurface>>,
];
