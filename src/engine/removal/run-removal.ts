/**
 * The removal family's request checks and its built-in engine: the exemplar fill (imaging/, CPU,
 * no model). The downloaded removal model (MI-GAN) runs beside it in removal-service.ts.
 */
import type { RemoveRequest, RemoveResult } from "../../contract/worker-protocol";
import { exemplarFill } from "../../imaging/exemplar-fill";
import { assertGrayImage, assertRgbaImage, assertSameSize } from "../../imaging/image-checks";
import { InvalidInputError } from "../errors";

const ENGINES: readonly string[] = ["built-in", "migan"];

/** One sentence per bad request: unknown engine, malformed pixels, sizes that differ, an empty mask. */
export function checkRemoveRequest(request: RemoveRequest): void {
  const engine = request.engine ?? "built-in";
  if (!ENGINES.includes(engine)) throw new InvalidInputError(`Unknown removal engine ${JSON.stringify(engine)}; use "built-in" or "migan".`);
  try {
    assertRgbaImage(request.image, "image to remove from");
    assertGrayImage(request.mask, "removal mask");
    assertSameSize(request.image, request.mask, "image to remove from", "removal mask");
  } catch (error) {
    throw new InvalidInputError((error as Error).message);
  }
  if (!request.mask.data.some((v) => v > 0)) throw new InvalidInputError("The removal mask selects no pixels: mark what to remove, then press Remove again.");
}

export function runBuiltInRemoval(request: RemoveRequest): RemoveResult {
  checkRemoveRequest(request);
  const t0 = performance.now();
  const image = exemplarFill(request.image, request.mask, request.seed === undefined ? {} : { seed: request.seed });
  return { image, engine: "built-in", backend: "wasm", timings: { total: performance.now() - t0 } };
}
