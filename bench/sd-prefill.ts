/**
 * `npm run bench:sd-prefill [-- --photos DIR]` — what Stable Diffusion starts from inside the hole
 * when Generative fill keeps part of the start image (strength < 1) or follows no prompt: the
 * smooth push-pull fill ("blur", the old default) or the built-in exemplar fill ("exemplar").
 *
 * On the removal benchmark's photos and seeded holes (bench/removal), at the panel's model size:
 *   1. the start image itself, scored inside the hole against the original (PSNR, SSIM, seam):
 *      at strength s a trained SD keeps the start image's layout and colours roughly in
 *      proportion to 1 − s, so a better start is the better default;
 *   2. the tiny random-weight SD (test/fixtures/tiny-sd, img2img with mask, strength 0.5) run from
 *      each start: it can show that the start reaches the result (how far the two results differ
 *      inside the hole), NOT which result a real model would make better — its weights are random
 *      and its images are coloured noise. Real SD weights cannot be downloaded here.
 * The last line names the start that wins on the photos (all three scores of step 1).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ModelSource } from "../src/contract/worker-protocol";
import { createInThreadEngineClient } from "../src/engine/worker/in-thread-engine-client";
import { SD15_SCHEDULER_CONFIG } from "../src/engine/model-layout";
import { prepareFill, type RegionPrefill } from "../src/imaging/fill";
import type { RgbaImage } from "../src/imaging/image";
import { createEngineClientService } from "../src/ui/engine/engine-client-service";
import { SURROUNDINGS_PREFILL } from "../src/ui/flow/sd-prefill";
import { REPO_ROOT, TINY_MODELS_DIR } from "./lib/node-models";
import { benchMasks } from "./removal/masks";
import { scoreFill, type FillScores } from "./removal/metrics";
import { loadPhotos } from "./removal/photos";

const DEFAULT_PHOTOS_DIR = join(REPO_ROOT, "test/fixtures/photos");
const MODEL_SIDE = 256;
const STARTS: RegionPrefill[] = ["blur", "exemplar"];

function tinyImg2ImgSource(): ModelSource {
  const bytes = (name: string) => ({ bytes: new Uint8Array(readFileSync(join(TINY_MODELS_DIR, name, "model.onnx"))) });
  const files = { textEncoder: bytes("text_encoder"), unet: bytes("unet"), vaeEncoder: bytes("vae_encoder"), vaeDecoder: bytes("vae_decoder") };
  return { kind: "spec", spec: { id: "tiny-sd-prefill-bench", schedulerConfig: { ...SD15_SCHEDULER_CONFIG, _class_name: "DDIMScheduler" }, variants: [{ id: "fp32", precision: "fp32", files }] } };
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const fmt = (v: number, d: number, w: number) => v.toFixed(d).padStart(w);

function holeMeanAbsDiff(a: RgbaImage, b: RgbaImage, hole: Uint8Array): number {
  let sum = 0, n = 0;
  for (let i = 0; i < hole.length; i++) if (hole[i]) for (let c = 0; c < 3; c++) ((sum += Math.abs(a.data[4 * i + c] - b.data[4 * i + c])), n++);
  return n ? sum / n : 0;
}

async function main(): Promise<void> {
  const photosArg = process.argv.indexOf("--photos");
  const dir = photosArg > 0 && process.argv[photosArg + 1] ? resolve(process.argv[photosArg + 1]) : DEFAULT_PHOTOS_DIR;
  const photos = await loadPhotos(dir);
  const service = createEngineClientService(createInThreadEngineClient({ gpu: null }), { forceBackend: "wasm" });
  await service.load(tinyImg2ImgSource());
  console.log(`SD start image in the hole: ${photos.length} photo(s) from ${dir}, 6 holes each, model size ${MODEL_SIDE}; current default: ${SURROUNDINGS_PREFILL}`);
  const wins = new Map<RegionPrefill, number>(STARTS.map((s) => [s, 0]));
  try {
    for (const [p, photo] of photos.entries()) {
      const scores = STARTS.map(() => [] as FillScores[]);
      const ms = STARTS.map(() => [] as number[]);
      const carried: number[] = [];
      for (const m of benchMasks(photo.image.width, photo.image.height, 17 + p)) {
        const options = { maxModelSide: MODEL_SIDE, growPx: 0, featherPx: 0 };
        const original = prepareFill(photo.image, { mask: m.mask }, { ...options, prefill: "keep" });
        const hole = original.modelMask.data.map((v) => (v > 0 ? 1 : 0));
        const outputs: RgbaImage[] = [];
        for (const [j, start] of STARTS.entries()) {
          const t0 = performance.now();
          const prepared = prepareFill(photo.image, { mask: m.mask }, { ...options, prefill: start });
          ms[j].push(performance.now() - t0);
          scores[j].push(scoreFill(original.modelImage, prepared.modelImage, hole));
          const request = { mode: "inpaint" as const, prompt: { inputIds: new Int32Array(77).fill(2) }, numInferenceSteps: 2, guidanceScale: 1, strength: 0.5, seeds: [1], image: prepared.modelImage, mask: prepared.modelMask, preview: { enabled: false } };
          const result = await service.generate(request, () => undefined, new AbortController().signal);
          outputs.push(result.images[0] as RgbaImage);
        }
        carried.push(holeMeanAbsDiff(outputs[0], outputs[1], hole));
      }
      const means = scores.map((s) => ({ psnr: mean(s.map((x) => x.psnr)), ssim: mean(s.map((x) => x.ssim)), seam: mean(s.map((x) => x.seam)) }));
      console.log(`\n${photo.name}`);
      console.log(`  ${"start".padEnd(9)} ${"PSNR dB".padStart(8)} ${"SSIM".padStart(7)} ${"seam".padStart(7)} ${"ms".padStart(6)}`);
      for (const [j, start] of STARTS.entries()) console.log(`  ${start.padEnd(9)} ${fmt(means[j].psnr, 2, 8)} ${fmt(means[j].ssim, 4, 7)} ${fmt(means[j].seam, 3, 7)} ${fmt(mean(ms[j]), 0, 6)}`);
      console.log(`  tiny SD (random weights, strength 0.5): the two results differ by ${mean(carried).toFixed(1)} / 255 per channel inside the hole`);
      for (const [j, start] of STARTS.entries()) {
        const others = means.filter((_, k) => k !== j);
        if (others.every((o) => means[j].psnr > o.psnr && means[j].ssim > o.ssim && means[j].seam < o.seam)) wins.set(start, wins.get(start)! + 1);
      }
    }
  } finally {
    await service.dispose();
  }
  console.log(`\nsd-prefill: ${STARTS.map((s) => `${s} wins ${wins.get(s)}/${photos.length}`).join(", ")} photos (PSNR, SSIM and seam of the start image in the hole)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
