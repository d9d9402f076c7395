/**
 * Re-finding nodes by id. Node references are only valid in the synchronous frame that read them
 * (Express unloads inactive content), so after any `await` the sandbox looks nodes up again. Only
 * the current page is searched: other pages may not be loaded.
 */
import type { ArtboardSurface, EditorSurface, NodeSurface } from "./express-surface";

export interface FoundNode {
  node: NodeSurface;
  artboard: ArtboardSurface;
  /** Position in a pre-order walk of the page = paint order (higher is drawn later, on top). */
  paintOrder: number;
}

/** Finds every requested id on the current page in one walk; missing ids are absent from the map. */
export function findNodesOnCurrentPage(editor: EditorSurface, ids: readonly string[]): Map<string, FoundNode> {
  const wanted = new Set(ids);
  const found = new Map<string, FoundNode>();
  let order = 0;
  const visit = (node: NodeSurface, artboard: ArtboardSurface): void => {
    order += 1;
    if (wanted.has(node.id)) found.set(node.id, { node, artboard, paintOrder: order });
    if (found.size === wanted.size) return;
    for (const child of node.allChildren) {
      visit(child, artboard);
      if (found.size === wanted.size) return;
    }
  };
  for (const artboard of editor.context.currentPage.artboards.toArray()) {
    for (const child of artboard.allChildren) {
      visit(child, artboard);
      if (found.size === wanted.size) return found;
    }
  }
  return found;
}
