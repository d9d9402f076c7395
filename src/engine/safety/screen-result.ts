/**
 * The last thing the engine does with a result before it leaves the worker: every image goes
 * through the content filter, and a flagged one is replaced by `{ withheld: true, reason }` with
 * its size — its pixels are never posted. Without a filter (test models) nothing is checked and
 * the result says `screened: false`, so the panel can say so instead of implying a check.
 */
import { isWithheld, type GenerateResult, type RgbaImage } from "../../contract/worker-protocol";
import type { ResultScreener } from "./result-screener";

export async function screenResult(result: GenerateResult, screener: ResultScreener | null): Promise<GenerateResult> {
  if (!screener) return { ...result, screened: false };
  const started = performance.now();
  const images = result.images.filter((image): image is RgbaImage => !isWithheld(image));
  const verdicts = await screener.verdicts(images);
  let next = 0;
  let anyWithheld = false;
  const screened = result.images.map((image) => {
    if (isWithheld(image)) return image;
    const verdict = verdicts[next++];
    if (verdict.allowed) return image;
    anyWithheld = true;
    return { withheld: true as const, reason: verdict.message ?? "The content filter withheld this result.", width: image.width, height: image.height };
  });
  return {
    ...result,
    images: screened,
    screened: true,
    // The float pixels hold every image of the batch: they go only when nothing was withheld.
    pixels: anyWithheld ? undefined : result.pixels,
    timings: { ...result.timings, contentFilter: performance.now() - started },
  };
}
