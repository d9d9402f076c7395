/** Attacks on the engine API itself (tiny models): prompts, numbers, images, schedulers, NaN, concurrency. */
import { StableDiffusionEngine } from "../../../src/engine/engine";
import type { CommonGenerationOptions } from "../../../src/engine/pipelines/options";
import type { GrayImage, RgbaImage } from "../../../src/imaging/image";
import { refuse, succeed, type AttackCase } from "./case";

const ids = (...content: number[]) => {
  const a = new Int32Array(77).fill(2);
  a[0] = 0;
  a.set(content, 1);
  return { inputIds: a };
};
const image = (w = 64, h = 64): RgbaImage => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4).fill(120) });
const mask = (w = 64, h = 64, fill = 0): GrayImage => {
  const m = { width: w, height: h, data: new Uint8Array(w * h).fill(fill) };
  m.data.fill(255, w * 20, w * 40);
  return m;
};
const finite = (r: { pixels: Float32Array }) => {
  if (!r.pixels.every(Number.isFinite)) throw new Error("non-finite pixels");
  return r;
};

export function engineCases(engine: () => StableDiffusionEngine): AttackCase[] {
  const base: CommonGenerationOptions = { prompt: ids(5), negativePrompt: ids(), numInferenceSteps: 2, guidanceScale: 1, seed: 1 };
  const t2i = (o: Record<string, unknown>) => () => engine().textToImage({ ...base, width: 64, height: 64, ...o } as never).then(finite);
  const i2i = (o: Record<string, unknown>) => () => engine().img2img({ ...base, image: image(), strength: 0.6, ...o } as never).then(finite);
  const fill = (o: Record<string, unknown>) => () => engine().inpaint({ ...base, image: image(), mask: mask(), ...o } as never).then(finite);
  const other = (patch: Record<string, unknown>) => new StableDiffusionEngine({ ...engine().models, ...patch } as never);
  const E = "engine";
  return [
    refuse(E, "prompt is a number", t2i({ prompt: 42 })),
    refuse(E, "prompt is an array", t2i({ prompt: [0, 5, 2] })),
    refuse(E, "prompt is an object without ids", t2i({ prompt: { text: "fox" } })),
    refuse(E, "prompt is null", t2i({ prompt: null })),
    refuse(E, "negative prompt is a number", t2i({ negativePrompt: 7 })),
    refuse(E, "token id outside the vocabulary", t2i({ prompt: ids(5000) })),
    refuse(E, "negative token id", t2i({ prompt: ids(-1) })),
    refuse(E, "empty token ids", t2i({ prompt: { inputIds: new Int32Array(0) } })),
    refuse(E, "78 token ids", t2i({ prompt: { inputIds: new Int32Array(78) } })),
    refuse(E, "0 steps", t2i({ numInferenceSteps: 0 })),
    refuse(E, "1.5 steps", t2i({ numInferenceSteps: 1.5 })),
    refuse(E, "1001 steps", t2i({ numInferenceSteps: 1001 })),
    refuse(E, "NaN steps", t2i({ numInferenceSteps: NaN })),
    refuse(E, "DDIM at 1000 steps", t2i({ numInferenceSteps: 1000 })),
    refuse(E, "DPM-Solver at 1000 steps", t2i({ numInferenceSteps: 1000, scheduler: { className: "DPMSolverMultistepScheduler" } })),
    refuse(E, "DPM-Solver linspace at 1000 steps", t2i({ numInferenceSteps: 1000, scheduler: { className: "DPMSolverMultistepScheduler", overrides: { timestep_spacing: "linspace" } } })),
    refuse(E, "guidance -1", t2i({ guidanceScale: -1 })),
    refuse(E, "guidance NaN", t2i({ guidanceScale: NaN })),
    refuse(E, "guidance Infinity", t2i({ guidanceScale: Infinity })),
    refuse(E, "5 images at once", t2i({ numImagesPerPrompt: 5 })),
    refuse(E, "0 images", t2i({ numImagesPerPrompt: 0 })),
    refuse(E, "3 seeds for 2 images", t2i({ numImagesPerPrompt: 2, seeds: [1, 2, 3] })),
    refuse(E, "seed 2^60 as an inexact number", t2i({ seed: 2 ** 60 })),
    refuse(E, "seed 2^70 as BigInt", t2i({ seed: 2n ** 70n })),
    refuse(E, "seed NaN", t2i({ seed: NaN })),
    succeed(E, "seed 2^60 + 1 as BigInt (exact)", t2i({ seed: 2n ** 60n + 1n, numInferenceSteps: 1 })),
    refuse(E, "width 63", t2i({ width: 63 })),
    refuse(E, "width 0", t2i({ width: 0 })),
    refuse(E, "height -8", t2i({ height: -8 })),
    refuse(E, "strength 0", i2i({ strength: 0 })),
    refuse(E, "strength 1.5", i2i({ strength: 1.5 })),
    refuse(E, "strength NaN", i2i({ strength: NaN })),
    refuse(E, "strength that leaves no step", i2i({ strength: 0.1, numInferenceSteps: 2 })),
    refuse(E, "image 0×0", i2i({ image: { width: 0, height: 0, data: new Uint8ClampedArray(0) } })),
    refuse(E, "image data of the wrong length", i2i({ image: { width: 64, height: 64, data: new Uint8ClampedArray(10) } })),
    refuse(E, "image 4×4", i2i({ image: image(4, 4) })),
    refuse(E, "mask of another size", fill({ mask: mask(32, 32) })),
    refuse(E, "empty mask", fill({ mask: { width: 64, height: 64, data: new Uint8Array(64 * 64) } })),
    succeed(E, "all-white mask (text-to-image-like, with a warning)", fill({ mask: { width: 64, height: 64, data: new Uint8Array(64 * 64).fill(255) } })),
    refuse(E, "unknown scheduler class", t2i({ scheduler: { className: "PNDMScheduler2" } })),
    refuse(E, "scheduler override with an unknown beta schedule", t2i({ scheduler: { overrides: { beta_schedule: "cubic" } } })),
    refuse(E, "UNet batch 0", t2i({ unetBatchSize: 0 })),
    refuse(E, "cancelled before it starts", t2i({ signal: AbortSignal.abort() })),
    refuse(E, "cancelled during the run", () => {
      const controller = new AbortController();
      return engine().textToImage({ ...base, width: 64, height: 64, numInferenceSteps: 4, signal: controller.signal, onEvent: (e) => e.type === "step" && controller.abort() });
    }),
    refuse(E, "NaN latents from a NaN scaling factor (names the stage)", () => other({ vaeScalingFactor: NaN }).img2img({ ...base, image: image(), strength: 0.6 })),
    refuse(E, "decoded image overflows (names VAE decode)", () => other({ vaeScalingFactor: 1e-39 }).textToImage({ ...base, width: 64, height: 64 })),
    refuse(E, "no tokenizer, text prompt", () => other({ tokenizer: null }).textToImage({ ...base, prompt: "a fox", width: 64, height: 64 })),
    refuse(E, "no tokenizer, guidance without negative ids", () => other({ tokenizer: null }).textToImage({ ...base, negativePrompt: undefined, guidanceScale: 7.5, width: 64, height: 64 })),
    succeed(E, "text-to-image 64×64", t2i({})),
    succeed(E, "img2img 64×64", i2i({})),
    succeed(E, "inpaint 64×64", fill({})),
    succeed(E, "three runs at once on one engine (queued)", () => Promise.all([t2i({ seed: 1 })(), t2i({ seed: 2 })(), i2i({})()])),
    succeed(E, "a failing run between two good ones", async () => {
      const results = await Promise.allSettled([t2i({})(), t2i({ prompt: 5 })(), t2i({ seed: 9 })()]);
      if (results[0].status !== "fulfilled" || results[2].status !== "fulfilled" || results[1].status !== "rejected") throw new Error("queue broke");
    }),
    succeed(E, "the engine still works after every refusal above", t2i({ seed: 77 })),
  ];
}
