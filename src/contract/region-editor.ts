/**
 * What crosses between the panel and the region editor page (an Express custom dialog, the
 * playground's overlay, or the in-panel fallback).
 *
 * Express gives a custom dialog no channel from its opener: `showModalDialog({ variant: "custom",
 * src, size })` takes no data, and the dialog's runtime has no `apiProxy`. Both pages belong to the
 * same add-on, so the panel writes the editor's input to the add-on's `clientStorage` (values may be
 * plain objects with `Uint8Array`s; 10 MB per add-on, per Adobe's "Store Data" guide) under
 * REGION_EDITOR_INPUT_KEY, and the dialog answers with `runtime.dialog.close(result)`; its result
 * reaches the opener as `CustomDialogResult.result`. The panel removes the input afterwards.
 */

/** The editor page, relative to the add-on's root (webpack's `editor` entry). */
export const REGION_EDITOR_PAGE = "editor.html";
export const REGION_EDITOR_INPUT_KEY = "region-editor-input";
/** The dialog size asked of Express (CSS px); Express may clamp it to the window. */
export const REGION_EDITOR_DIALOG_SIZE = { width: 960, height: 720 } as const;

export interface RegionEditorInput {
  version: 1;
  /** Matches the result to this opening (a stale result of an earlier opening is ignored). */
  sessionId: string;
  /** The dialog's heading, e.g. "Mark the region: Landscape photo". */
  title: string;
  /** The source at the working resolution: the mask's pixel grid. */
  width: number;
  height: number;
  /** The source picture for display and click-select (JPEG or PNG bytes, `imageType`), width × height. */
  image: Uint8Array;
  imageType: string;
  /** The starting mask, width × height bytes (0 keep … 255 repaint), or null for an empty one. */
  mask: Uint8Array | null;
  /** The panel's grow / feather (source px), previewed around the mask. */
  growPx: number;
  featherPx: number;
}

export type RegionEditorResult =
  | { status: "done"; sessionId: string; width: number; height: number; mask: Uint8Array; growPx: number; featherPx: number }
  | { status: "cancelled"; sessionId: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/**
 * Checks what a dialog handed back: only a complete "done" result for this opening counts; a
 * dialog closed by Express's own X button (no result) or anything malformed reads as cancelled.
 */
export function parseRegionEditorResult(value: unknown, sessionId: string): RegionEditorResult {
  const cancelled: RegionEditorResult = { status: "cancelled", sessionId };
  if (!isRecord(value) || value.status !== "done" || value.sessionId !== sessionId) return cancelled;
  const { width, height, mask, growPx, featherPx } = value;
  if (!Number.isInteger(width) || !Number.isInteger(height) || (width as number) <= 0 || (height as number) <= 0) return cancelled;
  if (!(mask instanceof Uint8Array) || mask.length !== (width as number) * (height as number)) return cancelled;
  return {
    status: "done",
    sessionId,
    width: width as number,
    height: height as number,
    mask,
    growPx: typeof growPx === "number" ? growPx : 0,
    featherPx: typeof featherPx === "number" ? featherPx : 0,
  };
}

/** Checks the input the editor page read from clientStorage; a clear sentence when it is unusable. */
export function parseRegionEditorInput(value: unknown): RegionEditorInput {
  if (!isRecord(value) || value.version !== 1) throw new Error("The region editor found nothing to edit. Close it and press Mark region in the panel again.");
  const { width, height, image, mask } = value;
  if (!Number.isInteger(width) || !Number.isInteger(height) || !(image instanceof Uint8Array)) {
    throw new Error("The region editor's picture is incomplete. Close it and press Mark region in the panel again.");
  }
  if (mask !== null && !(mask instanceof Uint8Array && mask.length === (width as number) * (height as number))) {
    throw new Error("The region editor's starting mask does not match the picture. Close it and press Mark region again.");
  }
  return value as unknown as RegionEditorInput;
}
