/**
 * Generative Expand, step 2: what the new margin holds before the model sees it. The inpainting
 * UNet reads the masked area only through the mask, but the VAE latents of the window are built
 * from these pixels and the colour statistics of the seam come from them, so a plausible
 * continuation of the image beats grey.
 *
 * "edge": edge extension — each margin pixel takes the nearest image pixel (the edge continued
 * outward), fading into a smooth push-pull fill of the surroundings with the distance from the
 * image, so the streaks of a pure edge copy do not reach far.
 *
 * The choice lives here, in EXPAND_PREFILL, and nowhere else.
 */
import type { Rect } from "./geometry";
import { createGrayImage, type RgbaImage } from "./image";
import { prefillMasked } from "./prefill";
import { exemplarFill } from "./exemplar-fill";

export type ExpandPrefill = "edge" | "exemplar";
/**
 * Edge extension. "exemplar" (the built-in PatchMatch fill, exemplar-fill.ts) also works here and
 * continues texture better, but the expansion runs on the panel's thread and the margin can be as
 * large as the image: measured in the README's Expand section, it is kept behind this switch
 * until the fill runs in the worker.
 */
export const EXPAND_PREFILL: ExpandPrefill = "edge";

/** Distance (canvas px) over which the edge copy fades into the smooth fill. */
export const EDGE_FADE_PX = 48;

/** Fills every pixel of `canvas` outside `image` in place (RGB from the image, alpha opaque). */
export function prefillExpandMargin(canvas: RgbaImage, image: Rect, method: ExpandPrefill = EXPAND_PREFILL): void {
  if (method !== "edge" && method !== "exemplar") throw new Error(`Unknown expand pre-fill ${String(method)}.`);
  const { width: W, height: H, data } = canvas;
  const margin = createGrayImage(W, H);
  margin.data.fill(255);
  for (let y = image.y; y < image.y + image.height; y++) margin.data.fill(0, y * W + image.x, y * W + image.x + image.width);
  if (method === "exemplar") {
    // Patches copied from the image; pixels outside the margin come back unchanged.
    data.set(exemplarFill(canvas, margin).data);
    for (let i = 0; i < margin.data.length; i++) if (margin.data[i]) data[4 * i + 3] = 255;
    return;
  }
  // Opaque copy for the smooth fill: transparent image pixels would count as unknown there.
  const smooth = prefillMasked(canvas, margin, "blur");
  const x1 = image.x + image.width - 1, y1 = image.y + image.height - 1;
  for (let y = 0; y < H; y++) {
    const cy = Math.min(y1, Math.max(image.y, y));
    for (let x = 0; x < W; x++) {
      if (margin.data[y * W + x] === 0) continue;
      const cx = Math.min(x1, Math.max(image.x, x));
      const dist = Math.hypot(x - cx, y - cy);
      const t = Math.min(1, dist / EDGE_FADE_PX);
      const o = (y * W + x) * 4, e = (cy * W + cx) * 4;
      for (let c = 0; c < 3; c++) data[o + c] = data[e + c] + (smooth.data[o + c] - data[e + c]) * t;
      data[o + 3] = 255;
    }
  }
}
