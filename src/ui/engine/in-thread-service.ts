/**
 * GenerateService running the engine on the panel's own thread with onnxruntime-web wasm.
 * Used until (and wherever) the engine worker is not available: the playground, tests, Node.
 * Previews are the cheap latent → RGB projection of each step's predicted clean latents.
 */
import type { DeviceReport, FileRef, GenerateRequest, GenerateResult, ModelSource, ModelSpec } from "../../contract/worker-protocol";
import { StableDiffusionEngine, type GenerationRequest } from "../../engine/engine";
import { GenerationCancelledError, InvalidInputError } from "../../engine/errors";
import { createOrtWebBackend } from "../../engine/runtime/ort-web-backend";
import type { ModelSource as BackendModelSource } from "../../engine/runtime/backend";
import type { SchedulerConfig } from "../../core/scheduler";
import { projectLatentsToRgb } from "../../engine/preview/latent-rgb-projection";
import { resampleToRgba, thumbnailSize } from "../../engine/preview/thumbnail";
import type { StableDiffusionSources } from "../../engine/stable-diffusion-models";
import type { ProgressEvent } from "../../engine/pipelines/options";
import { floatBatchToRgba } from "./float-pixels";
import { modelSourceKey, type GenerateEvent, type GenerateService, type LoadProgress } from "./generate-service";

export interface InThreadServiceOptions {
  /** Folder URL of ORT's runtime files (default: the bundle's __ORT_WASM_BASE__). */
  wasmPaths?: string;
  /** Reads a file reference (default: fetch for URLs). */
  readFile?: (ref: FileRef, name: string) => Promise<Uint8Array>;
}

const COMPONENTS = ["textEncoder", "unet", "unetInpaint", "vaeEncoder", "vaeDecoder"] as const;

async function fetchFile(ref: FileRef, name: string): Promise<Uint8Array> {
  if ("bytes" in ref) return ref.bytes;
  const response = await fetch(ref.url);
  if (!response.ok) throw new InvalidInputError(`Could not fetch ${name} (${response.status} from ${ref.url}). Check that the model files are served, then try again.`);
  return new Uint8Array(await response.arrayBuffer());
}

function defaultWasmPaths(): string | undefined {
  return typeof __ORT_WASM_BASE__ === "string" ? __ORT_WASM_BASE__ : undefined;
}

export function createInThreadService(options: InThreadServiceOptions = {}): GenerateService {
  const backend = createOrtWebBackend({ device: "wasm", wasmPaths: options.wasmPaths ?? defaultWasmPaths(), numThreads: 1 });
  const readFile = options.readFile ?? fetchFile;
  let loaded: { key: string; engine: StableDiffusionEngine } | null = null;

  async function loadSpec(spec: ModelSpec, onProgress?: (p: LoadProgress) => void): Promise<StableDiffusionEngine> {
    const variant = spec.variants.find((v) => v.precision === "fp32") ?? spec.variants[0];
    if (!variant) throw new InvalidInputError(`Model "${spec.id}" lists no variant; choose another model.`);
    const present = COMPONENTS.filter((c) => variant.files[c]);
    const sources: Partial<Record<(typeof COMPONENTS)[number], BackendModelSource>> = {};
    for (const [index, component] of present.entries()) {
      onProgress?.({ component, index, total: present.length });
      sources[component] = { name: `${spec.id}/${component}`, bytes: await readFile(variant.files[component]!, `${spec.id}/${component}`) };
    }
    if (!sources.textEncoder || !sources.vaeDecoder) throw new InvalidInputError(`Model "${spec.id}" lacks a text encoder or VAE decoder; choose another model.`);
    return StableDiffusionEngine.load(backend, sources as StableDiffusionSources, {
      schedulerConfig: spec.schedulerConfig as unknown as SchedulerConfig,
      vaeScalingFactor: spec.vaeScalingFactor,
    });
  }

  return {
    async device(): Promise<DeviceReport> {
      return {
        backend: "wasm",
        precision: "fp32",
        reasons: ["The engine runs on this page's thread on the CPU (no engine worker here)."],
        adapter: null,
        wasmThreads: false,
        wasmHeapLimitBytes: 4 * 1024 ** 3,
      };
    },

    async load(source: ModelSource, onProgress) {
      const key = modelSourceKey(source);
      if (loaded?.key === key) return;
      if (source.kind !== "spec") {
        throw new InvalidInputError("The in-page engine loads only models described in full; catalogue models need the engine worker.");
      }
      const previous = loaded;
      loaded = null;
      if (previous) await previous.engine.release();
      loaded = { key, engine: await loadSpec(source.spec, onProgress) };
    },

    async generate(request: GenerateRequest, onEvent: (event: GenerateEvent) => void, signal: AbortSignal): Promise<GenerateResult> {
      if (!loaded) throw new InvalidInputError("No model is loaded; choose a model and try again.");
      if (signal.aborted) throw new GenerationCancelledError();
      const previewEnabled = request.preview?.enabled !== false;
      let last = performance.now();
      const common = {
        prompt: request.prompt,
        negativePrompt: request.negativePrompt,
        numInferenceSteps: request.numInferenceSteps,
        guidanceScale: request.guidanceScale,
        numImagesPerPrompt: request.numImagesPerPrompt,
        seeds: request.seeds,
        seed: request.seed,
        signal,
        onProgress: (event: ProgressEvent) => {
          if (event.type === "stage") {
            onEvent({ type: "stage", stage: event.stage });
            return;
          }
          const now = performance.now();
          onEvent({ type: "step", step: event.step, totalSteps: event.totalSteps, ms: now - last });
          last = now;
          if (!previewEnabled) return;
          const [batch, , h, w] = event.latentShape;
          const size = thumbnailSize(w * 8, h * 8, request.preview?.maxSize ?? 128);
          const images = Array.from({ length: batch }, (_, k) =>
            resampleToRgba(projectLatentsToRgb(event.predOriginalSample, event.latentShape, k), w, h, size.width, size.height),
          );
          onEvent({ type: "preview", step: event.step, totalSteps: event.totalSteps, kind: "latent-projection", images });
        },
      };
      let engineRequest: GenerationRequest;
      if (request.mode === "inpaint") {
        if (!request.image || !request.mask) throw new InvalidInputError("Inpainting needs an image and a mask.");
        engineRequest = { mode: "inpaint", ...common, image: request.image, mask: request.mask, strength: request.strength };
      } else if (request.mode === "img2img") {
        if (!request.image) throw new InvalidInputError("Restyling needs an image.");
        engineRequest = { mode: "img2img", ...common, image: request.image, strength: request.strength ?? 0.6 };
      } else {
        engineRequest = { mode: "text-to-image", ...common, width: request.width ?? 512, height: request.height ?? 512 };
      }
      const result = await loaded.engine.generate(engineRequest);
      return {
        images: floatBatchToRgba(result.pixels, result.width, result.height, result.count),
        seeds: result.seeds ? result.seeds.map(Number) : null,
        timesteps: result.timesteps,
        warnings: result.warnings,
        backend: "wasm",
        precision: "fp32",
        timings: {
          textEncoder: result.timings.textEncoder,
          vaeEncode: result.timings.vaeEncode,
          unetSteps: result.timings.unetSteps,
          vaeDecode: result.timings.vaeDecode,
          total: result.timings.total,
          previews: 0,
        },
      };
    },

    async dispose() {
      const previous = loaded;
      loaded = null;
      if (previous) await previous.engine.release();
    },
  };
}
