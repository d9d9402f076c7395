/**
 * SDK-shaped handles over the fake's models, one class per node kind, and the factory that picks
 * the class. The shared behaviour (frame checks, geometry, transforms) is in visual-node.ts; the
 * fake imports handles from here only, so visual-node.ts always finishes loading before the
 * classes below extend it.
 */
import type { ArtboardNode, EllipseNode, MediaRectangleNode, PathNode, RectangleNode } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import type {
  ArtboardSurface,
  EllipseSurface,
  GroupSurface,
  MediaContainerSurface,
  MediaRectangleSurface,
  NodeSurface,
  PathSurface,
  RectangleSurface,
} from "../../sandbox/express-surface";
import { FAKE_CONSTANTS } from "./constants";
import type { FakeDocument } from "./document";
import { FakeItemList } from "./editor";
import type { NodeModel } from "./model";
import { FakeNode, FakeVisualNode } from "./visual-node";

export { FakeNode, FakeVisualNode, modelOf } from "./visual-node";

/** "#rrggbb", "#rrggbbaa" or "transparent" → the SDK's ColorFill (channels 0–1). */
function colorFill(css: string): ArtboardNode["fill"] {
  const hex = css === "transparent" ? "00000000" : css.replace("#", "");
  const channel = (i: number) => parseInt(hex.slice(i, i + 2), 16) / 255;
  const color = { red: channel(0), green: channel(2), blue: channel(4), alpha: hex.length >= 8 ? channel(6) : 1 };
  return { type: FAKE_CONSTANTS.FillType.color, color } as ArtboardNode["fill"];
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
