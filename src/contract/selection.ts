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
  /** Which scene (artboard) of the page that is, 0-based, and how many the page has (always set by the sandbox). */
  sceneIndex?: number;
  sceneCount?: number;
  /** The artboard's background as far as the SDK tells it (always set by the sandbox; absent = unknown). */
  backdrop?: Backdrop;
}

/**
 * The page background under everything: a colour fill (channels 0–1; alpha 0 = transparent), or
 * "unknown" for a fill type this add-on does not know (the SDK says more may be added).
 */
export type Backdrop = { type: "color"; red: number; green: number; blue: number; alpha: number } | { type: "unknown" };

/** A layer that lies over or under the source's box: it shows in a page rendition of that box. */
export interface OverlapItem {
  nodeId: string;
  /** What the user would call it: "text", "image", "shape", "group", "video", "line". */
  kind: string;
  /** Axis-aligned bounds on the page. */
  boundsOnPage: Box;
}

/** Everything a page rendition of the source's box would bake in besides the source itself. */
export interface Overlaps {
  /** Drawn after the source (over it). Mask shapes of the selection are never listed. */
  above: OverlapItem[];
  /** Drawn before it (under it): shows through the source's transparent pixels. */
  below: OverlapItem[];
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
  /** False when the crop hides part of the media (always set by the sandbox; absent = unknown). */
  uncropped?: boolean;
  /** Other layers over or under the image's box on its artboard (always set by the sandbox). */
  overlaps?: Overlaps;
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
  /** Other layers in the region (the page region is rendered whole, so they are part of the source; always set by the sandbox). */
  overlaps?: Overlaps;
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
