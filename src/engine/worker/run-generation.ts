/**
 * One generation attempt: runs the engine on the request as it arrived, forwards the pipeline's
 * stage/step events unchanged (tagged with the request id), streams live previews of each step's
 * x̂₀ (src/engine/preview/preview-stream.ts: TAESD when loaded, every step or every other step;
 * the latent projection otherwise; in step order, never concurrent with the UNet), decodes the
 * final image with TAESD for the Fast finish, and returns the result once the last preview has
 * been posted.
 */
import type { EngineBackendName, GenerateRequest, GenerateResult, PipelineEvent, Precision, TaggedEvent } from "../../contract/worker-protocol";
import type { StableDiffusionEngine } from "../engine";
import type { FinalDecoder } from "../pipelines/vae-stages";
import { PreviewStream } from "../preview/preview-stream";
import { taesdFinalDecoder, type TaesdPreviewDecoder } from "../preview/taesd-preview-decoder";
import { MAX_PREVIEW_SIZE } from "../preview/thumbnail";

export interface RunGenerationParams {
  requestId: number;
  engine: StableDiffusionEngine;
  request: GenerateRequest;
  signal: AbortSignal;
  previewDecoder: TaesdPreviewDecoder | null;
  /**
   * The model's results go through the content filter. Previews are posted before the final
   * image is screened, so they are kept too coarse to show detail (see SCREENED_PREVIEW_MAX_SIZE).
   */
  screened?: boolean;
  where: { backend: EngineBackendName; precision: Precision };
  post: (message: TaggedEvent) => void;
  /** Called after each step's events (the test fault hook). */
  onStep?: (step: number) => void;
}

/**
 * Long side of live previews for screened models: enough to watch composition and colour form,
 * too coarse to show what the content filter has not checked yet (the final image is screened).
 */
export const SCREENED_PREVIEW_MAX_SIZE = 16;

export async function runGeneration(p: RunGenerationParams): Promise<GenerateResult> {
  const { requestId, request, signal, post } = p;
  const requestedSize = Math.min(MAX_PREVIEW_SIZE, request.preview?.maxSize ?? MAX_PREVIEW_SIZE);
  const previews =
    request.preview?.enabled === false
      ? null
      : new PreviewStream({
          decoder: p.previewDecoder,
          maxSize: p.screened ? Math.min(SCREENED_PREVIEW_MAX_SIZE, requestedSize) : requestedSize,
          signal,
          onPreview: (preview) => post({ type: "preview", requestId, ...preview }),
          onWarning: (message) => post({ type: "notice", requestId, notice: { kind: "warning", message } }),
        });
  const onEvent = (event: PipelineEvent) => {
    post({ ...event, requestId });
    if (event.type === "stage" && event.stage === "denoise") previews?.start();
    if (event.type === "step") p.onStep?.(event.step);
  };
  const finalDecoder = fastFinish(p, post);

  try {
    const result: GenerateResult = await p.engine.generate(request, { signal, onEvent, onLatents: (latents) => previews?.push(latents), finalDecoder });
    await previews?.drain();
    result.timings.previews = previews?.ms ?? 0;
    if (!request.includeFloatPixels) delete result.pixels;
    return { ...result, backend: p.where.backend, precision: p.where.precision };
  } catch (error) {
    await previews?.drain().catch(() => undefined);
    throw error;
  }
}

/** The Fast finish: TAESD decodes the final image when asked and loaded; else the VAE does, and the user is told. */
function fastFinish(p: RunGenerationParams, post: RunGenerationParams["post"]): FinalDecoder | undefined {
  if (p.request.finish !== "fast") return undefined;
  if (p.previewDecoder) return taesdFinalDecoder(p.previewDecoder);
  post({ type: "notice", requestId: p.requestId, notice: { kind: "warning", message: "Fast finish needs TAESD, which is not loaded: the model's full decoder made this image. Download TAESD under Models to use it." } });
  return undefined;
}
