/**
 * Steps 4–6 for Expand: every image of the batch is painted tile by tile through the engine's
 * inpainting pipeline, each tile conditioned on the original and on the tiles before it. Progress
 * counts UNet steps over all tiles; after each tile the image's thumbnail shows the canvas so far.
 */
import type { GenerateResult, PromptInput, ResultImage } from "../../contract/worker-protocol";
import { isWithheld } from "../../contract/worker-protocol";
import { applyExpandTile, buildExpandCanvas, createExpandState, pendingCount, prepareExpandTile, resizeRgba, restoreOriginal, type RgbaImage } from "../../imaging";
import type { GenerateService, OnEvent } from "../engine/generate-service";
import { tileSeed, type ExpandGenerationPlan } from "./plan-expand";

export interface ExpandRunResult {
  /** One per image: the whole new layer (canvas-sized), or withheld by the content filter. */
  images: ResultImage[];
  screened: boolean;
  /** Engine runs (one per tile per image) and UNet evaluations over all of them. */
  modelRuns: number;
  unetSteps: number;
  /** Engine runs' own timings, summed (ms). */
  engineMs: number;
  /** The engine's warnings over all tiles, each once. */
  warnings: string[];
}

const THUMBNAIL_SIDE = 128;

function ownCopy(prompt: PromptInput): PromptInput {
  return typeof prompt === "string" ? prompt : { inputIds: new Int32Array(prompt.inputIds) };
}

function thumbnail(canvas: RgbaImage): RgbaImage {
  const s = THUMBNAIL_SIDE / Math.max(canvas.width, canvas.height);
  if (s >= 1) return { width: canvas.width, height: canvas.height, data: new Uint8ClampedArray(canvas.data) };
  return resizeRgba(canvas, Math.max(1, Math.round(canvas.width * s)), Math.max(1, Math.round(canvas.height * s)));
}

export async function runExpand(
  service: GenerateService,
  source: RgbaImage,
  plan: ExpandGenerationPlan,
  onEvent: OnEvent,
  signal: AbortSignal,
  /** After each tile: image `index`'s canvas so far, as a thumbnail. */
  onCanvas: (index: number, thumbnail: RgbaImage) => void = () => undefined,
): Promise<ExpandRunResult> {
  const { canvas: canvasPlan, tiles } = plan.expand;
  const totalRuns = tiles.tiles.length * plan.seeds.length;
  const out: ExpandRunResult = { images: [], screened: true, modelRuns: 0, unetSteps: 0, engineMs: 0, warnings: [] };
  for (let k = 0; k < plan.seeds.length; k++) {
    const state = createExpandState(buildExpandCanvas(source, canvasPlan), canvasPlan.image);
    let withheld: ResultImage | null = null;
    for (let t = 0; t < tiles.tiles.length; t++) {
      signal.throwIfAborted();
      const prepared = prepareExpandTile(state, tiles.tiles[t]);
      const runsBefore = out.modelRuns;
      const result: GenerateResult = await service.generate(
        {
          ...plan.request,
          // The worker takes the buffers (transfer), so every tile sends its own copy of the prompt.
          prompt: ownCopy(plan.request.prompt),
          negativePrompt: plan.request.negativePrompt === undefined ? undefined : ownCopy(plan.request.negativePrompt),
          image: prepared.modelImage,
          mask: prepared.modelMask,
          seeds: [tileSeed(plan.seeds[k], t)],
        },
        (event) => {
          // Steps are numbered over the whole expansion, so the bar and the time left cover every tile.
          if (event.type === "step") onEvent({ ...event, step: runsBefore * event.totalSteps + event.step, totalSteps: totalRuns * event.totalSteps });
          else if (event.type !== "preview") onEvent(event);
        },
        signal,
      );
      out.modelRuns++;
      out.unetSteps += result.timings.unetSteps.length;
      out.engineMs += result.timings.total;
      out.screened &&= result.screened;
      for (const w of result.warnings) if (!out.warnings.includes(w)) out.warnings.push(w);
      const image = result.images[0];
      if (!image || isWithheld(image)) {
        withheld = image ?? { withheld: true, reason: "The engine returned no image for this tile. Try again.", width: canvasPlan.width, height: canvasPlan.height };
        break;
      }
      applyExpandTile(state, prepared, image, { colorMatch: plan.expand.colorMatch });
      onCanvas(k, thumbnail(state.canvas));
    }
    if (withheld) {
      out.images.push(withheld);
      continue;
    }
    if (pendingCount(state) !== 0) throw new Error("Expand left part of the new area unpainted (a tiling bug).");
    // The blend never writes the original; restoring it makes "bit for bit" hold by construction too.
    restoreOriginal(state.canvas, source, canvasPlan);
    out.images.push(state.canvas);
  }
  return out;
}
