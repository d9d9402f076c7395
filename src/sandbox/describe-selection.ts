/**
 * Editor selection → SelectionSummary (plain data for the panel). Runs synchronously inside one
 * frame: it reads nodes and returns data, never keeping a node reference for later.
 */
import type { Box, MaskShape } from "../contract/geometry";
import type { Backdrop, ImageSource, PageInfo, SelectionSummary, UnsupportedReason } from "../contract/selection";
import { composeAffine, invertAffine, transformedBounds } from "../contract/affine";
import { intersectBoxes, snapOutward, unionBoxes } from "./boxes";
import type { ArtboardSurface, ExpressHost, MediaContainerSurface } from "./express-surface";
import { readGenerationRecord } from "./generation-record-store";
import { localToNodeAffine, shapeInLocalSpace, shapeToNodeAffine } from "./node-geometry";
import { classifyNode, isShapeKind, type NodeKind, type ShapeKind } from "./node-kinds";
import { listOverlaps } from "./overlaps";

/**
 * What the panel shows with nothing selected: the three ways in. The other "unsupported" messages
 * are one short sentence each (the panel is 320 px wide): what is selected, and what to select.
 */
export const SELECT_HINT =
  "Select one image to restyle it or make variations, an image plus shapes drawn over it to fill under the shapes, or shapes alone to fill that part of the page.";

export function describeSelection(host: ExpressHost, revision: number): SelectionSummary {
  const { editor, constants } = host;
  const context = editor.context;
  const selection = context.selection;
  const withLocked = context.selectionIncludingNonEditable;
  const unsupported = (reason: UnsupportedReason, message: string, page?: PageInfo): SelectionSummary => ({
    type: "unsupported",
    revision,
    reason,
    message,
    ...(page ? { page } : {}),
  });

  if (withLocked.length > selection.length) {
    return unsupported("locked", "A locked layer is selected: unlock it, or select only unlocked layers.");
  }
  if (selection.length === 0) return unsupported("empty", SELECT_HINT);

  const artboard = selection[0].visualRoot as ArtboardSurface;
  const page = describePage(host, artboard);
  const kinds = selection.map((n) => classifyNode(n, constants));
  const first = (kind: NodeKind["kind"]) => kinds.find((k) => k.kind === kind);

  if (first("text")) {
    // Text beside an image or shapes: say both are selected, so the fix (leave the text out) is plain.
    if (kinds.length === 1) return unsupported("text", "Text is selected: select an image or shapes instead.", page);
    const other = first("image") ? "an image" : isShapeKind(kinds.find((k) => k.kind !== "text")!) ? "shapes" : "other layers";
    return unsupported("text", `Text and ${other} are selected: select them without the text (Shift+click the text).`, page);
  }
  if (first("group")) {
    return unsupported("group", "A group is selected: double-click into it and select the image or shapes inside.", page);
  }
  if (first("video")) return unsupported("video", "A video is selected: select an image or shapes instead.", page);
  if (first("other")) {
    return unsupported("unsupported-node", "A layer this add-on cannot use is selected: select an image or shapes instead.", page);
  }

  const images = kinds.filter((k): k is Extract<NodeKind, { kind: "image" }> => k.kind === "image");
  const shapes = kinds.filter(isShapeKind);
  if (images.length > 1) return unsupported("several-images", "Several images are selected: select one (plus shapes over it to fill).", page);

  if (images.length === 1) {
    const maskIds = shapes.map((k) => k.node.id);
    const image = describeImage(host, images[0].node, artboard, maskIds);
    if (shapes.length === 0) return { type: "image", revision, page, image };
    const pageToImage = invertAffine(image.transform);
    const maskShapes: MaskShape[] = [];
    const boxes: Box[] = [];
    for (const k of shapes) {
      const local = shapeInLocalSpace(k, constants);
      const toImage = composeAffine(pageToImage, shapeToNodeAffine(k.node, local, artboard));
      maskShapes.push(maskShape(k, local.shape, toImage, local.outline));
      boxes.push(transformedBounds(toImage, local.bounds));
    }
    const maskBoundsInImage = intersectBoxes(unionBoxes(boxes)!, { x: 0, y: 0, width: image.width, height: image.height });
    if (!maskBoundsInImage) {
      return unsupported("mask-outside-image", "The shapes don't overlap the image: move one over the part to fill.", page);
    }
    return { type: "image-with-mask", revision, page, image, maskShapes, maskBoundsInImage };
  }

  // Shapes alone: the region of the rendered page under them.
  const maskShapes: MaskShape[] = [];
  const boxes: Box[] = [];
  for (const k of shapes) {
    const local = shapeInLocalSpace(k, constants);
    const toPage = shapeToNodeAffine(k.node, local, artboard);
    maskShapes.push(maskShape(k, local.shape, toPage, local.outline));
    boxes.push(transformedBounds(toPage, local.bounds));
  }
  const onPage = intersectBoxes(unionBoxes(boxes)!, { x: 0, y: 0, width: page.width, height: page.height });
  if (!onPage) return unsupported("outside-page", "The shapes are outside the page: move them over the part to fill.", page);
  const region = snapOutward(onPage);
  const overlaps = listOverlaps(
    { artboard, sourceId: null, excludeIds: shapes.map((k) => k.node.id), pageToBox: [1, 0, 0, 1, -region.x, -region.y], box: { x: 0, y: 0, width: region.width, height: region.height } },
    constants,
  );
  return { type: "page-region", revision, page, maskShapes, region, overlaps };
}

function maskShape(k: ShapeKind, shape: MaskShape["shape"], transform: MaskShape["transform"], outline: "box" | undefined): MaskShape {
  return { nodeId: k.node.id, shape, transform, ...(outline ? { outline, label: k.kind === "box-shape" ? k.label : "shape" } : {}) };
}

function describePage(host: ExpressHost, artboard: ArtboardSurface): PageInfo {
  const current = host.editor.context.currentPage;
  const pageIndex = host.editor.documentRoot.pages.toArray().findIndex((p) => p.id === current.id);
  const scenes = current.artboards.toArray();
  return {
    pageId: current.id,
    pageIndex,
    width: current.width,
    height: current.height,
    artboardId: artboard.id,
    sceneIndex: Math.max(0, scenes.findIndex((a) => a.id === artboard.id)),
    sceneCount: scenes.length,
    backdrop: describeBackdrop(host, artboard),
  };
}

function describeBackdrop(host: ExpressHost, artboard: ArtboardSurface): Backdrop {
  const fill = artboard.fill;
  // The SDK warns that fill types may be added: anything but a colour is "unknown".
  if (fill.type !== host.constants.FillType.color) return { type: "unknown" };
  const { red, green, blue, alpha } = (fill as unknown as { color: { red: number; green: number; blue: number; alpha: number } }).color;
  return { type: "color", red, green, blue, alpha };
}

/** The visible part of an image layer: its container's bounds (= its crop mask's bounds). */
export function describeImage(host: ExpressHost, container: MediaContainerSurface, artboard: ArtboardSurface, maskIds: readonly string[] = []): ImageSource {
  const b = container.boundsLocal;
  const transform = composeAffine(localToNodeAffine(container, artboard), [1, 0, 0, 1, b.x, b.y]);
  const generation = readGenerationRecord(container.addOnData);
  const media = container.mediaRectangle;
  const uncropped = Math.abs(media.width - b.width) <= 1e-6 * b.width && Math.abs(media.height - b.height) <= 1e-6 * b.height;
  const overlaps = listOverlaps(
    { artboard, sourceId: container.id, excludeIds: maskIds, pageToBox: invertAffine(transform), box: { x: 0, y: 0, width: b.width, height: b.height } },
    host.constants,
  );
  return {
    nodeId: container.id,
    width: b.width,
    height: b.height,
    transform,
    boundsOnPage: transformedBounds(transform, { x: 0, y: 0, width: b.width, height: b.height }),
    ...(generation ? { generation } : {}),
    uncropped,
    overlaps,
  };
}
