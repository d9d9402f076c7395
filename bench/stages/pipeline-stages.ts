/**
 * Whole runs through StableDiffusionEngine, as the panel would ask for them: one fill (inpaint,
 * batch 1) for the "total" stage and the pipeline overhead, and 4 variations (img2img) run with
 * the UNet sequential (batch 1 per call) and batched (all rows in one call), to see which schedule
 * wins on this backend and which one the engine picks by default.
 */
import { StableDiffusionEngine } from "../../src/engine/engine";
import type { StableDiffusionModels } from "../../src/engine/stable-diffusion-models";
import type { PipelineOutput } from "../../src/engine/pipelines/options";
import { median, round } from "../lib/measure";
import type { MemorySample, PipelineResult, StageResult, VariationsResult } from "../lib/results";
import type { TimedBackend } from "../lib/timed-backend";
import { syntheticImage, syntheticMask } from "./bench-inputs";
import { PipelineSegments } from "./pipeline-segments";
import type { StageContext } from "./network-stages";

export interface PipelineSettings {
  steps: number;
  guidanceScale: number;
}

/** What the backend decorator counted during one run (copied: the log is reset per run). */
interface RunCount {
  runMs: number;
  calls: number;
}

const countOf = (timed: TimedBackend): RunCount => ({ runMs: timed.log.runMs, calls: timed.log.calls });

function summarise(
  result: PipelineOutput,
  count: RunCount,
  outsideRunBreakdown: Record<string, number>,
  base: Omit<PipelineResult, "totalMs" | "sessionRunMs" | "decoratorSessionRunMs" | "sessionRunCalls" | "outsideRunMs" | "overheadRatio" | "unetStepsMs" | "outsideRunBreakdown" | "timings" | "runs">,
): PipelineResult {
  const t = result.timings;
  return {
    ...base,
    totalMs: round(t.total),
    sessionRunMs: round(t.sessionRun),
    decoratorSessionRunMs: round(count.runMs),
    sessionRunCalls: count.calls,
    outsideRunMs: round(t.outsideRun),
    overheadRatio: round(t.outsideRun / t.total, 4),
    unetStepsMs: t.unetSteps.map((v) => round(v)),
    outsideRunBreakdown,
    timings: { ...t, unetSteps: undefined },
  };
}

/**
 * One fill at the run's size, batch 1, classifier-free guidance on: the "total" stage. A 64² fill
 * runs first so the figure is not the JIT compiling the pipeline's JavaScript (sessions are warm
 * already from the stages before).
 */
export async function fillStage(
  ctx: StageContext,
  models: StableDiffusionModels,
  timed: TimedBackend,
  settings: PipelineSettings,
): Promise<{ stage: StageResult; pipeline: PipelineResult }> {
  const canInpaint = new StableDiffusionEngine(models).inpaintMethod !== null;
  const segments = new PipelineSegments(timed);
  const fill = (width: number, height: number) => {
    // Inputs first, so making them is not counted as the pipeline's time.
    const image = syntheticImage(width, height);
    const mask = syntheticMask(width, height);
    // A fresh engine: its prompt-embedding cache would spare the measured run the text encoder.
    const engine = new StableDiffusionEngine(models);
    const common = {
      prompt: ctx.model.prompt,
      negativePrompt: ctx.model.negativePrompt,
      numInferenceSteps: settings.steps,
      guidanceScale: settings.guidanceScale,
      seed: 1,
      onEvent: segments.onEvent,
    };
    return async () => {
      const result = await (canInpaint ? engine.inpaint({ ...common, image, mask, strength: 1 }) : engine.textToImage({ ...common, width, height }));
      segments.finish();
      return result;
    };
  };
  let warmUpMs: number | undefined;
  if (ctx.warmUp) {
    const warmUp = fill(64, 64);
    const t0 = performance.now();
    await warmUp();
    warmUpMs = round(performance.now() - t0);
  }
  // Repeat while cheap (≤ 3 runs, 2 when a fill takes seconds) and keep the run with the least
  // time outside session.run: on a shared machine the others' work lands in single samples, and the
  // pipeline's own overhead is its smallest observed value.
  const runs: { result: PipelineOutput; memory: MemorySample; breakdown: Record<string, number>; count: RunCount }[] = [];
  const spentStart = performance.now();
  do {
    const measured = fill(ctx.width, ctx.height);
    ctx.memory.begin();
    segments.start();
    const result = await measured();
    const memory = await ctx.memory.end();
    runs.push({ result, memory, breakdown: segments.breakdown(result), count: countOf(timed) });
  } while (runs.length < 3 && (runs.length < 2 || performance.now() - spentStart < 2000));
  const best = runs.reduce((a, b) => (b.result.timings.outsideRun < a.result.timings.outsideRun ? b : a));
  const { result, memory } = best;
  const totals = runs.map((r) => r.result.timings.total);
  const pipeline = summarise(result, best.count, best.breakdown, {
    mode: canInpaint ? "inpaint" : "text-to-image",
    steps: settings.steps,
    guidanceScale: settings.guidanceScale,
    images: 1,
    unetBatchSize: models.backend.batching.maxUnetBatch,
  });
  pipeline.runs = runs.length;
  const detail =
    `${pipeline.mode} ${ctx.width}×${ctx.height}, ${settings.steps} steps, guidance ${settings.guidanceScale}, ${pipeline.sessionRunCalls} session.run calls; ` +
    `${ctx.warmUp ? "after a 64² fill (sessions and JIT warm)" : "no warm-up fill"}; pipeline figures from the run with the least time outside session.run of ${runs.length}`;
  const firstMs = ctx.width === 64 && ctx.height === 64 ? warmUpMs : undefined;
  return { stage: { status: "ok", ms: round(median(totals)), minMs: round(Math.min(...totals)), runs: runs.length, firstMs, memory, detail }, pipeline };
}

/**
 * 4 variations of one image (img2img, SD-Turbo style: guidance off, so the UNet sees 4 rows per
 * step). Sequential = unetBatchSize 1; batched = all 4 rows in one session.run. The VAE schedule is
 * the backend's in both, so the difference is the UNet's.
 */
export async function variationsStage(
  ctx: StageContext,
  models: StableDiffusionModels,
  timed: TimedBackend,
  settings: { steps: number; strength: number },
): Promise<VariationsResult | null> {
  if (!models.unet || !models.vaeEncoder) return null; // img2img needs the 4-channel UNet and the encoder
  const images = 4;
  const guidanceScale = 0;
  const image = syntheticImage(ctx.width, ctx.height);
  const run = async (unetBatchSize: number): Promise<PipelineResult> => {
    // A fresh engine each time: its prompt-embedding cache would otherwise spare the second run the text encoder.
    const engine = new StableDiffusionEngine(models);
    const segments = new PipelineSegments(timed);
    segments.start();
    const result = await engine.img2img({
      prompt: ctx.model.prompt,
      numInferenceSteps: settings.steps,
      strength: settings.strength,
      guidanceScale,
      numImagesPerPrompt: images,
      seeds: [1, 2, 3, 4],
      unetBatchSize,
      image,
      onEvent: segments.onEvent,
    });
    segments.finish();
    return summarise(result, countOf(timed), segments.breakdown(result), { mode: "img2img", steps: result.timesteps.length, guidanceScale, images, unetBatchSize });
  };
  const sequential = await run(1);
  const batched = await run(images);
  const engineUnetBatch = models.backend.batching.maxUnetBatch;
  const unetTime = (p: PipelineResult) => p.unetStepsMs.reduce((a, b) => a + b, 0);
  return {
    images,
    steps: sequential.steps,
    guidanceScale,
    sequential,
    batched,
    engineUnetBatch,
    enginePicks: engineUnetBatch >= images ? "batched" : "sequential",
    faster: unetTime(batched) < unetTime(sequential) ? "batched" : "sequential",
  };
}
