/**
 * The Node-side BenchModel of the tiny fixtures → the page's config (plain JSON). Source paths are
 * made relative to the models folder, which the bench server mounts at /models/.
 */
import { relative } from "node:path";
import type { BenchModel } from "../stages/bench-inputs";
import type { PageConfig } from "./page-config";

/**
 * WebGPU here is SwiftShader, where one tiny-model run takes minutes: no separate warm-up (the
 * first run at each shape is the figure, shader compilation included) and no TAESD / conv probe.
 * On a real GPU the same settings apply; pass the wasm profile by hand to time more.
 */
const WEBGPU_SKIP_EXTRAS = "not timed on WebGPU by default (on SwiftShader TAESD + the conv probe cost ~60 s for a CPU-emulation figure)";
const WEBGPU_SKIP_VARIATIONS = "not run on WebGPU by default (on SwiftShader 2 × 4 images cost ~80 s); compared from the UNet batch 1 and batch 4 stages instead";

export function chromiumConfig(
  device: "wasm" | "webgpu",
  modelsDir: string,
  model: BenchModel,
  o: { steps: number; guidanceScale: number; variations: boolean; deadline: number; size?: number },
): PageConfig {
  const components: Record<string, string> = {};
  for (const [key, source] of Object.entries(model.sources)) {
    if (source?.url) components[key] = relative(modelsDir, source.url).split("\\").join("/");
  }
  const ids = (p: BenchModel["prompt"]) => (typeof p === "string" ? null : Array.from(p.inputIds));
  return {
    device,
    warmUp: device === "wasm",
    skipExtras: device === "webgpu" ? WEBGPU_SKIP_EXTRAS : undefined,
    skipVariations: device === "webgpu" ? WEBGPU_SKIP_VARIATIONS : undefined,
    deadline: o.deadline,
    label: model.label,
    width: o.size ?? 64,
    height: o.size ?? 64,
    steps: o.steps,
    guidanceScale: o.guidanceScale,
    variations: o.variations,
    budgetMs: 300,
    components,
    schedulerConfig: model.settings.schedulerConfig,
    vaeScalingFactor: model.settings.vaeScalingFactor,
    architecture: model.architecture,
    promptIds: ids(model.prompt),
    negativeIds: ids(model.negativePrompt),
    uaMemoryTimeoutMs: 1500,
  };
}
