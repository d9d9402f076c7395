/**
 * One generation attempt: runs the engine on the request as it arrived, forwards the pipeline's
 * stage/step events unchanged (tagged with the request id), renders a preview of every step, and
 * returns the result once the last preview has been posted.
 *
 * Preview ordering: the pipeline calls onLatents synchronously after scheduler.step, and the
 * preview render reaches the RunLock before the next UNet call does, so the FIFO lock decodes the
 * preview of step i before the UNet runs step i + 1 — every step is previewed, in order, and the
 * decoder never runs concurrently with the UNet.
 */
import type { EngineBackendName, GenerateRequest, GenerateResult, PipelineEvent, Precision, WorkerResponse } from "../../contract/worker-protocol";
import type { StableDiffusionEngine } from "../engine";
import { GenerationCancelledError } from "../errors";
import type { StepLatents } from "../pipelines/options";
import { PreviewRenderer } from "../preview/preview-renderer";
import type { TaesdPreviewDecoder } from "../preview/taesd-preview-decoder";
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
  post: (message: WorkerResponse) => void;
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
  const previews = request.preview?.enabled !== false;
  const requestedSize = Math.min(MAX_PREVIEW_SIZE, request.preview?.maxSize ?? MAX_PREVIEW_SIZE);
  const maxSize = p.screened ? Math.min(SCREENED_PREVIEW_MAX_SIZE, requestedSize) : requestedSize;
  let renderer = new PreviewRenderer(p.previewDecoder);
  let previewChain: Promise<void> = Promise.resolve();
  let previewMs = 0;

  const onEvent = (event: PipelineEvent) => {
    post({ ...event, requestId });
    if (event.type === "step") p.onStep?.(event.step);
  };
  const onLatents = (event: StepLatents) => {
    if (!previews || signal.aborted) return;
    const [, , h, w] = event.latentShape; // [B, 4, H/8, W/8]
    const started = performance.now();
    // Called synchronously so a TAESD decode takes its place in the RunLock before the next UNet step.
    const rendering = renderer.render(event.predOriginalSample, event.latentShape, w * 8, h * 8, maxSize, { signal });
    const kind = renderer.kind;
    previewChain = previewChain.then(async () => {
      try {
        const images = await rendering;
        previewMs += performance.now() - started;
        if (!signal.aborted) post({ type: "preview", requestId, step: event.step, totalSteps: event.totalSteps, kind, images });
      } catch (error) {
        if (signal.aborted || error instanceof GenerationCancelledError) return;
        // A failing preview decoder must not fail the generation: switch to the projection.
        if (kind === "taesd") {
          renderer = new PreviewRenderer(null);
          post({ type: "notice", requestId, notice: { kind: "warning", message: `Previews switched to the rough colour preview: ${error instanceof Error ? error.message : String(error)}` } });
        }
      }
    });
  };

  try {
    const result: GenerateResult = await p.engine.generate(request, { signal, onEvent, onLatents });
    await previewChain;
    result.timings.previews = previewMs;
    if (!request.includeFloatPixels) delete result.pixels;
    return { ...result, backend: p.where.backend, precision: p.where.precision };
  } catch (error) {
    await previewChain.catch(() => undefined);
    throw error;
  }
}
