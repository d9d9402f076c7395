/**
 * What a page rendition of the source's box bakes in besides the source: every visible layer of the
 * source's artboard whose bounds reach into the box, split into those painted before the source
 * (below: they show through its transparent pixels) and after it (above: they cover it). The
 * selection's mask shapes never count (they are removed or kept by Keep, and the mask is theirs).
 *
 * Read synchronously in one frame, like the rest of the selection summary.
 */
import type { Affine2D, Box } from "../contract/geometry";
import type { OverlapItem, Overlaps } from "../contract/selection";
import { composeAffine, transformedBounds } from "../contract/affine";
import { intersectBoxes } from "./boxes";
import type { ArtboardSurface, ConstantsSurface, NodeSurface } from "./express-surface";
import { localToNodeAffine } from "./node-geometry";
import { classifyNode, kindLabel } from "./node-kinds";

export interface OverlapQuery {
  artboard: ArtboardSurface;
  /** The source layer; null for a page region (everything in it counts as above). */
  sourceId: string | null;
  /** Mask shapes of the selection: never listed. */
  excludeIds: readonly string[];
  /** Page → the box's own space, and the box there ([0,w]×[0,h]). */
  pageToBox: Affine2D;
  box: Box;
}

export function listOverlaps(q: OverlapQuery, constants: ConstantsSurface): Overlaps {
  const excluded = new Set(q.excludeIds);
  const overlaps: Overlaps = { above: [], below: [] };
  let sourceSeen = q.sourceId === null;

  const visit = (node: NodeSurface): void => {
    if (node.id === q.sourceId) {
      sourceSeen = true;
      return; // its own media is not an overlap
    }
    if (excluded.has(node.id) || node.opacity <= 0) return;
    const kind = classifyNode(node, constants);
    if (kind.kind === "group") {
      for (const child of node.allChildren) visit(child);
      return;
    }
    const toPage = localToNodeAffine(node, q.artboard);
    const inBox = transformedBounds(composeAffine(q.pageToBox, toPage), node.boundsLocal);
    if (!intersectBoxes(inBox, q.box)) return;
    const item: OverlapItem = { nodeId: node.id, kind: kindLabel(kind), boundsOnPage: transformedBounds(toPage, node.boundsLocal) };
    (sourceSeen ? overlaps.above : overlaps.below).push(item);
  };
  for (const child of q.artboard.allChildren) visit(child);
  return overlaps;
}
