/**
 * The per-network stages: model load (every session created), tokenize, text encoder, one UNet
 * evaluation at batch 1 and 4, VAE encode/decode, TAESD encode/decode, and the conv throughput
 * probe — each timed on its own, with the engine's component classes (the same code a Generate
 * click runs), on whichever backend it is given.
 */
import type { ExecutionBackend } from "../../src/engine/runtime/backend";
import type { StableDiffusionModels } from "../../src/engine/stable-diffusion-models";
import { loadEngineFromSources } from "../../src/engine/worker/engine-from-sources";
import { VaeDecoderModel, VaeEncoderModel } from "../../src/engine/components/vae";
import type { UNetModel } from "../../src/engine/components/unet";
import { ModelSession } from "../../src/engine/io/model-session";
import { ClipTokenizer } from "../../src/engine/tokenizer";
import type { PromptTokenizer } from "../../src/engine/tokenizer-port";
import { measure, round, type Timing } from "../lib/measure";
import type { MemoryProbe } from "../lib/memory";
import type { StageResult } from "../lib/results";
import { notApplicable } from "../lib/results";
import { textEncoderFlops, taesdDecoderFlops, taesdEncoderFlops, unetFlops, vaeDecoderFlops, vaeEncoderFlops } from "../lib/flops";
import { convProbeFlops, CONV_PROBE } from "../lib/synthetic-models";
import { withTiming, type TimedBackend } from "../lib/timed-backend";
import { BENCH_PROMPT, type BenchModel } from "./bench-inputs";

export interface StageContext {
  backend: ExecutionBackend;
  model: BenchModel;
  width: number;
  height: number;
  memory: MemoryProbe;
  /** Stop repeating a stage after this long (ms). */
  budgetMs: number;
  /**
   * Warm each session up on a small input before timing (wasm/CPU: weight prepacking is
   * size-independent). Off: the first run at the stage's shape is the measurement.
   */
  warmUp: boolean;
}

/** The warm-up to use, or none when the context turns warm-ups off. */
const warm = (ctx: StageContext, run: () => Promise<unknown>) => (ctx.warmUp ? run : undefined);

/** Times one stage with its memory, FLOPs and a description. */
async function stage(ctx: StageContext, work: () => Promise<Timing>, extra: { gflop?: number; detail?: string } = {}): Promise<StageResult> {
  ctx.memory.begin();
  const timing = await work();
  const memory = await ctx.memory.end();
  const result: StageResult = { status: "ok", ...timing, memory, detail: extra.detail };
  if (extra.gflop !== undefined) {
    result.gflop = round(extra.gflop, 4);
    result.gflopPerS = round(extra.gflop / (timing.ms / 1000), 2);
  }
  return result;
}

export async function loadModels(ctx: StageContext): Promise<{ models: StableDiffusionModels; timed: TimedBackend; result: StageResult; parts: Record<string, number> }> {
  const timed = withTiming(ctx.backend);
  let models!: StableDiffusionModels;
  const result = await stage(ctx, async () => {
    const t0 = performance.now();
    models = (await loadEngineFromSources(timed, ctx.model.sources, ctx.model.settings)).models;
    const ms = round(performance.now() - t0);
    return { ms, minMs: ms, runs: 1 };
  }, { detail: "every session created (text encoder, UNet(s), VAE encoder, VAE decoder); the first load on a backend also pays the runtime's start-up (wasm compile, WebGPU device)" });
  const parts = Object.fromEntries(Object.entries(timed.log.createMs).map(([k, v]) => [k, round(v)]));
  return { models, timed, result, parts };
}

export function tokenizerFor(ctx: StageContext, models: StableDiffusionModels): { tokenizer: PromptTokenizer; loadMs: number; source: string } | null {
  if (models.tokenizer) return { tokenizer: models.tokenizer, loadMs: 0, source: "the model's tokenizer/" };
  if (!ctx.model.tokenizerFiles) return null;
  const t0 = performance.now();
  const tokenizer = ClipTokenizer.fromFiles(ctx.model.tokenizerFiles);
  return { tokenizer, loadMs: round(performance.now() - t0), source: "CLIP vocab/merges from test/fixtures/clip-tokenizer" };
}

export async function tokenizeStage(ctx: StageContext, models: StableDiffusionModels): Promise<StageResult> {
  const found = tokenizerFor(ctx, models);
  if (!found) return notApplicable("no tokenizer: the model folder has no tokenizer/ and no CLIP vocabulary was given");
  return stage(ctx, () => measure(async () => found.tokenizer.encode(BENCH_PROMPT), { warmUp: async () => found.tokenizer.encode(BENCH_PROMPT), minRuns: 20, budgetMs: 200 }), {
    detail: `encode() of a ${BENCH_PROMPT.split(" ").length}-word prompt, warm (${found.source}; loading it took ${found.loadMs} ms)`,
  });
}

export async function textEncoderStage(ctx: StageContext, models: StableDiffusionModels, ids: Int32Array): Promise<StageResult> {
  const arch = ctx.model.architecture.textEncoder;
  const run = () => models.textEncoder.encode(ids);
  return stage(ctx, () => measure(run, { warmUp: warm(ctx, run), minRuns: 5, budgetMs: ctx.budgetMs }), {
    gflop: arch ? textEncoderFlops(arch, ids.length) / 1e9 : undefined,
    detail: `${models.textEncoder.session.file} [1, ${ids.length}]`,
  });
}

/** The UNet a fill runs (the inpainting one when the model has it). */
export function fillUnet(models: StableDiffusionModels): UNetModel {
  return (models.inpaintUnet ?? models.unet)!;
}

export async function unetStage(ctx: StageContext, models: StableDiffusionModels, embeddings: Float32Array, embeddingDims: number[], batch: number): Promise<StageResult> {
  const unet = fillUnet(models);
  const h = Math.floor(ctx.height / 8);
  const w = Math.floor(ctx.width / 8);
  const [, sequence, hidden] = embeddingDims;
  const call = (b: number, hh: number, ww: number) => {
    const sample = new Float32Array(b * unet.inChannels * hh * ww).fill(0.1); // [B, C, h, w]
    const states = new Float32Array(b * sequence * hidden); // [B, L, D]
    for (let r = 0; r < b; r++) states.set(embeddings, r * sequence * hidden);
    return unet.predictNoise(sample, [b, unet.inChannels, hh, ww], 500, states, [b, sequence, hidden]);
  };
  const arch = ctx.model.architecture.unet;
  return stage(ctx, () => measure(() => call(batch, h, w), { warmUp: warm(ctx, () => call(1, 8, 8)), minRuns: 3, budgetMs: ctx.budgetMs }), {
    gflop: arch ? unetFlops({ ...arch, in_channels: unet.inChannels }, h, w, batch, sequence) / 1e9 : undefined,
    detail: `${unet.session.file} [${batch}, ${unet.inChannels}, ${h}, ${w}] (one UNet evaluation; a CFG step is 2 rows)`,
  });
}

export async function vaeEncodeStage(ctx: StageContext, encoder: VaeEncoderModel | null, flops: ((H: number, W: number) => number) | null, label?: string): Promise<StageResult> {
  if (!encoder) return notApplicable("the model has no VAE encoder (vae_encoder/model.onnx)");
  const image = (hh: number, ww: number) => new Float32Array(3 * hh * ww).fill(0.2); // [1, 3, H, W]
  const run = (hh: number, ww: number) => encoder.encodeMean(image(hh, ww), [1, 3, hh, ww]);
  const { width, height } = ctx;
  return stage(ctx, () => measure(() => run(height, width), { warmUp: warm(ctx, () => run(64, 64)), minRuns: 3, budgetMs: ctx.budgetMs }), {
    gflop: flops ? flops(height, width) / 1e9 : undefined,
    detail: `${label ?? encoder.session.file} [1, 3, ${height}, ${width}]`,
  });
}

export async function vaeDecodeStage(ctx: StageContext, decoder: VaeDecoderModel, flops: ((h: number, w: number) => number) | null, label?: string): Promise<StageResult> {
  const h = Math.floor(ctx.height / 8);
  const w = Math.floor(ctx.width / 8);
  const run = (hh: number, ww: number) => decoder.decode(new Float32Array(4 * hh * ww).fill(0.3), [1, 4, hh, ww]); // [1, 4, h, w]
  return stage(ctx, () => measure(() => run(h, w), { warmUp: warm(ctx, () => run(8, 8)), minRuns: 3, budgetMs: ctx.budgetMs }), {
    gflop: flops ? flops(h, w) / 1e9 : undefined,
    detail: `${label ?? decoder.session.file} [1, 4, ${h}, ${w}]`,
  });
}

export function vaeFlops(ctx: StageContext) {
  const vae = ctx.model.architecture.vae;
  return {
    encode: vae ? (H: number, W: number) => vaeEncoderFlops(vae, H, W) : null,
    decode: vae ? (h: number, w: number) => vaeDecoderFlops(vae, h, w) : null,
  };
}

export async function taesdStages(ctx: StageContext): Promise<{ encode: StageResult; decode: StageResult; loadMs?: number }> {
  const taesd = ctx.model.taesd;
  if (!taesd) {
    const reason = "no TAESD ONNX given (--taesd-dir DIR with vae_encoder/ and vae_decoder/)";
    return { encode: notApplicable(reason), decode: notApplicable(reason) };
  }
  const t0 = performance.now();
  const encoder = await VaeEncoderModel.load(ctx.backend, taesd.encoder);
  const decoder = await VaeDecoderModel.load(ctx.backend, taesd.decoder);
  const loadMs = round(performance.now() - t0);
  const kind = taesd.synthetic ? "TAESD layers, random weights (timing only)" : "TAESD";
  try {
    const encode = await vaeEncodeStage(ctx, encoder, taesdEncoderFlops, `${kind} encoder`);
    const decode = await vaeDecodeStage(ctx, decoder, taesdDecoderFlops, `${kind} decoder`);
    return { encode, decode, loadMs };
  } finally {
    await encoder.session.release();
    await decoder.session.release();
  }
}

/** GFLOP/s of one SD-sized conv on the latent grid of this run's size. */
export async function convProbe(ctx: StageContext): Promise<number> {
  const session = await ModelSession.open(ctx.backend, ctx.model.convProbe, { inputs: { x: ["x"] }, outputs: { y: ["y"] } });
  try {
    const h = Math.floor(ctx.height / 8);
    const w = Math.floor(ctx.width / 8);
    const run = (hh: number, ww: number) => session.run({ x: { floats: new Float32Array(CONV_PROBE.channels * hh * ww).fill(0.5), dims: [1, CONV_PROBE.channels, hh, ww] } }, ["y"]);
    const timing = await measure(() => run(h, w), { warmUp: warm(ctx, () => run(8, 8)), minRuns: 3, budgetMs: ctx.budgetMs });
    // The best run: the probe asks what the backend CAN reach, not what a loaded machine gave on average.
    return round(convProbeFlops(h, w) / 1e9 / (timing.minMs / 1000), 2);
  } finally {
    await session.release();
  }
}
