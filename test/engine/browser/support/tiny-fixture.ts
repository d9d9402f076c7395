/**
 * The tiny-sd fixture as the worker protocol sees it: a ModelSpec whose files are URLs on a test
 * server, and the img2img_ddim_cfg case as a GenerateRequest with its recorded noise.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import type { GenerateRequest, ModelSpec } from "../../../../src/contract/worker-protocol";
import { fixturePath, readFloat32 } from "../../../support/fixture-dirs";

export const tinyModelsDir = fixturePath("TINY_SD_MODELS_DIR", "test/fixtures/tiny-sd/models");
export const tinyCasesDir = fixturePath("TINY_SD_CASES_DIR", "test/fixtures/tiny-sd/cases");
export const CASE_NAME = "img2img_ddim_cfg";

interface CaseJson {
  params: { num_inference_steps: number; strength: number; guidance_scale: number; height: number; width: number };
  scheduler: { class_name: string; config: Record<string, unknown> };
  token_ids: { prompt: number[]; negative: number[] | null };
  noise_draws: { file: string; shape: number[] }[];
}

export interface TinyCase {
  json: CaseJson;
  image: { width: number; height: number; data: Uint8ClampedArray };
  noiseDraws: Float32Array[];
  /** Reference output [1, H, W, 3] in [0, 1] (diffusers). */
  output: Float32Array;
}

export function readCase(name = CASE_NAME): TinyCase {
  const dir = join(tinyCasesDir, name);
  let json: CaseJson;
  try {
    json = JSON.parse(readFileSync(join(dir, "case.json"), "utf8"));
  } catch (error) {
    throw new Error(`Unreadable fixture case ${dir}: ${(error as Error).message}`);
  }
  const png = PNG.sync.read(readFileSync(join(dir, "input_image.png")));
  return {
    json,
    image: { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data) },
    noiseDraws: json.noise_draws.map((d) => readFloat32(join(dir, d.file))),
    output: readFloat32(join(dir, "output.bin")),
  };
}

/** The tiny models served under `${origin}/models/`. */
export function tinyModelSpec(origin: string, overrides: Partial<ModelSpec["variants"][number]> = {}): ModelSpec {
  const url = (component: string) => ({ url: `${origin}/models/${component}/model.onnx` });
  const c = readCase();
  return {
    id: "tiny-sd",
    displayName: "Tiny SD (test)",
    schedulerConfig: { ...c.json.scheduler.config, _class_name: c.json.scheduler.class_name },
    variants: [
      {
        id: "fp32",
        precision: "fp32",
        files: { textEncoder: url("text_encoder"), unet: url("unet"), unetInpaint: url("unet_inpaint"), vaeEncoder: url("vae_encoder"), vaeDecoder: url("vae_decoder") },
        ...overrides,
      },
    ],
  };
}

/** img2img_ddim_cfg as a request (fresh buffers every call: they are transferred). */
export function caseRequest(c: TinyCase, extra: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    mode: "img2img",
    prompt: { inputIds: Int32Array.from(c.json.token_ids.prompt) },
    negativePrompt: c.json.token_ids.negative ? { inputIds: Int32Array.from(c.json.token_ids.negative) } : undefined,
    numInferenceSteps: c.json.params.num_inference_steps,
    guidanceScale: c.json.params.guidance_scale,
    strength: c.json.params.strength,
    image: { width: c.image.width, height: c.image.height, data: c.image.data.slice() },
    noiseDraws: c.noiseDraws.map((d) => d.slice()),
    includeFloatPixels: true,
    ...extra,
  };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** img2img_ddim_cfg as plain arrays for page.evaluate (the harness rebuilds the typed arrays). */
export function plainCaseRequest(c: TinyCase, extra: Record<string, unknown> = {}) {
  return {
    mode: "img2img" as const,
    promptIds: c.json.token_ids.prompt,
    negativeIds: c.json.token_ids.negative ?? undefined,
    numInferenceSteps: c.json.params.num_inference_steps,
    guidanceScale: c.json.params.guidance_scale,
    strength: c.json.params.strength,
    image: { width: c.image.width, height: c.image.height, data: Array.from(c.image.data) },
    noiseDraws: c.noiseDraws.map((d) => Array.from(d)),
    includeFloatPixels: true,
    ...extra,
  };
}
