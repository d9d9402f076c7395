/**
 * Generative Expand's cost: a 16:9 expansion of a 1024×1024 image at SD 1.5's native 512 — the
 * canvas, the tiles, the model runs and UNet evaluations it takes, and the time of the whole flow
 * (planning, pre-fill, every tile through the engine's inpainting pipeline, blending) with the tiny
 * inpainting UNet on onnxruntime-web wasm. The tiny model's time is the flow's overhead plus a
 * small network; a real model's time is its per-step time × the UNet evaluations printed here.
 *
 * Part of `npm run bench` (after the main table); alone: `npm run bench:expand [-- --steps N]`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ImageSelection } from "../src/contract";
import type { ModelSource } from "../src/contract/worker-protocol";
import { createInThreadEngineClient } from "../src/engine/worker/in-thread-engine-client";
import { createRgbaImage, type RgbaImage } from "../src/imaging";
import { SD15_SCHEDULER_CONFIG } from "../src/engine/model-layout";
import { createEngineClientService } from "../src/ui/engine/engine-client-service";
import { expandSourceGeometry } from "../src/ui/flow/expand-source";
import { planExpand } from "../src/ui/flow/plan-expand";
import { runExpand } from "../src/ui/flow/run-expand";
import { DEFAULT_SETTINGS } from "../src/ui/settings/panel-settings";
import { TINY_MODELS_DIR } from "./lib/node-models";

const NATIVE = 512;
const SIDE = 1024;

function photoLike(size: number): RgbaImage {
  const img = createRgbaImage(size, size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) img.data.set([(x * 255) / size, (y * 255) / size, ((x ^ y) & 255), 255], (y * size + x) * 4);
  return img;
}

function tinyInpaintSource(): ModelSource {
  const bytes = (name: string) => ({ bytes: new Uint8Array(readFileSync(join(TINY_MODELS_DIR, name, "model.onnx"))) });
  return {
    kind: "spec",
    spec: {
      id: "tiny-sd-inpaint-bench",
      schedulerConfig: { ...SD15_SCHEDULER_CONFIG, _class_name: "DDIMScheduler" },
      variants: [{ id: "fp32", precision: "fp32", files: { textEncoder: bytes("text_encoder"), unetInpaint: bytes("unet_inpaint"), vaeEncoder: bytes("vae_encoder"), vaeDecoder: bytes("vae_decoder") } }],
    },
  };
}

export interface ExpandBenchOptions {
  steps: number;
  /** Skip the timed run when this time (ms since epoch) has passed; the plan is still printed. */
  deadline?: number;
}

/** Lines for the report. */
export async function benchExpand(options: ExpandBenchOptions): Promise<string[]> {
  const selection: ImageSelection = {
    type: "image",
    revision: 0,
    page: { pageId: "bench", pageIndex: 0, width: 4096, height: 4096, artboardId: "bench" },
    image: { nodeId: "photo", width: SIDE, height: SIDE, transform: [1, 0, 0, 1, 1536, 1536], boundsOnPage: { x: 1536, y: 1536, width: SIDE, height: SIDE } },
  };
  const settings = { ...DEFAULT_SETTINGS, count: 1, steps: options.steps, guidanceScale: 7.5, prompt: "", expandTarget: "16:9" as const, expandAnchor: "centre-middle" as const };
  const t0 = performance.now();
  const geometry = expandSourceGeometry(selection, NATIVE, settings);
  const source = photoLike(geometry.width);
  const plan = planExpand({ source, geometry, settings, maxModelSide: NATIVE, seed: 1, encodePrompt: () => ({ inputIds: new Int32Array(77).fill(2) }) });
  const planMs = performance.now() - t0;
  const { canvas, tiles } = plan.expand;
  const runs = tiles.tiles.length;
  const lines = [
    `Generative Expand — 16:9 of a ${SIDE}×${SIDE} image, model size ${NATIVE}² (SD 1.5 inpainting):`,
    `  canvas ${canvas.width}×${canvas.height} px (margins ${canvas.image.x} left, ${canvas.width - canvas.image.x - canvas.image.width} right); ${runs} tiles of ${tiles.tiles[0].modelWidth}×${tiles.tiles[0].modelHeight}`,
    `  model calls per image: ${runs} inpaint runs = ${runs} text-encoder + ${runs} VAE-encode + ${runs * options.steps} UNet steps (batch 2 with guidance) + ${runs} VAE-decode at ${options.steps} steps; at 25 steps: ${runs * 25} UNet steps`,
    `  planning (geometry, tiles): ${planMs.toFixed(1)} ms`,
  ];
  if (options.deadline !== undefined && Date.now() > options.deadline) return [...lines, "  timed run: skipped (bench time budget used up)"];
  const service = createEngineClientService(createInThreadEngineClient({ gpu: null }), { forceBackend: "wasm" });
  try {
    await service.load(tinyInpaintSource());
    const t1 = performance.now();
    const result = await runExpand(service, source, plan, () => undefined, new AbortController().signal);
    const wall = performance.now() - t1;
    lines.push(
      `  tiny inpaint UNet, onnxruntime-web wasm (Node), ${options.steps} steps: ${(wall / 1000).toFixed(2)} s for ${result.modelRuns} runs / ${result.unetSteps} UNet steps ` +
        `(engine ${(result.engineMs / 1000).toFixed(2)} s, pre-fill + tiles + blending ${((wall - result.engineMs) / 1000).toFixed(2)} s)`,
    );
  } finally {
    await service.dispose();
  }
  return lines;
}

if (process.argv[1]?.endsWith("expand.ts")) {
  const i = process.argv.indexOf("--steps");
  const steps = i > 0 ? Number(process.argv[i + 1]) : 4;
  benchExpand({ steps }).then(
    (lines) => console.log(lines.join("\n")),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
