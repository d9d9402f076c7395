/**
 * What the sandbox tells the panel about the current selection. A new summary is pushed on every
 * selection change (PanelApi.selectionChanged) and can be pulled (SandboxApi.getSelection).
 * Only plain data: node ids, sizes, transforms. Pixels are NOT here: the panel renders the page
 * (createRenditions, RenditionIntent.preview) and crops it with this geometry.
 */
import type { Affine2D, Box, MaskShape } from "./geometry";
import type { GenerationRecord } from "./generation-record";

/** The page holding the selection. Coordinates in every summary are page coordinates (document px). */
export interface PageInfo {
  pageId: string;
  /** Index in the document's page list (0-based). */
  pageIndex: number;
  /** Page (= artboard) size in document px; a page rendition of width W has W / width px per unit. */
  width: number;
  height: number;
  /** The artboard the selection lives on (pages with several artboards are animation scenes). */
  artboardId: string;
}

/** One image layer (an Express MediaContainerNode holding a bitmap). */
export interface ImageSource {
  /** Id of the selected image layer: the node the result is inserted above. */
  nodeId: string;
  /** Visible (cropped) size in document px. Image space is the box [0, width] × [0, height]. */
  width: number;
  height: number;
  /** Image space → page space. Rotation and any ancestor transforms are folded in. */
  transform: Affine2D;
  /** Axis-aligned bounds of the image on the page; may reach outside the page. */
  boundsOnPage: Box;
  /** Set when this layer was made by the add-on: the settings that made it. */
  generation?: GenerationRecord;
}

/** img2img / variations: one image, nothing else. */
export interface ImageSelection {
  type: "image";
  revision: number;
  page: PageInfo;
  image: ImageSource;
}

/** Inpaint: one image plus shapes; repaint the image under the union of the shapes. */
export interface ImageWithMaskSelection {
  type: "image-with-mask";
  revision: number;
  page: PageInfo;
  image: ImageSource;
  /** transform = shape local space → IMAGE space (not page space). Shapes may reach outside the image. */
  maskShapes: MaskShape[];
  /** Bounds of the shapes' union in image space, clipped to the image. */
  maskBoundsInImage: Box;
}

/** Shapes alone: fill the region of the rendered page under them. */
export interface PageRegionSelection {
  type: "page-region";
  revision: number;
  page: PageInfo;
  /** transform = shape local space → PAGE space. */
  maskShapes: MaskShape[];
  /** Integer page-px box covering the shapes' union, clipped to the page: the area to render and replace. */
  region: Box;
}

export type UnsupportedReason =
  | "empty"
  | "locked"
  | "text"
  | "group"
  | "video"
  | "several-images"
  | "unsupported-node"
  | "mask-outside-image"
  | "outside-page";

/** Nothing usable: `message` tells the user what to select. */
export interface UnsupportedSelection {
  type: "unsupported";
  revision: number;
  reason: UnsupportedReason;
  message: string;
  page?: PageInfo;
}

export type SelectionSummary = ImageSelection | ImageWithMaskSelection | PageRegionSelection | UnsupportedSelection;
export type SelectionType = SelectionSummary["type"];
