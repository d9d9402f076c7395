/**
 * Every stage for one (backend, model, size), in the order a Generate click meets them. Runs in
 * Node and, bundled, in the Chromium page. A stage that fails is recorded with its error and the
 * rest still run, so one broken model does not hide the others' figures.
 */
import type { ExecutionBackend } from "../../src/engine/runtime/backend";
import { releaseStableDiffusionModels } from "../../src/engine/stable-diffusion-models";
import type { MemoryProbe } from "../lib/memory";
import { notApplicable, STAGE_NAMES, type BenchRun, type StageName, type StageResult } from "../lib/results";
import type { BenchModel } from "./bench-inputs";
import { tokenizeStage, tokenizerFor, convProbe, loadModels, taesdStages, textEncoderStage, unetStage, vaeDecodeStage, vaeEncodeStage, vaeFlops, type StageContext } from "./network-stages";
import { fillStage, variationsStage } from "./pipeline-stages";

export interface SuiteOptions {
  backend: ExecutionBackend;
  environment: "node" | "chromium";
  model: BenchModel;
  width: number;
  height: number;
  memory: MemoryProbe;
  /** Denoising steps of the fill ("total"). */
  steps: number;
  guidanceScale: number;
  /** Run the 4-variations comparison (costs 2 × 4 images). */
  variations: boolean;
  /** Set to skip the whole-pipeline variations on this backend (the UNet batch 1 vs 4 stages still compare them); the reason is reported. */
  skipVariations?: string;
  /** Per-stage repeat budget, ms. */
  budgetMs: number;
  /** Warm sessions up on small inputs before timing (default true; see StageContext.warmUp). */
  warmUp?: boolean;
  /** Set to skip TAESD and the conv probe on this backend; the text is the reason reported. */
  skipExtras?: string;
  /** Called with the run so far after every stage (the Chromium runner keeps it in case time runs out). */
  onProgress?: (run: BenchRun) => void;
  /** Date.now() after which remaining stages are skipped (reported n/a), so the bench ends in time. */
  deadline?: number;
  /** Node only: the imaging stage (plan/mask/composite) at this size. */
  imaging?: (width: number, height: number) => Promise<StageResult>;
  log?: (message: string) => void;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export async function runSuite(o: SuiteOptions): Promise<BenchRun> {
  const log = o.log ?? (() => undefined);
  const ctx: StageContext = { backend: o.backend, model: o.model, width: o.width, height: o.height, memory: o.memory, budgetMs: o.budgetMs, warmUp: o.warmUp ?? true };
  const stages = Object.fromEntries(STAGE_NAMES.map((name) => [name, notApplicable("not run")])) as Record<StageName, StageResult>;
  const run: BenchRun = { backend: o.backend.name, environment: o.environment, model: o.model.label, width: o.width, height: o.height, stages, notes: [], engineUnetBatch: o.backend.batching.maxUnetBatch };
  const started = performance.now();
  const skipped = (name: string, reason: string) => {
    for (const stageName of STAGE_NAMES) if (name.startsWith(stageName) && stages[stageName].reason === "not run") stages[stageName] = notApplicable(reason);
    if (name === "taesd") stages.taesdEncode = stages.taesdDecode = notApplicable(reason);
  };
  const attempt = async (name: string, work: () => Promise<void>) => {
    if (o.deadline !== undefined && Date.now() > o.deadline) {
      skipped(name, "skipped: the bench's time budget ran out (npm run bench must end within 5 minutes)");
      run.notes.push(`${name}: skipped, time budget`);
      return;
    }
    log(`  ${name}… (${Math.round(performance.now() - started)} ms into this run)`);
    try {
      await work();
    } catch (error) {
      run.notes.push(`${name} failed: ${errorMessage(error)}`);
      skipped(name, `failed: ${errorMessage(error)}`);
    }
    o.onProgress?.(run);
  };

  let loaded: Awaited<ReturnType<typeof loadModels>> | null = null;
  try {
    loaded = await loadModels(ctx);
  } catch (error) {
    run.error = `model load failed: ${errorMessage(error)}`;
    stages.modelLoad = notApplicable(run.error);
    return run;
  }
  const { models, timed } = loaded;
  stages.modelLoad = loaded.result;
  run.modelLoadParts = loaded.parts;
  o.onProgress?.(run);
  try {
    await attempt("tokenize", async () => {
      stages.tokenize = await tokenizeStage(ctx, models);
    });
    const ids = promptIds(o.model, () => tokenizerFor(ctx, models)?.tokenizer);
    const embeddings = await models.textEncoder.encode(ids);
    await attempt("textEncoder", async () => {
      stages.textEncoder = await textEncoderStage(ctx, models, ids);
    });
    for (const batch of [1, 4] as const) {
      await attempt(`unetStepBatch${batch}`, async () => {
        stages[`unetStepBatch${batch}`] = await unetStage(ctx, models, embeddings.data, embeddings.dims, batch);
      });
    }
    const flops = vaeFlops(ctx);
    await attempt("vaeEncode", async () => {
      stages.vaeEncode = await vaeEncodeStage(ctx, models.vaeEncoder, flops.encode);
    });
    await attempt("vaeDecode", async () => {
      stages.vaeDecode = await vaeDecodeStage(ctx, models.vaeDecoder, flops.decode);
    });
    const extras = o.skipExtras === undefined;
    if (!extras) skipped("taesd", o.skipExtras!);
    if (extras) await attempt("taesd", async () => {
      const taesd = await taesdStages(ctx);
      stages.taesdEncode = taesd.encode;
      stages.taesdDecode = taesd.decode;
      if (taesd.loadMs !== undefined) run.notes.push(`TAESD sessions created in ${taesd.loadMs} ms`);
    });
    if (extras) await attempt("convProbe", async () => {
      run.convProbeGflopPerS = await convProbe(ctx);
    });
    if (o.imaging) {
      const imaging = o.imaging;
      await attempt("imaging", async () => {
        stages.imaging = await imaging(o.width, o.height);
      });
    } else {
      stages.imaging = notApplicable("imaging is measured in Node only (it is the same code on the panel)");
    }
    await attempt("total", async () => {
      const fill = await fillStage(ctx, models, timed, { steps: o.steps, guidanceScale: o.guidanceScale });
      stages.total = fill.stage;
      run.pipeline = fill.pipeline;
    });
    if (o.variations && o.skipVariations) run.notes.push(`variations (whole pipeline): ${o.skipVariations}`);
    if (o.variations && !o.skipVariations) {
      await attempt("variations", async () => {
        run.variations = (await variationsStage(ctx, models, timed, { steps: 2, strength: 0.5 })) ?? undefined;
      });
    }
  } finally {
    await releaseStableDiffusionModels(models).catch(() => undefined);
  }
  run.wallMs = Math.round(performance.now() - started);
  return run;
}

/** Token ids for the text-encoder stage: the model's own ids (tiny fixtures) or the tokenized bench prompt. */
function promptIds(model: BenchModel, findTokenizer: () => { encode(p: string): { inputIds: Int32Array } } | undefined): Int32Array {
  if (typeof model.prompt !== "string") return model.prompt.inputIds;
  const tokenizer = findTokenizer();
  if (!tokenizer) throw new Error("the prompt is text but the model has no tokenizer");
  return tokenizer.encode(model.prompt).inputIds;
}
