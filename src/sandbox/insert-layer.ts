/**
 * Keep: the kept PNG becomes a new image layer directly above its source, with the generation
 * settings in its add-on data and the mask shapes removed (or left, when asked) — one undoable
 * step, or no change at all.
 *
 * Sizing: createImageContainer wants `initialSize` with exactly the bitmap's aspect ratio
 * (contract/aspect-ratio.ts), while the box it replaces has any real-valued size (640×17.5). So the
 * size is derived from the PNG (the largest-error-minimising fit) and the layer is centred on the
 * box: each edge is off by at most half an axis error, i.e. under 1/(2k) px for a result of k px
 * per document unit.
 *
 * Large-document rules (Express may unload content between frames):
 *  - no node reference survives an `await`: the only awaits (PNG check, loadBitmapImage) happen
 *    before any node is read;
 *  - every edit runs in keepContentActiveDuringAsync's synchronous callback, so all of them land
 *    in the same frame and Express records them as one undo step;
 *  - everything that can fail is checked before the first edit; a late failure rolls back.
 */
import type { Affine2D } from "../contract/geometry";
import type { InsertedLayer, InsertLayerRequest, PngData } from "../contract/sandbox-api";
import { fitBitmapToBox, sameAspectRatio } from "../contract/aspect-ratio";
import { composeAffine, decomposeAffine, IDENTITY, invertAffine, mapPoint, transformedBounds } from "../contract/affine";
import { intersectBoxes, snapOutward, unionBoxes } from "./boxes";
import { describeImage } from "./describe-selection";
import {
  DocumentEditError,
  InvalidInsertRequestError,
  PageChangedError,
  SandboxOperationError,
  SourceNotFoundError,
} from "./errors";
import type { ArtboardSurface, BitmapImageSurface, ContainerSurface, ExpressHost, ItemListSurface, NodeSurface } from "./express-surface";
import { findNodesOnCurrentPage, type FoundNode } from "./find-node";
import { assertRecordFits, serializeGenerationRecord, writeGenerationRecord } from "./generation-record-store";
import { localToNodeAffine, shapeInLocalSpace, shapeToNodeAffine } from "./node-geometry";
import { classifyNode, isShapeKind } from "./node-kinds";

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

export async function insertLayer(host: ExpressHost, request: InsertLayerRequest): Promise<InsertedLayer> {
  const recordJson = serializeGenerationRecord(request.record);
  checkTargetShape(request);
  const png = await toPngBlob(request.png);
  const bitmap = await host.editor.loadBitmapImage(png);
  // Fresh references only from here on. The page is re-read now, not before the awaits.
  const page = host.editor.context.currentPage;
  if (page.id !== request.pageId) {
    throw new PageChangedError("You moved to another page while the result was being made. Go back to that page and press Keep again.");
  }
  let inserted: InsertedLayer | undefined;
  await host.editor.keepContentActiveDuringAsync(
    page,
    async () => undefined,
    () => {
      inserted = applyInsertion(host, request, recordJson, bitmap);
    },
  );
  if (!inserted) throw new DocumentEditError("Express did not run the edit. Nothing was changed; press Keep again.");
  return inserted;
}

/** Runs synchronously inside keepContentActiveDuringAsync's callback. */
function applyInsertion(host: ExpressHost, request: InsertLayerRequest, recordJson: string, bitmap: BitmapImageSurface): InsertedLayer {
  const { editor } = host;
  const plan = planPlacement(host, request);
  const parent = plan.anchor.node.parent as ContainerSurface | undefined;
  if (!parent || !("children" in parent)) {
    throw new SourceNotFoundError("The source layer is no longer in the document. Select it again and press Keep.");
  }

  // Local frame of the new layer in its parent: parent ← page ← region box.
  const parentToPage = parent.id === plan.anchor.artboard.id ? IDENTITY : localToNodeAffine(parent, plan.anchor.artboard);
  const boxToParent = composeAffine(invertAffine(parentToPage), plan.boxToPage);
  const { rotation, scaleX, scaleY } = decomposeAffine(boxToParent);
  // Rounded to 1e-6 px: the scales come from point differences and carry float noise (300.00000000000045).
  const box = { width: roundMicro(plan.width * scaleX), height: roundMicro(plan.height * scaleY) };
  const fit = fitBitmapToBox(bitmap, box);
  // Whole-pixel rounding of a result made for this box explains up to one result pixel per axis;
  // more means the result was made for another selection.
  if (fit.axisError > (box.width + box.height) / (bitmap.width + bitmap.height)) {
    throw new InvalidInsertRequestError(
      `The result is ${bitmap.width}×${bitmap.height} px but the area it replaces is ${box.width.toFixed(1)}×${box.height.toFixed(1)}: the shapes are different. Generate again for the current selection.`,
    );
  }
  const initialSize = { width: fit.width, height: fit.height };
  if (!sameAspectRatio(initialSize, bitmap)) {
    throw new DocumentEditError("The layer size does not keep the result's proportions (a rounding fault). Nothing was changed; press Keep again.");
  }
  // The layer's top-left in box units, so that its centre is the box's centre.
  const inset = { x: (plan.width - fit.width / scaleX) / 2, y: (plan.height - fit.height / scaleY) / 2 };

  const layer = editor.createImageContainer(bitmap, { initialSize });
  assertRecordFits(layer.addOnData, recordJson); // before anything touches the document
  writeGenerationRecord(layer.addOnData, recordJson);

  const removed: RemovedShape[] = [];
  let attached = false;
  try {
    parent.children.insertAfter(layer, plan.anchor.node);
    attached = true;
    const topLeft = layer.topLeftLocal;
    layer.setRotationInParent(rotation, topLeft);
    layer.setPositionInParent(mapPoint(boxToParent, inset), topLeft);
    if (!request.keepMaskShapes) {
      // After the insert: in a page region the layer sits right above the topmost shape.
      for (const shape of plan.maskShapes) removed.push(removeShape(shape.node));
    }
    // A swap: the variation takes the kept layer's place (inserted right above it, then it goes).
    if (request.replaceTarget && request.target.type === "image") removed.push(removeShape(plan.anchor.node));
  } catch (error) {
    for (const r of removed.reverse()) restoreShape(r);
    if (attached) layer.removeFromParent();
    if (error instanceof SandboxOperationError) throw error;
    throw new DocumentEditError(`Express refused to add the layer (${error instanceof Error ? error.message : String(error)}). Nothing was changed; press Keep again.`);
  }

  const b = layer.boundsLocal;
  return {
    type: "inserted",
    nodeId: layer.id,
    pageId: request.pageId,
    width: b.width,
    height: b.height,
    transform: composeAffine(localToNodeAffine(layer, plan.anchor.artboard), [1, 0, 0, 1, b.x, b.y]),
    removedMaskShapeIds: removed.map((r) => r.id).filter((id) => !(request.replaceTarget && id === plan.anchor.node.id)),
  };
}

interface Placement {
  /** The node the layer goes directly above. */
  anchor: FoundNode;
  maskShapes: FoundNode[];
  /** Region box [0,width]×[0,height] → page. */
  boxToPage: Affine2D;
  width: number;
  height: number;
}

/** Re-finds the request's nodes and computes where the new layer goes; throws before any edit. */
function planPlacement(host: ExpressHost, request: InsertLayerRequest): Placement {
  const { target } = request;
  const ids = target.type === "image" ? [target.imageNodeId, ...target.maskShapeIds] : [...target.maskShapeIds];
  const found = findNodesOnCurrentPage(host.editor, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new SourceNotFoundError(
      `${missing.length === 1 ? "A layer" : `${missing.length} layers`} used for this result ${missing.length === 1 ? "was" : "were"} deleted or moved to another page. Select the image (and shapes) again and generate again.`,
    );
  }
  const maskShapes = target.maskShapeIds.map((id) => found.get(id)!);
  for (const m of maskShapes) {
    if (!isShapeKind(classifyNode(m.node, host.constants))) {
      throw new InvalidInsertRequestError("A mask layer is not a rectangle, ellipse or path. Select the image and shapes again and generate again.");
    }
  }

  if (target.type === "image") {
    const anchor = found.get(target.imageNodeId)!;
    const kind = classifyNode(anchor.node, host.constants);
    if (kind.kind !== "image") {
      throw new InvalidInsertRequestError("The source layer is not an image any more. Select the image again and generate again.");
    }
    const image = describeImage(host, kind.node, anchor.artboard);
    const box = target.expandedBox;
    if (box) {
      // Generative Expand: the layer covers the grown box, along the image's own axes.
      if (!expandedBoxHoldsImage(box, image.width, image.height)) {
        throw new InvalidInsertRequestError("The image was resized since the expansion was made. Generate again for the current image.");
      }
      return { anchor: { ...anchor, node: kind.node }, maskShapes, boxToPage: composeAffine(image.transform, [1, 0, 0, 1, box.x, box.y]), width: box.width, height: box.height };
    }
    return { anchor: { ...anchor, node: kind.node }, maskShapes, boxToPage: image.transform, width: image.width, height: image.height };
  }

  // Page region: the integer page box under the shapes (same rule as the selection summary), above the topmost shape.
  const artboard: ArtboardSurface = maskShapes[0].artboard;
  const boxes = maskShapes.map((m) => {
    const k = classifyNode(m.node, host.constants);
    if (!isShapeKind(k)) throw new InvalidInsertRequestError("A mask layer is not a shape.");
    const local = shapeInLocalSpace(k, host.constants);
    return transformedBounds(shapeToNodeAffine(m.node, local, artboard), local.bounds);
  });
  const onPage = intersectBoxes(unionBoxes(boxes)!, { x: 0, y: 0, width: artboard.width, height: artboard.height });
  if (!onPage) throw new InvalidInsertRequestError("The shapes are outside the page now. Move them over the page and generate again.");
  const region = snapOutward(onPage);
  const anchor = maskShapes.reduce((top, m) => (m.paintOrder > top.paintOrder ? m : top));
  return { anchor, maskShapes, boxToPage: [1, 0, 0, 1, region.x, region.y], width: region.width, height: region.height };
}

/** The expanded box must contain the image's own box [0,w]×[0,h] (to 0.5 unit: margins are whole source pixels). */
function expandedBoxHoldsImage(box: { x: number; y: number; width: number; height: number }, width: number, height: number): boolean {
  const tol = 0.5;
  return box.x <= tol && box.y <= tol && box.x + box.width >= width - tol && box.y + box.height >= height - tol;
}

function roundMicro(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

interface RemovedShape {
  id: string;
  node: NodeSurface;
  list: ItemListSurface;
  /** The sibling it followed, or the one it preceded when it was first. */
  after: NodeSurface | undefined;
  before: NodeSurface | undefined;
}

/** Removes a mask shape, remembering where it was so a failed Keep can put it back. */
function removeShape(node: NodeSurface): RemovedShape {
  const parent = node.parent as ContainerSurface | undefined;
  if (!parent || !("children" in parent)) throw new SourceNotFoundError("A mask shape is no longer in the document. Select the image and shapes again.");
  const list = parent.children;
  const index = list.indexOf(node);
  const removed = { id: node.id, node, list, after: index > 0 ? list.item(index - 1) : undefined, before: list.item(index + 1) };
  node.removeFromParent();
  return removed;
}

function restoreShape(r: RemovedShape): void {
  if (r.after) r.list.insertAfter(r.node, r.after);
  else if (r.before) r.list.insertBefore(r.node, r.before);
  else r.list.append(r.node);
}

function checkTargetShape(request: InsertLayerRequest): void {
  const { target } = request;
  if (typeof request.pageId !== "string" || request.pageId.length === 0) {
    throw new InvalidInsertRequestError("The request names no page. Generate again from the current selection.");
  }
  if (!Array.isArray(target.maskShapeIds) || target.maskShapeIds.some((id) => typeof id !== "string")) {
    throw new InvalidInsertRequestError("The request's mask shape list is malformed. Generate again from the current selection.");
  }
  if (target.type === "page-region" && target.maskShapeIds.length === 0) {
    throw new InvalidInsertRequestError("Filling part of the page needs at least one shape. Select shapes over the area and generate again.");
  }
  if (target.type === "image" && (typeof target.imageNodeId !== "string" || target.imageNodeId.length === 0)) {
    throw new InvalidInsertRequestError("The request names no image. Select an image and generate again.");
  }
  if (target.type === "image" && target.expandedBox !== undefined) {
    const b = target.expandedBox;
    const finite = [b?.x, b?.y, b?.width, b?.height].every((v) => typeof v === "number" && Number.isFinite(v));
    if (!finite || b.width <= 0 || b.height <= 0) throw new InvalidInsertRequestError("The expanded area is malformed. Expand again from the current selection.");
  }
}

/** Checks the PNG signature and returns a Blob for loadBitmapImage. */
async function toPngBlob(png: PngData): Promise<Blob> {
  const isBlob = typeof (png as Blob | undefined)?.arrayBuffer === "function";
  const bytes = isBlob ? await (png as Blob).arrayBuffer() : (png as ArrayBuffer);
  const head = typeof bytes?.byteLength === "number" && bytes.byteLength >= 8 ? new Uint8Array(bytes, 0, 8) : undefined;
  if (!head || PNG_SIGNATURE.some((v, i) => head[i] !== v)) {
    throw new InvalidInsertRequestError("The result is not a PNG image. Generate again; if it keeps happening, reload the add-on.");
  }
  return isBlob && (png as Blob).type === "image/png" ? (png as Blob) : new Blob([bytes], { type: "image/png" });
}
