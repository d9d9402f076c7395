/**
 * SD's start from the built-in fill (sd-prefill.ts's "exemplar"), filled in the engine worker, never
 * on the panel's thread. The exemplar fill takes one to several seconds at model size; run in the
 * panel it froze the panel for that long (bench: test/ui/remove-off-thread.browser.test.ts measures
 * the panel's longest stall both ways). planGeneration leaves the hole as it is and marks the plan;
 * here the model-size region goes to the worker as a `remove` request with the built-in engine (the
 * same exemplarFill, same default seed, so the same pixels), and its result becomes the start image.
 * The worker's "fill" stage reaches the run like every other event.
 */
import type { GenerateResult, RemoveRequest } from "../../contract/worker-protocol";
import type { GenerateService, OnEvent } from "../engine/generate-service";
import type { GenerationPlan } from "./plan-generation";
import { RemoveUnavailableError } from "./remove-unavailable-error";

/** Fills the plan's hole in the worker when the plan asks for the exemplar start (else does nothing). */
export async function fillStartInWorker(service: Pick<GenerateService, "remove">, plan: GenerationPlan, onEvent: OnEvent, signal: AbortSignal): Promise<void> {
  if (plan.workerPrefill !== "exemplar") return;
  if (!service.remove) throw new RemoveUnavailableError();
  const { image, mask } = plan.request;
  if (!image || !mask) throw new Error("The exemplar start needs the region and its mask (a plan bug).");
  // The worker takes the buffers (transfer): send copies, the plan keeps its own.
  const request: RemoveRequest = { image: { ...image, data: image.data.slice() }, mask: { ...mask, data: mask.data.slice() }, engine: "built-in" };
  const filled = (await service.remove(request, onEvent, signal)).image;
  signal.throwIfAborted();
  plan.request = { ...plan.request, image: filled };
  if (plan.prepared) plan.prepared = { ...plan.prepared, modelImage: filled };
  plan.workerPrefill = undefined;
}

/** Step 4 for the generating modes: the start image (filled in the worker when asked), then the run. */
export async function generateFromPlan(service: GenerateService, plan: GenerationPlan, onEvent: OnEvent, signal: AbortSignal): Promise<GenerateResult> {
  await fillStartInWorker(service, plan, onEvent, signal);
  return service.generate(plan.request, onEvent, signal);
}
