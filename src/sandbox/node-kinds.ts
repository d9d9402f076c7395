/**
 * What a selected node is, in this add-on's terms. Compares `node.type` with the SDK's enum
 * objects (passed in as `constants`), never with literal strings, as the SDK asks.
 *
 * Every shape kind of SDK 1.40's SceneNodeType is usable as a mask:
 *   rectangle, ellipse, path            exact outline (the SDK exposes their geometry);
 *   complexShape, solidColorShape,      Express's Shapes-panel kinds: no geometry in the SDK, so
 *   strokeShape, polygon, line          their transformed bounds ("box"), and the panel says so.
 */
import type {
  ConstantsSurface,
  EllipseSurface,
  GroupSurface,
  MediaContainerSurface,
  NodeSurface,
  PathSurface,
  RectangleSurface,
} from "./express-surface";

export type BoxShapeLabel = "shape" | "stroke shape" | "polygon" | "line";

export type NodeKind =
  | { kind: "image"; node: MediaContainerSurface }
  | { kind: "video"; node: MediaContainerSurface }
  | { kind: "rectangle"; node: RectangleSurface }
  | { kind: "ellipse"; node: EllipseSurface }
  | { kind: "path"; node: PathSurface }
  | { kind: "box-shape"; node: NodeSurface; label: BoxShapeLabel }
  | { kind: "text"; node: NodeSurface }
  | { kind: "group"; node: GroupSurface }
  | { kind: "other"; node: NodeSurface };

export type ShapeKind = Extract<NodeKind, { kind: "rectangle" | "ellipse" | "path" | "box-shape" }>;

export function classifyNode(node: NodeSurface, constants: ConstantsSurface): NodeKind {
  const T = constants.SceneNodeType;
  switch (node.type) {
    case T.mediaContainer: {
      const container = node as MediaContainerSurface;
      return container.mediaRectangle.type === T.imageRectangle
        ? { kind: "image", node: container }
        : { kind: "video", node: container };
    }
    case T.imageRectangle: {
      // Selected inside a crop session: the layer is the enclosing container.
      const parent = node.parent as NodeSurface | undefined;
      return parent && parent.type === T.mediaContainer
        ? { kind: "image", node: parent as MediaContainerSurface }
        : { kind: "other", node };
    }
    case T.unknownMediaRectangle:
      return { kind: "video", node: (node.parent as MediaContainerSurface | undefined) ?? (node as MediaContainerSurface) };
    case T.rectangle:
      return { kind: "rectangle", node: node as RectangleSurface };
    case T.ellipse:
      return { kind: "ellipse", node: node as EllipseSurface };
    case T.path:
      return { kind: "path", node: node as PathSurface };
    case T.complexShape:
    case T.solidColorShape:
      return { kind: "box-shape", node, label: "shape" };
    case T.strokeShape:
      return { kind: "box-shape", node, label: "stroke shape" };
    case T.polygon:
      return { kind: "box-shape", node, label: "polygon" };
    case T.line:
      return { kind: "box-shape", node, label: "line" };
    case T.text:
      return { kind: "text", node };
    case T.group:
      return { kind: "group", node: node as GroupSurface };
    default:
      return { kind: "other", node };
  }
}

export function isShapeKind(k: NodeKind): k is ShapeKind {
  return k.kind === "rectangle" || k.kind === "ellipse" || k.kind === "path" || k.kind === "box-shape";
}

/** The word the panel uses for a layer (overlap notes). */
export function kindLabel(k: NodeKind): string {
  switch (k.kind) {
    case "rectangle":
    case "ellipse":
    case "path":
      return "shape";
    case "box-shape":
      return k.label === "line" ? "line" : "shape";
    case "other":
      return "layer";
    default:
      return k.kind;
  }
}
