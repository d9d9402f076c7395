/**
 * The bench page (bundled with esbuild by run-in-chromium.ts): the same stage code as in Node,
 * with onnxruntime-web's browser build on WebGPU or wasm, models fetched from the local server.
 */
import { createOrtWebBackend } from "../../src/engine/runtime/ort-web-backend";
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
  const backend = createOrtWebBackend({ device: config.device, wasmPaths: `${origin}/ort/` });
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
    deadline: config.deadline,
    onProgress: (partial) => void window.benchProgress?.({ ...partial, backend: `chromium-${config.device}` }),
    log: (message) => console.log(message),
  });
  run.backend = `chromium-${config.device}`;
  run.notes.push(uaMemoryAvailability());
  return run;
};
