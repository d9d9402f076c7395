/**
 * Engine timings on the tiny-sd models: per stage (tokenize, text encoder, each UNet step, VAE
 * encode/decode, total) and the time spent outside session.run (pre/post-processing, scheduler,
 * conversions) — the part this code owns. Target: outside-run ≤ 12–16 ms at 512², batch 1.
 *
 *   npx tsx bench/engine.ts [--backend wasm|node] [--runs 3] [--steps 4]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadEngineFromSources } from "../src/engine/worker/engine-from-sources";
import { createOrtWebBackend } from "../src/engine/runtime/ort-web-backend";
import { tryCreateOrtNodeBackend } from "../src/engine/runtime/ort-node-backend";
import type { PipelineOutput, StageTimings } from "../src/engine/pipelines/options";
import { ClipTokenizer } from "../src/engine/tokenizer";
import { createGrayImage, createRgbaImage } from "../src/imaging/image";

const { values } = parseArgs({
  options: { backend: { type: "string", default: "wasm" }, runs: { type: "string", default: "3" }, steps: { type: "string", default: "4" } },
});
const root = join(import.meta.dirname, "..");
const modelsDir = process.env.TINY_SD_MODELS_DIR ?? join(root, "test/fixtures/tiny-sd/models");
const model = (c: string) => ({ name: `${c}/model.onnx`, url: join(modelsDir, c, "model.onnx") });

// The real CLIP tokenizer (so tokenize time is real), ids folded into the tiny 1000-token vocabulary.
const clipDir = join(root, "test/fixtures/clip-tokenizer");
const clip = ClipTokenizer.fromFiles({ vocab: readFileSync(join(clipDir, "vocab.json"), "utf8"), merges: readFileSync(join(clipDir, "merges.txt"), "utf8") });
const tokenizer = { encode: (p: string) => ({ ...clip.encode(p), inputIds: clip.encode(p).inputIds.map((id) => id % 1000) }) };

const backend = values.backend === "node" ? await tryCreateOrtNodeBackend() : createOrtWebBackend();
if (!backend) throw new Error("onnxruntime-node is not installed");
const engine = await loadEngineFromSources(
  backend,
  { textEncoder: model("text_encoder"), unet: model("unet"), unetInpaint: model("unet_inpaint"), vaeEncoder: model("vae_encoder"), vaeDecoder: model("vae_decoder") },
  { schedulerConfig: { _class_name: "EulerDiscreteScheduler", beta_schedule: "scaled_linear", beta_start: 0.00085, beta_end: 0.012, steps_offset: 1 }, tokenizer },
);

function testImage(size: number) {
  const image = createRgbaImage(size, size);
  for (let i = 0; i < size * size; i++) image.data.set([(i * 13) % 256, (i >> 3) % 256, 128, 255], i * 4);
  const mask = createGrayImage(size, size);
  for (let y = size / 4; y < (3 * size) / 4; y++) mask.data.fill(255, y * size + size / 4, y * size + (3 * size) / 4);
  return { image, mask };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (ms: number) => ms.toFixed(1).padStart(7);

async function bench(label: string, size: number, run: (prompt: string) => Promise<PipelineOutput>): Promise<void> {
  await run(`${basePrompt}, ${label} ${size} warm-up`); // first-run allocations and kernel selection
  const timings: StageTimings[] = [];
  // A new prompt each run, so the text encoder really runs (the engine caches embeddings per prompt).
  for (let r = 0; r < Number(values.runs); r++) timings.push((await run(`${basePrompt}, ${label} ${size} take ${r}`)).timings);
  const pick = (key: "tokenize" | "textEncoder" | "vaeEncode" | "vaeDecode" | "total" | "sessionRun" | "outsideRun") => median(timings.map((t) => t[key]));
  const steps = timings[0].unetSteps.map((_, i) => median(timings.map((t) => t.unetSteps[i])));
  console.log(
    `${label.padEnd(28)} ${size}²  tokenize ${f(pick("tokenize"))}  text-enc ${f(pick("textEncoder"))}  vae-enc ${f(pick("vaeEncode"))}  ` +
      `unet steps [${steps.map((s) => s.toFixed(0)).join(", ")}]  vae-dec ${f(pick("vaeDecode"))}  total ${f(pick("total"))}  ` +
      `in run ${f(pick("sessionRun"))}  OUTSIDE RUN ${f(pick("outsideRun"))} ms (min ${Math.min(...timings.map((t) => t.outsideRun)).toFixed(1)})`,
  );
}

const steps = Number(values.steps);
const basePrompt = "a watercolor fox in a misty forest, soft light";
console.log(`backend ${backend.name}, ${steps} steps, CFG 7.5 (UNet batch ${backend.batching.maxUnetBatch}), median of ${values.runs} runs after a warm-up`);
for (const size of [64, 512]) {
  const { image, mask } = testImage(size);
  await bench("text-to-image", size, (prompt) => engine.textToImage({ prompt, width: size, height: size, numInferenceSteps: steps, seed: 1 }));
  await bench("img2img strength 0.75", size, (prompt) => engine.img2img({ prompt, image, strength: 0.75, numInferenceSteps: steps, seed: 1 }));
  await bench("inpaint (9-channel UNet)", size, (prompt) => engine.inpaint({ prompt, image, mask, numInferenceSteps: steps, seed: 1 }));
  await bench("inpaint ×2 variations", size, (prompt) => engine.inpaint({ prompt, image, mask, numInferenceSteps: steps, seeds: [1, 2] }));
}
