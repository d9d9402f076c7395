/**
 * The one-line notes about the source, shown before Generate (issue 15): what a page rendition
 * bakes in, whether transparency survives, which masks are only boxes, and the working resolution.
 * Pure, so the exact texts are tested in Node.
 */
import type { OverlapItem, SelectionSummary } from "../../contract";
import type { SourceInfo } from "../flow/obtain-source";
import { recoverableAlpha } from "../flow/obtain-source";
import type { UsableSelection } from "../flow/modes";
import { sourceGeometry } from "../flow/source-geometry";
import { plural } from "./panel-text";

/** "a text and 2 shapes" */
function itemList(items: readonly OverlapItem[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, n]) => (n === 1 ? `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind}` : plural(n, kind)));
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Layers over the image that a rendition bakes into the result (null: none, or exact pixels are used). */
export function overlapNote(selection: SelectionSummary | undefined, exactPixels: boolean): string | null {
  if (!selection || selection.type === "unsupported" || selection.type === "page-region" || exactPixels) return null;
  const above = selection.image.overlaps?.above ?? [];
  if (above.length === 0) return null;
  const verb = above.length === 1 ? "lies" : "lie";
  return `${capitalise(itemList(above))} ${verb} over this image and will be baked into the result: select ${above.length === 1 ? "it" : "them"} to move or hide ${above.length === 1 ? "it" : "them"} first.`;
}

/** Said before Generate when the result cannot keep the image's transparency. */
export function transparencyNote(selection: SelectionSummary | undefined, exactPixels: boolean): string | null {
  if (!selection || selection.type === "unsupported" || selection.type === "page-region" || exactPixels) return null;
  if (recoverableAlpha(selection)) return null;
  const below = selection.image.overlaps?.below ?? [];
  const why = below.length > 0 ? `${capitalise(itemList(below))} under this image can't be separated from it` : "This page's background can't be separated from the image";
  return `${why}: the result will be opaque over the image's box.`;
}

/** Masks taken from a shape's box because the SDK gives no outline for its kind. */
export function boxMaskNote(selection: SelectionSummary | undefined): string | null {
  if (!selection || (selection.type !== "image-with-mask" && selection.type !== "page-region")) return null;
  const boxes = selection.maskShapes.filter((m) => m.outline === "box");
  if (boxes.length === 0) return null;
  if (boxes.length === 1) return `Express gives no outline for the selected ${boxes[0].label ?? "shape"}, so the mask is its box.`;
  return `Express gives no outline for ${boxes.length} of the selected shapes, so the mask is their boxes.`;
}

/**
 * "Working at 960×640 of this image." Before a run: what the panel will ask for. After a run on the
 * same source: what it really used (smaller when the platform would not render more).
 */
export function workingNote(selection: SelectionSummary | undefined, maxModelSide: number | null, lastSource: SourceInfo | null): string | null {
  if (!selection || selection.type === "unsupported" || maxModelSide === null) return null;
  const what = selection.type === "page-region" ? "this area" : "this image";
  if (lastSource?.limitedByPlatform) return `Express gave a smaller picture on this device: working at ${lastSource.width}×${lastSource.height} of ${what}.`;
  if (lastSource?.origin === "kept-pixels") return `Working at ${lastSource.width}×${lastSource.height} of ${what} (its own pixels, kept by this add-on).`;
  const g = sourceGeometry(selection as UsableSelection, maxModelSide);
  return `Working at ${g.width}×${g.height} of ${what}.`;
}
