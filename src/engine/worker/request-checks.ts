/**
 * A generate request checked on the panel side BEFORE it is posted. Posting transfers the pixel
 * and noise buffers: after one Generate the caller's image.data is detached (length 0), and
 * re-posting that same request used to throw inside postMessage and take the whole EngineClient
 * down. Here such a request — or any malformed one — is refused with one sentence, nothing is
 * posted, and the client stays usable.
 */
import type { GenerateRequest } from "../../contract/worker-protocol";
import { InvalidInputError } from "../errors";

const MODES = ["text-to-image", "img2img", "inpaint"];

function detached(view: ArrayBufferView): boolean {
  return view.buffer.byteLength === 0;
}

function checkPixels(value: unknown, what: string, channels: 1 | 4): void {
  const p = value as { width?: unknown; height?: unknown; data?: unknown } | null;
  if (p === null || typeof p !== "object") throw new InvalidInputError(`The request's ${what} must be { width, height, data }.`);
  const { width, height, data } = p;
  if (!Number.isInteger(width) || !Number.isInteger(height) || (width as number) < 1 || (height as number) < 1) {
    throw new InvalidInputError(`The request's ${what} needs a positive whole width and height (got ${String(width)}×${String(height)}).`);
  }
  const type = channels === 4 ? Uint8ClampedArray : Uint8Array;
  if (!(data instanceof type)) throw new InvalidInputError(`The request's ${what} pixels must be a ${type.name}.`);
  if (detached(data) && (width as number) * (height as number) > 0) {
    throw new InvalidInputError(`The request's ${what} was already sent to the engine (its pixels moved with it): build a new request for each run.`);
  }
  const expected = (width as number) * (height as number) * channels;
  if (data.length !== expected) throw new InvalidInputError(`The request's ${what} is ${String(width)}×${String(height)} but holds ${data.length} bytes instead of ${expected}.`);
}

function checkPrompt(value: unknown, what: string, required: boolean): void {
  if (typeof value === "string") return;
  if (value === undefined && !required) return;
  const ids = (value as { inputIds?: unknown } | null)?.inputIds;
  if (ids instanceof Int32Array) {
    if (detached(ids)) throw new InvalidInputError(`The request's ${what} token ids were already sent to the engine: build a new request for each run.`);
    if (ids.length > 0) return;
  }
  throw new InvalidInputError(`The request's ${what} must be text or { inputIds: Int32Array } with at least one id.`);
}

export function checkGenerateRequest(request: GenerateRequest): void {
  if (request === null || typeof request !== "object") throw new InvalidInputError("A generate request must be an object.");
  if (!MODES.includes(request.mode)) throw new InvalidInputError(`Unknown generation mode "${String(request.mode)}"; use ${MODES.join(", ")}.`);
  if (request.image !== undefined) checkPixels(request.image, "image", 4);
  if (request.mask !== undefined) checkPixels(request.mask, "mask", 1);
  checkPrompt(request.prompt, "prompt", true);
  checkPrompt(request.negativePrompt, "negative prompt", false);
  if (!Number.isInteger(request.numInferenceSteps) || request.numInferenceSteps < 1) {
    throw new InvalidInputError(`numInferenceSteps must be a whole number ≥ 1 (got ${String(request.numInferenceSteps)}).`);
  }
  for (const draw of request.noiseDraws ?? []) {
    if (!(draw instanceof Float32Array) || detached(draw)) {
      throw new InvalidInputError("The request's noise draws were already sent to the engine (or are not Float32Arrays): build a new request for each run.");
    }
  }
}
