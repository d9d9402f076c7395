/**
 * The bench page (bundled with esbuild by run-in-chromium.ts): the same stage code as in Node, on
 * the backends the add-on's engine worker builds (src/engine/browser: the adapter picked by
 * selectDevice, sessions behind the runtime mutex, GPU-resident prompt embeddings on WebGPU; the
 * CPU-only onnxruntime-web/wasm build on wasm), models fetched from the local server.
 */
import { createWasmBackend, createWebGpuBackend } from "../../src/engine/browser/browser-backends";
import { selectDevice } from "../../src/engine/browser/device-selection";
import { RuntimeMutex } from "../../src/engine/browser/runtime-mutex";
import type { ExecutionBackend } from "../../src/engine/runtime/backend";
import type { StableDiffusionSources } from "../../src/engine/stable-diffusion-models";
import type { BenchRun } from "../lib/results";
import { BENCH_PROMPT, type BenchModel } from "../stages/bench-inputs";
import { runSuite } from "../stages/run-suite";
import type { PageConfig } from "./page-config";
import { createPageMemoryProbe, uaMemoryAvailability } from "./page-memory";

declare global {
  interface Window {
    runBench(config: PageConfig): Promise<BenchRun>;
    /** Exposed by the Node runner: receives the run so far after every stage. */
    benchProgress?: (run: BenchRun) => Promise<void>;
  }
}

window.runBench = async (config: PageConfig): Promise<BenchRun> => {
  const origin = location.origin;
  const backend = await productBackend(config.device, `${origin}/ort/`);
  const source = (name: string, path: string) => ({ name, url: `${origin}${path}` });
  const component = (key: string) => (config.components[key] ? source(config.components[key], `/models/${config.components[key]}`) : undefined);
  const text = async (path: string) => {
    const response = await fetch(path);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.text();
  };
  const model: BenchModel = {
    label: config.label,
    sources: {
      textEncoder: component("textEncoder")!,
      unet: component("unet"),
      unetInpaint: component("unetInpaint"),
      vaeEncoder: component("vaeEncoder"),
      vaeDecoder: component("vaeDecoder")!,
    } satisfies StableDiffusionSources,
    settings: { schedulerConfig: config.schedulerConfig, vaeScalingFactor: config.vaeScalingFactor },
    architecture: config.architecture,
    taesd: { encoder: source("synthetic TAESD encoder", "/synthetic/taesd_encoder.onnx"), decoder: source("synthetic TAESD decoder", "/synthetic/taesd_decoder.onnx"), synthetic: true },
    convProbe: source("conv probe 320→320 3×3", "/synthetic/conv_probe.onnx"),
    tokenizerFiles: { vocab: await text("/tokenizer/vocab.json"), merges: await text("/tokenizer/merges.txt"), specialTokensMap: await text("/tokenizer/sd1/special_tokens_map.json") },
    prompt: config.promptIds ? { inputIds: Int32Array.from(config.promptIds) } : BENCH_PROMPT,
    negativePrompt: config.negativeIds ? { inputIds: Int32Array.from(config.negativeIds) } : "",
  };
  const run = await runSuite({
    backend,
    environment: "chromium",
    model,
    width: config.width,
    height: config.height,
    memory: createPageMemoryProbe(config.uaMemoryTimeoutMs),
    steps: config.steps,
    guidanceScale: config.guidanceScale,
    variations: config.variations,
    budgetMs: config.budgetMs,
    warmUp: config.warmUp,
    skipExtras: config.skipExtras,
    skipVariations: config.skipVariations,
    deadline: config.deadline,
    onProgress: (partial) => void window.benchProgress?.({ ...partial, backend: `chromium-${config.device}` }),
    log: (message) => console.log(message),
  });
  run.backend = `chromium-${config.device}`;
  run.notes.push(uaMemoryAvailability());
  return run;
};

async function productBackend(device: "wasm" | "webgpu", wasmPaths: string): Promise<ExecutionBackend> {
  const lock = new RuntimeMutex();
  if (device === "wasm") return createWasmBackend({ lock, wasmPaths });
  const selection = await selectDevice();
  if (!selection.gpu) throw new Error(`no WebGPU here: ${selection.report.reasons.join("; ")}`);
  return createWebGpuBackend({ gpu: selection.gpu, lock, wasmPaths });
}
