/**
 * Protocol ↔ engine: a GenerateRequest (plain data that crossed postMessage) becomes the engine's
 * GenerationRequest with callbacks and an AbortSignal; a GenerationResult becomes RGBA images.
 */
import type { GenerateRequest, GenerateResult, EngineBackendName, Precision } from "../../contract/worker-protocol";
import { ReplayNoise } from "../../core/replay-noise";
import type { GenerationRequest } from "../engine";
import { InvalidInputError } from "../errors";
import { toRgbaImages } from "../pipelines/image-processor";
import type { GenerationResult, ProgressEvent, PromptInput } from "../pipelines/options";

export interface RequestHooks {
  signal: AbortSignal;
  onProgress: (event: ProgressEvent) => void;
}

export function toEngineRequest(request: GenerateRequest, hooks: RequestHooks): GenerationRequest {
  const common = {
    prompt: request.prompt as PromptInput,
    negativePrompt: request.negativePrompt as PromptInput | undefined,
    numInferenceSteps: request.numInferenceSteps,
    guidanceScale: request.guidanceScale,
    numImagesPerPrompt: request.numImagesPerPrompt,
    // A fresh replay per attempt: a fallback re-run must draw the same noise again.
    noise: request.noiseDraws ? new ReplayNoise(request.noiseDraws) : undefined,
    seeds: request.seeds,
    seed: request.seed,
    scheduler: request.scheduler,
    signal: hooks.signal,
    onProgress: hooks.onProgress,
  };
  switch (request.mode) {
    case "text-to-image":
      if (request.width === undefined || request.height === undefined) {
        throw new InvalidInputError("Text-to-image needs a width and a height (multiples of 8).");
      }
      return { mode: "text-to-image", ...common, width: request.width, height: request.height };
    case "img2img":
      if (!request.image) throw new InvalidInputError("Restyle (img2img) needs the source image.");
      if (request.strength === undefined) throw new InvalidInputError("Restyle (img2img) needs a strength between 0 and 1.");
      return { mode: "img2img", ...common, image: request.image, strength: request.strength };
    case "inpaint":
      if (!request.image || !request.mask) throw new InvalidInputError("Fill (inpaint) needs the source image and a mask of the same size.");
      return { mode: "inpaint", ...common, image: request.image, mask: request.mask, strength: request.strength };
    default:
      throw new InvalidInputError(`Unknown generation mode "${(request as { mode: unknown }).mode}".`);
  }
}

export function toProtocolResult(
  result: GenerationResult,
  request: GenerateRequest,
  where: { backend: EngineBackendName; precision: Precision },
  previewMs: number,
): GenerateResult {
  const size = { width: result.width, height: result.height };
  const images = toRgbaImages(result.pixels, result.count, size);
  return {
    images,
    // screenResult decides: the content filter runs on the final images after this.
    screened: false,
    pixels: request.includeFloatPixels ? result.pixels : undefined,
    seeds: result.seeds ? result.seeds.map((s) => Number(s)) : null,
    timesteps: result.timesteps,
    warnings: result.warnings,
    backend: where.backend,
    precision: where.precision,
    timings: {
      textEncoder: result.timings.textEncoder,
      vaeEncode: result.timings.vaeEncode,
      unetSteps: result.timings.unetSteps,
      vaeDecode: result.timings.vaeDecode,
      total: result.timings.total,
      previews: previewMs,
    },
  };
}
