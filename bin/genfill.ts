/**
 * genfill — run the engine from the command line on a model folder (Node).
 *
 *   genfill --model-dir DIR --prompt "..." [--image in.png [--mask m.png]] [options] --out out/
 *
 * No --image: text-to-image. --image: img2img (--strength). --image + --mask: inpainting (white =
 * repaint), with the 9-channel UNet when the folder has one, else latent blending.
 * Models without a tokenizer/ folder (the tiny test models) take --token-ids instead of --prompt.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { StableDiffusionEngine } from "../src/engine/engine";
import { readModelDir } from "../src/engine/node/model-dir";
import { createOrtWebBackend } from "../src/engine/runtime/ort-web-backend";
import { tryCreateOrtNodeBackend } from "../src/engine/runtime/ort-node-backend";
import type { ExecutionBackend } from "../src/engine/runtime/backend";
import type { CommonGenerationOptions, GenerationResult, PromptInput } from "../src/engine/pipelines/options";
import { toRgbaImages } from "../src/engine/pipelines/image-processor";
import { decodePng, encodePng } from "../src/imaging/png";
import type { GrayImage } from "../src/imaging/image";

const USAGE = `Usage: genfill --model-dir DIR (--prompt TEXT | --token-ids 0,17,345,2) [--image in.png [--mask mask.png]] --out DIR
  --negative-prompt TEXT | --negative-token-ids IDS   (default: empty prompt; ids needed without a tokenizer)
  --strength 0.6   --steps 20   --guidance 7.5   --count 1..4   --seed N | --seeds 1,2,3
  --width 512 --height 512 (text-to-image)   --scheduler DDIMScheduler|EulerDiscreteScheduler|...
  --backend auto|wasm|node (default auto: onnxruntime-node when installed)   --threads N   --unet-batch N`;

const { values } = parseArgs({
  options: {
    "model-dir": { type: "string" },
    prompt: { type: "string" },
    "token-ids": { type: "string" },
    "negative-prompt": { type: "string" },
    "negative-token-ids": { type: "string" },
    image: { type: "string" },
    mask: { type: "string" },
    strength: { type: "string" },
    steps: { type: "string", default: "20" },
    guidance: { type: "string" },
    count: { type: "string" },
    seed: { type: "string" },
    seeds: { type: "string" },
    width: { type: "string", default: "512" },
    height: { type: "string", default: "512" },
    scheduler: { type: "string" },
    backend: { type: "string", default: "auto" },
    threads: { type: "string" },
    "unet-batch": { type: "string" },
    out: { type: "string", default: "out" },
    help: { type: "boolean", short: "h" },
  },
});

function fail(message: string): never {
  console.error(`genfill: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** "0,17,345,2" → 77 ids, padded with the last id (SD 1.x pads with the end token). */
function tokenIds(list: string): PromptInput {
  const ids = list.split(",").map((s) => Number(s.trim()));
  if (ids.length === 0 || ids.some((n) => !Number.isInteger(n) || n < 0)) fail(`bad token id list "${list}"`);
  const out = new Int32Array(77).fill(ids[ids.length - 1]);
  out.set(ids.slice(0, 77));
  return { inputIds: out };
}

const numberOption = (name: string, text: string | undefined) => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) fail(`--${name} must be a number, got "${text}"`);
  return n;
};

async function readGrayPng(path: string): Promise<GrayImage> {
  const rgba = await decodePng(readFileSync(path));
  const data = new Uint8Array(rgba.width * rgba.height);
  // PIL's convert("L"), as diffusers' mask processor: L = R·299/1000 + G·587/1000 + B·114/1000.
  for (let i = 0; i < data.length; i++) data[i] = Math.round((rgba.data[i * 4] * 299 + rgba.data[i * 4 + 1] * 587 + rgba.data[i * 4 + 2] * 114) / 1000);
  return { width: rgba.width, height: rgba.height, data };
}

async function chooseBackend(kind: string, threads: number | undefined): Promise<ExecutionBackend> {
  if (kind === "node" || kind === "auto") {
    const native = await tryCreateOrtNodeBackend({ intraOpNumThreads: threads });
    if (native) return native;
    if (kind === "node") fail("--backend node: onnxruntime-node is not installed (npm i onnxruntime-node)");
  }
  if (kind !== "wasm" && kind !== "auto") fail(`unknown --backend ${kind}`);
  return createOrtWebBackend({ numThreads: threads ?? 1 });
}

async function main(): Promise<void> {
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const modelDir = values["model-dir"] ?? fail("--model-dir is required");
  const prompt = values.prompt ?? (values["token-ids"] ? tokenIds(values["token-ids"]) : fail("--prompt or --token-ids is required"));
  const negativePrompt = values["negative-token-ids"] ? tokenIds(values["negative-token-ids"]) : values["negative-prompt"];
  const seeds = values.seeds?.split(",").map((s) => numberOption("seeds", s)!);

  const t0 = performance.now();
  const folder = readModelDir(modelDir);
  for (const note of folder.notes) console.log(`note: ${note}`);
  const backend = await chooseBackend(values.backend!, numberOption("threads", values.threads));
  const engine = await StableDiffusionEngine.load(backend, folder.sources, folder.settings);
  const pipelines = engine.isLatentConsistencyModel ? "LCM (guidance embedding, no CFG), " : "";
  console.log(`loaded ${modelDir} on ${backend.name} in ${(performance.now() - t0).toFixed(0)} ms (${pipelines}inpainting: ${engine.inpaintMethod ?? "unavailable"})`);

  const common: CommonGenerationOptions = {
    prompt,
    negativePrompt,
    numInferenceSteps: numberOption("steps", values.steps)!,
    guidanceScale: numberOption("guidance", values.guidance),
    numImagesPerPrompt: numberOption("count", values.count),
    seed: numberOption("seed", values.seed),
    seeds,
    scheduler: values.scheduler ? { className: values.scheduler } : undefined,
    unetBatchSize: numberOption("unet-batch", values["unet-batch"]),
    onProgress: (e) => {
      if (e.type === "stage") console.log(`· ${e.stage}`);
      else console.log(`  step ${e.step}/${e.totalSteps} (t=${e.timestep})`);
    },
  };
  let result: GenerationResult;
  if (values.image) {
    const image = await decodePng(readFileSync(values.image));
    if (values.mask) {
      result = await engine.inpaint({ ...common, image, mask: await readGrayPng(values.mask), strength: numberOption("strength", values.strength) });
    } else {
      result = await engine.img2img({ ...common, image, strength: numberOption("strength", values.strength) ?? 0.6 });
    }
  } else {
    result = await engine.textToImage({ ...common, width: numberOption("width", values.width)!, height: numberOption("height", values.height)! });
  }

  mkdirSync(values.out!, { recursive: true });
  const images = toRgbaImages(result.pixels, result.count, result);
  for (let k = 0; k < images.length; k++) {
    const name = result.seeds ? `genfill-seed${result.seeds[k]}.png` : `genfill-${values.seed ?? "x"}-${k}.png`;
    const path = join(values.out!, name);
    writeFileSync(path, await encodePng(images[k]));
    console.log(`wrote ${path} (${result.width}×${result.height})`);
  }
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

main().catch((error: Error) => {
  console.error(`genfill: ${error.name}: ${error.message}`);
  process.exit(1);
});
