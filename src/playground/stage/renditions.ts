/**
 * Page renditions for the playground host: what Express's createRenditions(png, preview) returns,
 * drawn by the same painter as the stage (without the selection outlines).
 */
import type { FakeDocument } from "../fake-express";
import type { PageRendition, PageRenditionRequest } from "../../ui/host/panel-host";
import type { BitmapCache } from "./bitmap-cache";
import { drawPage } from "./draw-page";

export class RenditionError extends Error {
  override name = "RenditionError";
}

function argbToCss(argb: number): string {
  const a = ((argb >>> 24) & 0xff) / 255;
  return a === 0 ? "transparent" : `rgba(${(argb >>> 16) & 0xff}, ${(argb >>> 8) & 0xff}, ${argb & 0xff}, ${a})`;
}

export async function renderPagePng(doc: FakeDocument, bitmaps: BitmapCache, request: PageRenditionRequest): Promise<PageRendition> {
  const page = doc.pages.find((candidate) => candidate.id === request.pageId);
  if (!page) throw new RenditionError(`No page ${request.pageId} in the document; select something again to refresh the page.`);
  const { width: requestedWidth, height: requestedHeight } = request.requestedSize ?? {};
  // One side given: keep the page's aspect ratio, as Express does.
  let scaleX = requestedWidth ? requestedWidth / page.width : requestedHeight ? requestedHeight / page.height : 1;
  let scaleY = requestedHeight ? requestedHeight / page.height : scaleX;
  if (doc.renditionMaxScale !== null) {
    // Platforms that only downscale give at most their native size, silently.
    scaleX = Math.min(scaleX, doc.renditionMaxScale);
    scaleY = Math.min(scaleY, doc.renditionMaxScale);
  }
  const width = Math.round(page.width * scaleX);
  const height = Math.round(page.height * scaleY);
  if (!(width > 0 && height > 0 && width <= 8192 && height <= 8192)) {
    throw new RenditionError(`Cannot render a ${width}×${height} px page: ask for 1–8192 px per side.`);
  }
  await bitmaps.ensureDecoded(page);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new RenditionError("This browser cannot draw on an OffscreenCanvas.");
  ctx.scale(width / page.width, height / page.height);
  // backgroundColor (0xAARRGGBB) replaces the page's own background, as the SDK describes it.
  drawPage(ctx, page, bitmaps, request.backgroundColor === undefined ? undefined : argbToCss(request.backgroundColor));
  return { png: await canvas.convertToBlob({ type: "image/png" }), pageId: page.id };
}
