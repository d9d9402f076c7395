/**
 * The two APIs of the panel ↔ sandbox bridge (Express `runtime.exposeApi` / `runtime.apiProxy`).
 *
 *   sandbox: runtime.exposeApi(sandboxApi)        panel: await runtime.apiProxy("documentSandbox") → Remote<SandboxApi>
 *   panel:   runtime.exposeApi(panelApi)          sandbox: await runtime.apiProxy("panel")         → Remote<PanelApi>
 *
 * Signatures hold only bridge-safe types; the assertions at the bottom fail `tsc` otherwise.
 */
import type { AssertNoUnsafeMembers, UnsafeMembers } from "./bridge-safe";
import type { Affine2D, Box } from "./geometry";
import type { GenerationRecord } from "./generation-record";
import type { SandboxFailure } from "./errors";
import type { SelectionSummary } from "./selection";

/** Encoded PNG bytes of the kept result. */
export type PngData = ArrayBuffer | Blob;

/** Where the kept result goes: copied from the SelectionSummary the generation started from. */
export type InsertTarget =
  /** Over an image layer (restyle, variations, fill): same size, position and rotation as the image. */
  | {
      type: "image";
      imageNodeId: string;
      maskShapeIds: string[];
      /**
       * Generative Expand: the box the new layer covers, in the image's own units ([0,w]×[0,h] is
       * the image; the box contains it). Same rotation as the image, so it grows along its own axes.
       */
      expandedBox?: Box;
    }
  /** Over the region under shapes (PageRegionSelection.region), above the topmost shape. */
  | { type: "page-region"; maskShapeIds: string[] };

export interface InsertLayerRequest {
  /** PageInfo.pageId of the summary: insertion is refused if the user has moved to another page. */
  pageId: string;
  target: InsertTarget;
  /**
   * The kept result. Its pixel size must be the target's size times some px-per-unit, up to
   * whole-pixel rounding (one pixel per axis); the layer then gets the PNG's exact proportions,
   * centred on the target.
   */
  png: PngData;
  record: GenerationRecord;
  /** Leave the mask shapes in the document (default: they are removed, in the same undo step). */
  keepMaskShapes?: boolean;
  /**
   * Image targets only: remove the target image in the same undo step (swapping a kept layer for
   * one of its other variations, which is inserted at the same place).
   */
  replaceTarget?: boolean;
}

export interface InsertedLayer {
  type: "inserted";
  /** Id of the new image layer. */
  nodeId: string;
  pageId: string;
  /** Size and placement of the new layer: box [0,width]×[0,height] → page. */
  width: number;
  height: number;
  transform: Affine2D;
  /** Mask shapes that were removed (empty when keepMaskShapes was set). */
  removedMaskShapeIds: string[];
}

export interface InsertLayerFailed {
  type: "failed";
  error: SandboxFailure;
}

export type InsertLayerResult = InsertedLayer | InsertLayerFailed;

/** Exposed by the document sandbox. */
export interface SandboxApi {
  /** The current selection, described (as pushed to PanelApi.selectionChanged, with a new revision). */
  getSelection(): SelectionSummary;
  /**
   * Insert the kept result as a new image layer directly above its source, record the settings in
   * its add-on data and remove the mask shapes (unless keepMaskShapes), all as ONE undoable step.
   * On failure nothing changes.
   */
  insertLayer(request: InsertLayerRequest): Promise<InsertLayerResult>;
  /** The settings recorded on a layer of the current page, or null (not found / not generated). */
  getGenerationRecord(nodeId: string): GenerationRecord | null;
}

/** Exposed by the panel. */
export interface PanelApi {
  /** Called by the sandbox on every selection change (and once when the bridge is up). */
  selectionChanged(summary: SelectionSummary): void;
}

// Compile-time proof that both APIs only carry bridge-safe types (see bridge-safe.ts).
export type SandboxApiUnsafeMembers = AssertNoUnsafeMembers<UnsafeMembers<SandboxApi>>;
export type PanelApiUnsafeMembers = AssertNoUnsafeMembers<UnsafeMembers<PanelApi>>;
