/**
 * Step 4 for Remove: the planned region and its (grown) mask go to the engine's removal, once per
 * seed of the plan (one: both removers are deterministic, so plan-generation.ts plans one image).
 * No generation model is loaded: the built-in fill interpolates from the surroundings
 * (src/imaging/exemplar-fill.ts, in the worker), or MI-GAN runs once it is downloaded
 * (src/engine/removal/). The result comes back region-sized, like a generated image, and
 * finishes through the same step 6.
 */
import type { RemovalEngineName, RgbaImage } from "../../contract/worker-protocol";
import type { GenerateService, OnEvent } from "../engine/generate-service";
import type { GenerationPlan } from "./plan-generation";
import { RemoveUnavailableError } from "./remove-unavailable-error";

export { removeRates } from "./remove-eta";
export { generateFromPlan } from "./remove-prefill";

export { RemoveUnavailableError } from "./remove-unavailable-error";

/** The region Remove works on, long side in pixels: the built-in fill's speed target (issue 17). */
export const REMOVE_WORKING_SIDE = 512;

export interface RemoveRunResult {
  images: RgbaImage[];
  /** No content filter runs: nothing new is painted, only the image's own pixels are copied. */
  screened: null;
  warnings: string[];
  /** The engine's own fill time over all images (ms). */
  engineMs: number;
}

export async function runRemove(
  service: GenerateService,
  plan: GenerationPlan,
  onEvent: OnEvent,
  signal: AbortSignal,
  /** After each image: its result, as the item's thumbnail. */
  onImage: (index: number, image: RgbaImage) => void = () => undefined,
  engine: RemovalEngineName = "built-in",
): Promise<RemoveRunResult> {
  if (!service.remove) throw new RemoveUnavailableError();
  const { image, mask } = plan.request;
  if (!image || !mask) throw new Error("Remove needs a region and a mask (a plan bug).");
  const out: RemoveRunResult = { images: [], screened: null, warnings: [], engineMs: 0 };
  for (let k = 0; k < plan.seeds.length; k++) {
    signal.throwIfAborted();
    // The worker takes the buffers (transfer): every image sends its own copy.
    const request = {
      image: { width: image.width, height: image.height, data: image.data.slice() },
      mask: { width: mask.width, height: mask.height, data: mask.data.slice() },
      engine,
      seed: plan.seeds[k],
    };
    const result = await service.remove(request, onEvent, signal);
    out.engineMs += result.timings.total;
    out.images.push(result.image);
    onImage(k, result.image);
  }
  return out;
}
