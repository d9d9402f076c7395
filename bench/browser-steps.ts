/**
 * Time per denoising step in Chromium, through the real engine worker: WebGPU with GPU-resident
 * prompt embeddings (uploaded once per run, reused every step), WebGPU uploading every input on
 * every step (the baseline), and wasm for reference. Tiny-sd models, img2img at strength 1.
 *
 *   npx tsx bench/browser-steps.ts [--steps 6] [--runs 3] [--size 64]
 *
 * On this machine WebGPU is SwiftShader (a CPU emulation of a GPU): its figures prove the
 * GPU-resident path works, they say nothing about speed on a real GPU. The embedding the tiny UNet
 * reuses is [2, 77, 32] fp32 = 19.7 KB; a real SD 1.5 UNet's is [2, 77, 768] = 473 KB (fp32) or
 * 236 KB (fp16) per step, so the saving grows with the model — measure on real hardware to size it.
 */
import { pathToFileURL } from "node:url";
import { openHarness } from "../test/engine/browser/support/browser-harness";
import { plainCaseRequest, readCase, tinyModelSpec } from "../test/engine/browser/support/tiny-fixture";

export interface StepBenchRow {
  engine: string;
  backend: string;
  stepsMeasured: number;
  medianStepMs: number;
  meanStepMs: number;
  minStepMs: number;
  maxStepMs: number;
  residentUploads: number;
  residentReuses: number;
}

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function runBrowserStepBench(options: { steps?: number; runs?: number; size?: number } = {}): Promise<StepBenchRow[]> {
  const steps = options.steps ?? 6;
  const runs = options.runs ?? 3;
  const size = options.size ?? 64;
  const tiny = readCase();
  const h = await openHarness({ webgpu: true });
  try {
    const engines = [
      { name: "webgpu-resident", init: { gpuResidentInputs: true } },
      { name: "webgpu-upload-every-step", init: { gpuResidentInputs: false } },
      { name: "wasm", init: { forceBackend: "wasm" as const } },
    ];
    const spec = tinyModelSpec(h.server.origin);
    for (const e of engines) {
      await h.call("start", e.name, e.init);
      const loaded = await h.call("load", e.name, { kind: "spec", spec });
      if (!loaded.ok) throw new Error(`${e.name}: ${loaded.error?.message}`);
    }
    // A same-size image (Lanczos-resized fixture) and no recorded noise: seeded instead.
    const request = (seed: number) => ({
      ...plainCaseRequest(tiny, { strength: 1, numInferenceSteps: steps, preview: { enabled: false }, includeFloatPixels: false }),
      noiseDraws: undefined,
      seed,
      image: resizeNearest(tiny.image, size),
    });
    // Warm-up: the first WebGPU run compiles every shader.
    for (const e of engines) await h.call("generate", e.name, request(1));

    const samples = new Map<string, { ms: number[]; uploads: number; reuses: number; backend: string }>();
    for (let run = 0; run < runs; run++) {
      for (const e of engines) {
        // Interleaved, so load on this shared machine hits every variant alike.
        const summary = await h.call("generate", e.name, request(100 + run));
        if (!summary.ok) throw new Error(`${e.name}: ${summary.error?.message}`);
        const entry = samples.get(e.name) ?? { ms: [], uploads: 0, reuses: 0, backend: summary.backend ?? "" };
        entry.ms.push(...summary.unetStepMs!);
        entry.uploads += summary.residentInputs?.uploads ?? 0;
        entry.reuses += summary.residentInputs?.reuses ?? 0;
        samples.set(e.name, entry);
      }
    }
    return engines.map((e) => {
      const s = samples.get(e.name)!;
      return {
        engine: e.name,
        backend: s.backend,
        stepsMeasured: s.ms.length,
        medianStepMs: median(s.ms),
        meanStepMs: s.ms.reduce((a, b) => a + b, 0) / s.ms.length,
        minStepMs: Math.min(...s.ms),
        maxStepMs: Math.max(...s.ms),
        residentUploads: s.uploads,
        residentReuses: s.reuses,
      };
    });
  } finally {
    await h.close();
  }
}

function resizeNearest(image: { width: number; height: number; data: Uint8ClampedArray }, size: number) {
  const data: number[] = new Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sx = Math.floor((x * image.width) / size);
      const sy = Math.floor((y * image.height) / size);
      for (let c = 0; c < 4; c++) data[(y * size + x) * 4 + c] = image.data[(sy * image.width + sx) * 4 + c];
    }
  }
  return { width: size, height: size, data };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const options = { steps: argument("steps", 6), runs: argument("runs", 3), size: argument("size", 64) };
  const rows = await runBrowserStepBench(options);
  console.log(`UNet step time in Chromium, tiny-sd img2img ${options.size}×${options.size}, CFG (batch 2), ${options.steps} steps × ${options.runs} runs after a warm-up:`);
  const round = (v: number) => Number(v.toFixed(1));
  console.table(rows.map((r) => ({ ...r, medianStepMs: round(r.medianStepMs), meanStepMs: round(r.meanStepMs), minStepMs: round(r.minStepMs), maxStepMs: round(r.maxStepMs) })));
  const resident = rows.find((r) => r.engine === "webgpu-resident")!;
  const baseline = rows.find((r) => r.engine === "webgpu-upload-every-step")!;
  const change = ((resident.medianStepMs - baseline.medianStepMs) / baseline.medianStepMs) * 100;
  console.log(`GPU-resident embeddings: median step ${resident.medianStepMs.toFixed(1)} ms vs ${baseline.medianStepMs.toFixed(1)} ms uploading every step (${change >= 0 ? "+" : ""}${change.toFixed(1)}%).`);
  console.log(JSON.stringify({ options, rows }));
}
