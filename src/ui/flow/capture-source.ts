/**
 * Step 2 of the flow: the source's pixels from a page rendition. The page is rendered
 * (host.renderPage: Express's createRenditions, or the playground's painter) and resampled into
 * the source's own pixel grid — rotated or scaled images come out upright at their own size.
 *
 * Resolution (issue 15): some platforms (mobile, ChromeOS) only downscale renditions. The size that
 * came back is measured; when it is smaller than asked, the source is planned again at what the
 * platform gave (`request.replan`) instead of being upscaled and called the image's pixels.
 */
import type { RgbaImage } from "../../imaging";
import type { PanelHost } from "../host/panel-host";
import type { SourceGeometry } from "./source-geometry";

export class SourceCaptureError extends Error {
  override name = "SourceCaptureError";
}

export interface CaptureRequest {
  intent: "export" | "preview";
  /** 0xAARRGGBB; 0 asks for a transparent page background. */
  backgroundColor?: number;
  /** The geometry at another px-per-unit (the platform gave fewer pixels than asked). */
  replan(pxPerUnit: number): SourceGeometry;
}

export interface RenditionCapture {
  image: RgbaImage;
  /** The geometry the pixels are in (the request's, or a smaller one the platform forced). */
  geometry: SourceGeometry;
  /** The rendition came back smaller than asked. */
  limitedByPlatform: boolean;
}

export async function captureSource(host: PanelHost, geometry: SourceGeometry, request?: CaptureRequest): Promise<RenditionCapture> {
  const rendition = await host.renderPage({
    pageId: geometry.pageId,
    requestedSize: { width: geometry.rendition.width },
    intent: request?.intent ?? "preview",
    ...(request?.backgroundColor !== undefined ? { backgroundColor: request.backgroundColor } : {}),
  });
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(rendition.png, { premultiplyAlpha: "none", colorSpaceConversion: "none" });
  } catch (error) {
    throw new SourceCaptureError(`The page picture could not be read (${(error as Error).message}). Select the layer again and retry.`);
  }
  try {
    // Half a pixel of slack: the platform rounds the size it renders at.
    const limitedByPlatform = bitmap.width < geometry.rendition.width - 0.5 && request !== undefined;
    const used = limitedByPlatform ? request!.replan(geometry.pxPerUnit * (bitmap.width / geometry.rendition.width)) : geometry;
    return { image: resample(bitmap, used), geometry: used, limitedByPlatform };
  } finally {
    bitmap.close();
  }
}

function resample(bitmap: ImageBitmap, geometry: SourceGeometry): RgbaImage {
  const canvas = new OffscreenCanvas(geometry.width, geometry.height);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx) throw new SourceCaptureError("This browser cannot draw on an OffscreenCanvas, so the layer's pixels cannot be read.");
  const t = geometry.renditionToSource;
  // The rendition's px may differ slightly from the requested grid (rounding): map them onto it.
  const fx = geometry.rendition.width / bitmap.width;
  const fy = geometry.rendition.height / bitmap.height;
  ctx.setTransform(t[0] * fx, t[1] * fx, t[2] * fy, t[3] * fy, t[4], t[5]);
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(bitmap, 0, 0);
  const data = ctx.getImageData(0, 0, geometry.width, geometry.height).data;
  return { width: geometry.width, height: geometry.height, data: new Uint8ClampedArray(data) };
}
