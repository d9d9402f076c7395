/**
 * Where Generate's source pixels come from, and what is known about their transparency (issue 15):
 *
 *   1. a layer this add-on kept, uncropped, with its pixels stored at Keep → those exact pixels
 *      (no rendition: nothing else on the page is baked in, alpha is exact);
 *   2. otherwise a page rendition, with the export intent when exportAllowed() (else preview
 *      pixels, which Keep will refuse to write). For an image with nothing under it on a
 *      colour-filled page, the rendition asks for a transparent background; if it still comes
 *      back opaque, the page colour is keyed out from the box's border inwards;
 *   3. anything under the image (or an unknown page fill) → the result is opaque over its box
 *      (sourceNotes says so before Generate).
 *
 * The model sees RGB flattened over the page colour; the finish step uses the alpha.
 */
import type { Backdrop, Overlaps } from "../../contract";
import type { FailureNotice } from "./describe-failure";
import { flattenOver, hasTransparency, keyOutBackdrop, type RgbaImage } from "../../imaging";
import type { PanelHost } from "../host/panel-host";
import type { KeptPixelsStore } from "../storage/kept-pixels-store";
import type { CaptureRequest, RenditionCapture } from "./capture-source";
import type { UsableSelection } from "./modes";
import { sourceGeometry, type GeometryOverride, type SourceGeometry } from "./source-geometry";

export type SourceAlpha = "exact" | "recovered" | "opaque";

export interface ObtainedSource {
  image: RgbaImage;
  geometry: SourceGeometry;
  origin: "kept-pixels" | "rendition";
  /** False for preview-intent pixels: shown, never written into the document. */
  persistable: boolean;
  alpha: SourceAlpha;
  limitedByPlatform: boolean;
}

/** What the panel shows about a run's source (GenerationRun.source). */
export interface SourceInfo {
  width: number;
  height: number;
  origin: ObtainedSource["origin"];
  alpha: SourceAlpha;
  persistable: boolean;
  limitedByPlatform: boolean;
}

export function sourceInfo(o: ObtainedSource): SourceInfo {
  return { width: o.image.width, height: o.image.height, origin: o.origin, alpha: o.alpha, persistable: o.persistable, limitedByPlatform: o.limitedByPlatform };
}

/** Keep's refusal when the document may not be exported (review and approval, premium content). */
export const EXPORT_NOT_ALLOWED: FailureNotice = {
  title: "This document can't be exported",
  message: "Express does not allow this document's pixels to be exported (it is under review or holds premium content), so the result cannot be written into it.",
  action: "Nothing was changed. Keep works again once the document may be exported.",
};

/** Keep may write the result: its source was export-intent pixels and export is (still) allowed. */
export async function mayPersist(host: PanelHost, obtained: ObtainedSource | null): Promise<boolean> {
  const exportAllowed = (await host.exportAllowed?.().catch(() => false)) ?? true;
  return obtained?.persistable !== false && exportAllowed;
}

export type CaptureFunction = (host: PanelHost, geometry: SourceGeometry, request?: CaptureRequest) => Promise<RgbaImage | RenditionCapture>;

export interface ObtainInput {
  host: PanelHost;
  selection: UsableSelection;
  maxModelSide: number;
  capture: CaptureFunction;
  keptPixels?: KeptPixelsStore;
  /** The geometry for a pixel grid or scale; default sourceGeometry (Expand plans its grown canvas). */
  plan?: (override: GeometryOverride) => SourceGeometry;
}

const WHITE = { red: 1, green: 1, blue: 1 };
const TRANSPARENT_BACKGROUND = 0x00000000;

export async function obtainSource(input: ObtainInput): Promise<ObtainedSource> {
  const { host, selection, maxModelSide } = input;
  const plan = input.plan ?? ((override: GeometryOverride) => sourceGeometry(selection, maxModelSide, override));
  const stored = await storedPixels(input);
  const backdrop = selection.page.backdrop ?? { type: "unknown" };
  const flatColour = backdrop.type === "color" && backdrop.alpha > 0 ? backdrop : WHITE;
  if (stored) {
    const geometry = plan({ grid: { width: stored.width, height: stored.height } });
    return { image: flattenOver(stored, flatColour), geometry, origin: "kept-pixels", persistable: true, alpha: "exact", limitedByPlatform: false };
  }

  const exportAllowed = host.exportAllowed ? await host.exportAllowed().catch(() => false) : true;
  const recover = recoverableAlpha(selection);
  const geometry = plan({});
  const request: CaptureRequest = {
    intent: exportAllowed ? "export" : "preview",
    ...(recover ? { backgroundColor: TRANSPARENT_BACKGROUND } : {}),
    replan: (pxPerUnit) => plan({ pxPerUnit }),
  };
  const captured = await input.capture(host, geometry, request);
  const capture: RenditionCapture = "data" in captured ? { image: captured, geometry, limitedByPlatform: false } : captured;
  const image = capture.image;
  let alpha: SourceAlpha = "opaque";
  if (!recover) {
    forceOpaque(image);
  } else if (hasTransparency(image)) {
    alpha = "recovered";
  } else if (backdrop.type === "color" && backdrop.alpha === 1 && keyOutBackdrop(image, backdrop) > 0) {
    alpha = "recovered";
  }
  return {
    image: alpha === "opaque" ? image : flattenOver(image, flatColour),
    geometry: capture.geometry,
    origin: "rendition",
    persistable: exportAllowed,
    alpha,
    limitedByPlatform: capture.limitedByPlatform,
  };
}

/**
 * An image's transparency can be read from the page only when nothing but the page background is
 * under it, and that background is a colour fill. (A page region is the page itself: its layer
 * is transparent outside the repainted area anyway.)
 */
export function recoverableAlpha(selection: UsableSelection): boolean {
  if (selection.type === "page-region") return false;
  const below = selection.image.overlaps?.below;
  const backdrop: Backdrop | undefined = selection.page.backdrop;
  return below !== undefined && below.length === 0 && backdrop?.type === "color";
}

/** The image's own pixels, when this add-on kept them and the layer is still as it was kept. */
async function storedPixels(input: ObtainInput): Promise<RgbaImage | null> {
  const { selection, keptPixels } = input;
  if (!keptPixels || selection.type === "page-region") return null;
  const { image } = selection;
  if (!image.generation || image.uncropped !== true) return null;
  const stored = await keptPixels.get(image.nodeId).catch(() => null);
  if (!stored) return null;
  // Same proportions (a resized layer is fine; a reshaped one is not the kept picture any more).
  const ratio = stored.width / stored.height / (image.width / image.height);
  return Math.abs(ratio - 1) <= 0.01 ? stored : null;
}

function forceOpaque(image: RgbaImage): void {
  for (let i = 3; i < image.data.length; i += 4) image.data[i] = 255;
}

/** Layers baked into a rendition of the source, for the panel's one-line note. */
export function bakedIn(selection: UsableSelection): Overlaps | null {
  if (selection.type === "page-region") return null;
  return selection.image.overlaps ?? null;
}
