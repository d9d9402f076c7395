/**
 * Test / playground set-up: builds document content directly on the models (no undo step, no
 * staleness rules — this is "the user made the document"). Placement options: `x`, `y` place the
 * node's local origin in its parent; `rotation` (degrees) turns around that origin.
 * Local origins: top-left for rectangles, images, text and groups; the CENTRE for ellipses (so
 * code that assumes a top-left origin for every shape is caught).
 */
import type { FakeDocument } from "./document";
import { placement } from "../../contract/affine";
import type { FakeBitmap, ModelKind, NodeModel, PageModel } from "./model";
import { pathBounds } from "./path-bounds";

export interface Placement {
  x?: number;
  y?: number;
  rotation?: number;
  locked?: boolean;
  opacity?: number;
  name?: string;
  fillColor?: string;
  strokeWidth?: number;
  strokeColor?: string;
}

export interface DocumentBuilders {
  /** fill: the artboard's background colour, "transparent" allowed (default white). */
  page(options: { width: number; height: number; name?: string; fill?: string }): PageModel;
  /** Another artboard (animation scene) on `page`, same size. */
  scene(page: PageModel, options?: { fill?: string }): NodeModel;
  image(
    parent: NodeModel,
    options: Placement & {
      width: number;
      height: number;
      bitmap?: Partial<FakeBitmap>;
      /** Visible part of the media, in media coordinates (default: all of it). */
      crop?: { x: number; y: number; width: number; height: number };
      /** Where the crop's mask shape sits in the container's own space (default: its origin). */
      maskOffset?: { x: number; y: number };
    },
  ): NodeModel;
  /** A shape from Express's Shapes panel: `d` is only how it looks; the SDK exposes its bounds alone. */
  prepackaged(parent: NodeModel, options: Placement & { kind: "complexShape" | "solidColorShape" | "strokeShape" | "polygon"; d: string }): NodeModel;
  video(parent: NodeModel, options: Placement & { width: number; height: number }): NodeModel;
  rectangle(parent: NodeModel, options: Placement & { width: number; height: number; cornerRadius?: number; radii?: [number, number, number, number] }): NodeModel;
  /** x, y = the centre. */
  ellipse(parent: NodeModel, options: Placement & { rx: number; ry: number }): NodeModel;
  path(parent: NodeModel, options: Placement & { d: string; fillRule?: "nonzero" | "evenodd" }): NodeModel;
  /** scale: a group transform that scales its content (not something Express's UI makes, but legal geometry). */
  group(parent: NodeModel, options?: Placement & { scale?: number | { x: number; y: number } }): NodeModel;
  text(parent: NodeModel, options: Placement & { text: string; width?: number; height?: number }): NodeModel;
  line(parent: NodeModel, options: Placement & { width: number }): NodeModel;
  grid(parent: NodeModel, options: Placement & { width: number; height: number }): NodeModel;
}

export function buildersFor(doc: FakeDocument): DocumentBuilders {
  const node = (kind: ModelKind, parent: NodeModel | undefined, o: Placement, fields: Partial<NodeModel> = {}): NodeModel => {
    const model: NodeModel = {
      id: doc.newId(kind),
      kind,
      name: o.name,
      parent,
      children: [],
      matrix: placement(o.x ?? 0, o.y ?? 0, o.rotation ?? 0),
      opacity: o.opacity ?? 1,
      locked: o.locked ?? false,
      addOnData: new Map(),
      width: 0,
      height: 0,
      rx: 0,
      ry: 0,
      radii: [0, 0, 0, 0],
      pathData: "",
      evenOdd: false,
      text: "",
      fillColor: o.fillColor ?? "#3366cc",
      strokeWidth: o.strokeWidth ?? 0,
      strokeColor: o.strokeColor ?? "#222222",
      ...fields,
    };
    if (parent) {
      if (parent.kind !== "artboard" && parent.kind !== "group") throw new Error(`Fake Express: a ${parent.kind} cannot hold children.`);
      parent.children.push(model);
    }
    return model;
  };

  const mediaContainer = (
    parent: NodeModel,
    o: Placement & { width: number; height: number; crop?: { x: number; y: number; width: number; height: number }; maskOffset?: { x: number; y: number } },
    mediaKind: "imageRectangle" | "unknownMediaRectangle",
    bitmap?: FakeBitmap,
  ): NodeModel => {
    const crop = o.crop ?? { x: 0, y: 0, width: o.width, height: o.height };
    const mask = o.maskOffset ?? { x: 0, y: 0 };
    const container = node("mediaContainer", parent, o, { width: crop.width, height: crop.height, maskOffset: mask });
    container.media = node("imageRectangle", undefined, { x: mask.x - crop.x, y: mask.y - crop.y }, { kind: mediaKind, width: o.width, height: o.height, bitmap });
    container.media.id = doc.newId(mediaKind);
    container.media.parent = container;
    return container;
  };

  return {
    page({ width, height, name, fill }) {
      const artboard = node("artboard", undefined, {}, { width, height, fillColor: fill ?? "#ffffff" });
      const page: PageModel = { id: doc.newId("page"), name: name ?? `Page ${doc.pages.length + 1}`, width, height, artboard, artboards: [artboard], addOnData: new Map() };
      artboard.page = page;
      doc.pages.push(page);
      return page;
    },
    scene(page, o = {}) {
      const artboard = node("artboard", undefined, {}, { width: page.width, height: page.height, fillColor: o.fill ?? "#ffffff" });
      artboard.page = page;
      page.artboards.push(artboard);
      return artboard;
    },
    prepackaged(parent, o) {
      return node(o.kind, parent, o, { pathData: o.d });
    },
    image(parent, o) {
      const bitmap: FakeBitmap = { id: doc.newId("bitmap"), width: o.width, height: o.height, color: "#999999", ...o.bitmap };
      return mediaContainer(parent, o, "imageRectangle", bitmap);
    },
    video(parent, o) {
      return mediaContainer(parent, o, "unknownMediaRectangle");
    },
    rectangle(parent, o) {
      const r = o.cornerRadius ?? 0;
      return node("rectangle", parent, o, { width: o.width, height: o.height, radii: o.radii ?? [r, r, r, r] });
    },
    ellipse(parent, o) {
      return node("ellipse", parent, o, { rx: o.rx, ry: o.ry });
    },
    path(parent, o) {
      pathBounds(o.d); // validates, as Express's createPath does
      return node("path", parent, o, { pathData: o.d, evenOdd: o.fillRule === "evenodd" });
    },
    group(parent, o = {}) {
      const g = node("group", parent, o);
      const s = o.scale ?? 1;
      const [sx, sy] = typeof s === "number" ? [s, s] : [s.x, s.y];
      g.matrix = placement(o.x ?? 0, o.y ?? 0, o.rotation ?? 0, sx, sy);
      return g;
    },
    text(parent, o) {
      return node("text", parent, o, { text: o.text, width: o.width ?? 8 * o.text.length, height: o.height ?? 16, fillColor: o.fillColor ?? "#000000" });
    },
    line(parent, o) {
      return node("line", parent, { strokeWidth: 2, ...o }, { width: o.width, height: 0 });
    },
    grid(parent, o) {
      return node("gridLayout", parent, o, { width: o.width, height: o.height });
    },
  };
}
