/**
 * The removal family's one entry point in the worker: checks the request, runs the chosen removal
 * engine and returns the filled region. Today the engine is the built-in exemplar fill (imaging/,
 * CPU, no model); a downloaded removal model (MI-GAN) plugs in here beside it.
 */
import type { RemoveRequest, RemoveResult } from "../../contract/worker-protocol";
import { exemplarFill } from "../../imaging/exemplar-fill";
import { assertGrayImage, assertRgbaImage, assertSameSize } from "../../imaging/image-checks";
import { InvalidInputError } from "../errors";

export function runRemoval(request: RemoveRequest): RemoveResult {
  const engine = request.engine ?? "built-in";
  if (engine !== "built-in") throw new InvalidInputError(`Unknown removal engine ${JSON.stringify(engine)}; use "built-in".`);
  try {
    assertRgbaImage(request.image, "image to remove from");
    assertGrayImage(request.mask, "removal mask");
    assertSameSize(request.image, request.mask, "image to remove from", "removal mask");
  } catch (error) {
    throw new InvalidInputError((error as Error).message);
  }
  if (!request.mask.data.some((v) => v > 0)) throw new InvalidInputError("The removal mask selects no pixels: mark what to remove, then press Remove again.");
  const t0 = performance.now();
  const image = exemplarFill(request.image, request.mask, request.seed === undefined ? {} : { seed: request.seed });
  return { image, engine, timings: { total: performance.now() - t0 } };
}
