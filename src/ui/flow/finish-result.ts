/**
 * Step 6 of the flow (imaging): one generated image → the layer Keep inserts, at the source's size.
 *   region modes: resized back, colour matched to the context, blended through the feathered mask
 *                 into a TRANSPARENT layer — the layer holds only the new pixels, so the image under
 *                 it stays the user's own, bit for bit, and other layers over the image are not
 *                 baked into the result;
 *   whole image:  resized back to the source size, keeping the source's alpha.
 */
import { blendInto, createRgbaImage, finishRegion, resizeRgba, type RgbaImage } from "../../imaging";
import type { GenerationPlan } from "./plan-generation";

export function layerFromResult(source: RgbaImage, plan: GenerationPlan, generated: RgbaImage, options: { colorMatch: boolean }): RgbaImage {
  if (plan.prepared) {
    const { region } = finishRegion(source, plan.prepared, generated, { colorMatch: options.colorMatch ? {} : false });
    const layer = createRgbaImage(source.width, source.height);
    blendInto(layer, region, plan.prepared.blendMask, plan.prepared.plan.context);
    return layer;
  }
  const layer = resizeRgba(generated, source.width, source.height);
  for (let i = 3; i < layer.data.length; i += 4) layer.data[i] = source.data[i];
  return layer;
}
