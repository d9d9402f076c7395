/**
 * A generate request on the loaded model: the run (run-generation.ts) inside the fallback chain,
 * the resident-input counts of a WebGPU run, then the content filter before anything leaves.
 */
import type { GenerateRequest, GenerateResult, TaggedEvent } from "../../contract/worker-protocol";
import type { WebGpuExecutionBackend } from "../browser/browser-backends";
import { InvalidInputError } from "../errors";
import { ContentFilterUnavailableError } from "../safety/result-screener";
import { screenResult } from "../safety/screen-result";
import type { ModelLoader } from "./model-loader";
import { runGeneration } from "./run-generation";

export interface RunOnModelParams {
  requestId: number;
  request: GenerateRequest;
  signal: AbortSignal;
  loader: ModelLoader;
  post: (message: TaggedEvent) => void;
  /** Called after each step's event (the test fault hook). */
  onStep?: (step: number) => void;
}

export async function runOnModel(p: RunOnModelParams): Promise<GenerateResult> {
  const { requestId, request, signal, loader, post } = p;
  // A model let go under memory pressure (by object selection or Remove) loads again here.
  const model = await loader.activeOrReload((event) => post({ ...event, requestId }));
  if (!model) throw new InvalidInputError("No model is loaded: load a model before generating.");
  if (model.resolved.safety && !model.screener) throw new ContentFilterUnavailableError("The content filter is not loaded, so this model cannot run. Load the model again.");
  const notify = (event: Parameters<Parameters<typeof model.withFallback>[0]>[0]) => post({ ...event, requestId });
  const result = await model.withFallback(notify, signal, async (attempt) => {
    const engine = await loader.engineFor(model, request.mode, notify);
    const stats = (model.components.backend as Partial<WebGpuExecutionBackend>).residentStats;
    const before = stats ? { ...stats } : null;
    const generated = await runGeneration({
      requestId,
      engine,
      request,
      signal,
      previewDecoder: model.previewDecoder,
      screened: model.screener !== null,
      where: { backend: attempt.backend, precision: attempt.precision },
      post,
      onStep: p.onStep,
    });
    if (stats && before) generated.residentInputs = { uploads: stats.uploads - before.uploads, reuses: stats.reuses - before.reuses };
    return generated;
  });
  // Results leave the worker only through the content filter (flagged images as withheld entries).
  if (model.screener) post({ type: "stage", requestId, stage: "content-filter" });
  return screenResult(result, model.screener);
}
