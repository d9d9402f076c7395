/**
 * Click-to-select latency on onnxruntime-web wasm, single-threaded (as in the Express iframe), at
 * the model's input size (1024² encoder input, 256² decoder logits) for a 960×640 picture:
 *   encode  the vision encoder, once per picture;
 *   click   one SamSegmenter.segment(): decoder run + post-processing (256 → 1024 upsample, crop,
 *           resize to the picture, threshold), per click; target < 100 ms;
 *   post    the post-processing alone (independent of the model's weights).
 * Default model: the SlimSAM twin (exact IO, trivial weights): its decoder costs almost nothing, so
 * the click figure is our pipeline's own overhead. `--segmentation-dir DIR` measures a real
 * transformers.js SAM folder (onnx/vision_encoder_quantized.onnx, onnx/prompt_encoder_mask_decoder_quantized.onnx,
 * preprocessor_config.json), e.g. a downloaded Xenova/slimsam-77-uniform.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createOrtWebBackend } from "../../src/engine/runtime/ort-web-backend";
import { parseSamPreprocessorConfig } from "../../src/engine/segmentation/sam-config";
import { maskFromLogits, resizedSize } from "../../src/engine/segmentation/sam-processor";
import { SamSegmenter } from "../../src/engine/segmentation/sam-segmenter";
import { SLIMSAM_TWIN_DIR } from "../../scripts/twins/make-slimsam-twin";

export const CLICK_TARGET_MS = 100;

export interface ClickLatency {
  model: string;
  encodeMs: number;
  clickMs: { median: number; p90: number; max: number; runs: number };
  postMs: number;
  meetsTarget: boolean;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export async function measureClickLatency(options: { dir?: string; runs?: number } = {}): Promise<ClickLatency> {
  const dir = options.dir ?? SLIMSAM_TWIN_DIR;
  const runs = options.runs ?? 20;
  const backend = createOrtWebBackend({ device: "wasm", numThreads: 1 });
  const read = (p: string) => new Uint8Array(readFileSync(join(dir, p)));
  const config = parseSamPreprocessorConfig(JSON.parse(readFileSync(join(dir, "preprocessor_config.json"), "utf8")));
  const encoder = "onnx/vision_encoder_quantized.onnx", decoder = "onnx/prompt_encoder_mask_decoder_quantized.onnx";
  const segmenter = await SamSegmenter.load(backend, { encoder: { name: encoder, bytes: read(encoder) }, decoder: { name: decoder, bytes: read(decoder) } }, config);
  const width = 960, height = 640;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([(i * 13) % 256, (i >> 4) % 256, 120, 255], i * 4);
  const encodeMs = await segmenter.embed("bench", { width, height, data });
  await segmenter.segment("bench", { points: [{ x: 10, y: 10, label: 1 }] }); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const points = Array.from({ length: 1 + (i % 3) }, (_, k) => ({ x: (97 * (i + k)) % width, y: (61 * (i + k)) % height, label: (k === 2 ? 0 : 1) as 0 | 1 }));
    const t0 = performance.now();
    await segmenter.segment("bench", { points, box: i % 2 ? { x0: 50, y0: 40, x1: 700, y1: 500 } : undefined });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const logits = Float32Array.from({ length: 3 * 256 * 256 }, (_, i) => Math.sin(i / 977));
  const t1 = performance.now();
  maskFromLogits(logits, 1, { width: 256, height: 256 }, { width, height }, resizedSize({ width, height }, config.longestEdge), config);
  const postMs = performance.now() - t1;
  await segmenter.release();
  const clickMs = { median: quantile(times, 0.5), p90: quantile(times, 0.9), max: times[times.length - 1], runs };
  return { model: options.dir ? dir : "SlimSAM twin (exact IO, trivial weights)", encodeMs, clickMs, postMs, meetsTarget: clickMs.p90 < CLICK_TARGET_MS };
}

export function formatClickLatency(r: ClickLatency): string {
  const f = (v: number) => `${v.toFixed(1)} ms`;
  return [
    `Click-to-select (onnxruntime-web wasm, 1 thread, 960×640 picture, 1024² model input) — ${r.model}`,
    `  encode (once per picture)        ${f(r.encodeMs)}`,
    `  click: decoder + post-processing median ${f(r.clickMs.median)}, p90 ${f(r.clickMs.p90)}, max ${f(r.clickMs.max)} over ${r.clickMs.runs} clicks — target < ${CLICK_TARGET_MS} ms: ${r.meetsTarget ? "met" : "NOT met"}`,
    `  post-processing alone            ${f(r.postMs)}`,
  ].join("\n");
}

if (process.argv[1]?.endsWith("click-latency.ts")) {
  const at = process.argv.indexOf("--segmentation-dir");
  measureClickLatency({ dir: at > 0 ? process.argv[at + 1] : undefined }).then(
    (r) => console.log(formatClickLatency(r)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
