/**
 * genfill — run the engine from the command line on a model folder (Node).
 *
 *   genfill --model-dir DIR --prompt "..." [--image in.png [--mask m.png]] [options] --out out/
 *
 * No --image: text-to-image. --image: img2img (--strength). --image + --mask: inpainting (white =
 * repaint), with the 9-channel UNet when the folder has one, else latent blending; the result is
 * composited into the image like the panel does (--raw: the model's output as generated).
 * Models without a tokenizer/ folder (the tiny test models) take --token-ids instead of --prompt.
 * Order: every input is checked first (arguments, files, prompt, steps, memory), then the model
 * loads, then images are written atomically under names that never overwrite earlier results.
 */
import { join } from "node:path";
import { StableDiffusionEngine } from "../src/engine/engine";
import { loadEngineFromSources } from "../src/engine/worker/engine-from-sources";
import { readModelDir } from "../src/engine/node/model-dir";
import { CliUsageError, USAGE, parseCliArgs, type CliOptions } from "../src/engine/node/cli-args";
import { checkSchedule, readImage, readMask, resolvePrompts } from "../src/engine/node/cli-inputs";
import { finishImage, planJob, type CliJob } from "../src/engine/node/cli-plan";
import { prepareOutputFolder, uniqueNames, writeFileAtomic } from "../src/engine/node/output-files";
import { createOrtWebBackend } from "../src/engine/runtime/ort-web-backend";
import { tryCreateOrtNodeBackend } from "../src/engine/runtime/ort-node-backend";
import type { ExecutionBackend } from "../src/engine/runtime/backend";
import type { CommonGenerationOptions, PipelineOutput } from "../src/engine/pipelines/options";
import { toRgbaImages } from "../src/engine/pipelines/image-processor";
import { encodePng } from "../src/imaging/png";

async function chooseBackend(kind: CliOptions["backend"], threads: number | undefined): Promise<ExecutionBackend> {
  if (kind === "node" || kind === "auto") {
    const native = await tryCreateOrtNodeBackend({ intraOpNumThreads: threads });
    if (native) return native;
    if (kind === "node") throw new CliUsageError("--backend node: onnxruntime-node is not installed (npm i onnxruntime-node), or use --backend wasm.");
  }
  return createOrtWebBackend({ numThreads: threads ?? 1 });
}

function run(engine: StableDiffusionEngine, job: CliJob, common: CommonGenerationOptions, options: CliOptions): Promise<PipelineOutput> {
  if (job.mode === "text-to-image") return engine.textToImage({ ...common, width: job.width, height: job.height });
  if (job.mode === "img2img") return engine.img2img({ ...common, image: job.modelImage, strength: options.strength ?? 0.6 });
  return engine.inpaint({ ...common, image: job.prepared.modelImage, mask: job.prepared.modelMask, strength: options.strength });
}

async function main(argv: string[]): Promise<void> {
  const options = parseCliArgs(argv);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  // 1. Everything that can be checked without the model.
  const folder = readModelDir(options.modelDir);
  for (const note of folder.notes) console.log(`note: ${note}`);
  const prompts = resolvePrompts(options, folder);
  checkSchedule(options, folder.settings.schedulerConfig);
  const image = options.image ? await readImage(options.image, "--image") : undefined;
  const mask = options.mask && image ? await readMask(options.mask, image) : undefined;
  prepareOutputFolder(options.out);
  const backend = await chooseBackend(options.backend, options.threads);
  const planned = planJob(options, folder.facts, backend.name === "onnxruntime-node" ? "node" : "wasm", image, mask);
  for (const note of planned.notes) console.log(`note: ${note}`);

  // 2. The model, and the run.
  const t0 = performance.now();
  const engine = await loadEngineFromSources(backend, folder.sources, folder.settings);
  const pipelines = engine.isLatentConsistencyModel ? "LCM (guidance embedding, no CFG), " : "";
  console.log(`loaded ${options.modelDir} on ${backend.name} in ${(performance.now() - t0).toFixed(0)} ms (${pipelines}inpainting: ${engine.inpaintMethod ?? "unavailable"})`);
  const common: CommonGenerationOptions = {
    ...prompts,
    numInferenceSteps: options.steps,
    guidanceScale: options.guidance,
    numImagesPerPrompt: options.count,
    seed: options.seed,
    seeds: options.seeds,
    scheduler: options.scheduler ? { className: options.scheduler } : undefined,
    unetBatchSize: options.unetBatch,
    onEvent: (e) => {
      if (e.type === "stage") console.log(`· ${e.stage}`);
      else console.log(`  step ${e.step}/${e.totalSteps} (t=${e.timestep})`);
    },
  };
  const result = await run(engine, planned.job, common, options);

  // 3. Every PNG encoded before the first is written; each written via a temporary name.
  const images = toRgbaImages(result.pixels, result.images.length, result).map((generated) => finishImage(planned.job, generated, options.raw));
  const encoded = await Promise.all(images.map((img) => encodePng(img)));
  const bases = images.map((_, k) => (result.seeds ? `genfill-seed${String(result.seeds[k])}` : `genfill-${options.seed !== undefined ? String(options.seed) : "x"}-${k}`));
  const names = uniqueNames(options.out, bases);
  names.forEach((name, k) => {
    const path = join(options.out, name);
    writeFileAtomic(path, encoded[k]);
    console.log(`wrote ${path} (${images[k].width}×${images[k].height})`);
  });
  for (const warning of result.warnings) console.warn(`warning: ${warning}`);
  const t = result.timings;
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log(
    [
      `timings: tokenize ${ms(t.tokenize)}, text encoder ${ms(t.textEncoder)}, VAE encode ${ms(t.vaeEncode)}, VAE decode ${ms(t.vaeDecode)}`,
      `  UNet steps: ${t.unetSteps.map((s) => s.toFixed(0)).join(", ")} ms`,
      `  total ${ms(t.total)} = in session.run ${ms(t.sessionRun)} + outside ${ms(t.outsideRun)}`,
    ].join("\n"),
  );
}

main(process.argv.slice(2)).catch((error: Error) => {
  if (error instanceof CliUsageError) {
    console.error(`genfill: ${error.message}\n(genfill --help lists every option.)`);
    process.exit(2);
  }
  // Every engine/imaging error is one sentence with its class name; anything else is a bug, so say so.
  const known = /Error$/.test(error.name) && error.name !== "Error" && error.name !== "TypeError" && error.name !== "RangeError";
  console.error(known ? `genfill: ${error.name}: ${error.message}` : `genfill: unexpected failure (please report it): ${error.stack ?? error}`);
  process.exit(1);
});
