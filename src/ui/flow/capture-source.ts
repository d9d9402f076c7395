/**
 * Step 2 of the flow: the source's pixels. The page is rendered (host.renderPage: Express's
 * createRenditions, or the playground's painter) and resampled into the source's own pixel grid —
 * rotated or scaled images come out upright at their own size.
 */
import type { RgbaImage } from "../../imaging";
import type { PanelHost } from "../host/panel-host";
import type { SourceGeometry } from "./source-geometry";

export class SourceCaptureError extends Error {
  override name = "SourceCaptureError";
}

export async function captureSource(host: PanelHost, geometry: SourceGeometry): Promise<RgbaImage> {
  const rendition = await host.renderPage({ pageId: geometry.pageId, requestedSize: { width: geometry.rendition.width } });
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(rendition.png, { premultiplyAlpha: "none", colorSpaceConversion: "none" });
  } catch (error) {
    throw new SourceCaptureError(`The page picture could not be read (${(error as Error).message}). Select the layer again and retry.`);
  }
  try {
    const canvas = new OffscreenCanvas(geometry.width, geometry.height);
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    if (!ctx) throw new SourceCaptureError("This browser cannot draw on an OffscreenCanvas, so the layer's pixels cannot be read.");
    const t = geometry.renditionToSource;
    // The rendition may come back at another size than asked: map its px to the requested grid first.
    const fx = geometry.rendition.width / bitmap.width;
    const fy = geometry.rendition.height / bitmap.height;
    ctx.setTransform(t[0] * fx, t[1] * fx, t[2] * fy, t[3] * fy, t[4], t[5]);
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, geometry.width, geometry.height).data;
    return { width: geometry.width, height: geometry.height, data: new Uint8ClampedArray(data) };
  } finally {
    bitmap.close();
  }
}
