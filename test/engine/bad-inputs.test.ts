/**
 * Bad or edge-case inputs give clear errors (or documented behaviour), never NaN images.
 * Real tiny models on onnxruntime-web wasm.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ClipTokenizer } from "../../src/engine/tokenizer";
import { InvalidInputError, NonFiniteOutputError, OutOfMemoryError, isOutOfMemoryMessage } from "../../src/engine/errors";
import { createGrayImage, createRgbaImage } from "../../src/imaging/image";
import { fixturePath } from "../support/fixture-dirs";
import { fixtureImage, fixtureMask, loadTinyEngine, maxAbsDiff, tinyIds } from "./support/tiny-engine";

// The real CLIP tokenizer; its ids are folded into the tiny model's 1000-token vocabulary.
const clipDir = fixturePath("CLIP_TOKENIZER_DIR", "test/fixtures/clip-tokenizer");
const clip = ClipTokenizer.fromFiles({ vocab: readFileSync(`${clipDir}/vocab.json`, "utf8"), merges: readFileSync(`${clipDir}/merges.txt`, "utf8") });
const foldedTokenizer = {
  encode(prompt: string) {
    const encoding = clip.encode(prompt);
    return { ...encoding, inputIds: encoding.inputIds.map((id) => id % 1000) };
  },
};

const engine = await loadTinyEngine({ tokenizer: foldedTokenizer });
const text = { prompt: tinyIds(17, 345, 78, 901), negativePrompt: tinyIds() };

describe("image and mask checks", () => {
  it("rejects a mask of another size than the image", async () => {
    const mask = createGrayImage(64, 48);
    mask.data.fill(255);
    const error = await engine.inpaint({ ...text, image: fixtureImage(), mask, numInferenceSteps: 2, seed: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/mask is 64×48 but the image is 64×64/);
  });

  it("rejects an empty mask (nothing ≥ 128 to repaint)", async () => {
    const mask = createGrayImage(64, 64);
    mask.data.fill(127); // below the 0.5 binarisation threshold everywhere
    const error = await engine.inpaint({ ...text, image: fixtureImage(), mask, numInferenceSteps: 2, seed: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/mask is empty/);
  });

  it("runs an all-white mask like text-to-image: a warning, and the image content does not matter", async () => {
    const mask = createGrayImage(64, 64);
    mask.data.fill(255);
    const other = createRgbaImage(64, 64);
    other.data.fill(200);
    const a = await engine.inpaint({ ...text, image: fixtureImage(), mask, numInferenceSteps: 3, seed: 9 });
    const b = await engine.inpaint({ ...text, image: other, mask, numInferenceSteps: 3, seed: 9 });
    expect(a.warnings.join(" ")).toMatch(/mask covers the whole image/);
    expect(maxAbsDiff(a.pixels, b.pixels)).toBe(0);
    expect(a.pixels.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it("floors sizes that are not multiples of 8, as diffusers' VaeImageProcessor (resizing to 64×56)", async () => {
    const odd = createRgbaImage(70, 61);
    for (let i = 0; i < odd.data.length; i++) odd.data[i] = (i * 7) % 256;
    const result = await engine.img2img({ ...text, image: odd, strength: 0.6, numInferenceSteps: 3, seed: 2 });
    expect([result.width, result.height]).toEqual([64, 56]);
    expect(result.pixels).toHaveLength(64 * 56 * 3);
    expect(result.pixels.every(Number.isFinite)).toBe(true);
  });

  it("rejects images under 8 pixels and text-to-image sizes that are not multiples of 8", async () => {
    await expect(engine.img2img({ ...text, image: createRgbaImage(7, 64), strength: 0.5, numInferenceSteps: 2 })).rejects.toThrow(/at least 8×8/);
    await expect(engine.textToImage({ ...text, width: 60, height: 64, numInferenceSteps: 2 })).rejects.toThrow(/multiples of 8/);
  });
});

describe("prompt and option checks", () => {
  it("truncates a prompt over 77 tokens with a warning, exactly like its first 75 tokens", async () => {
    const words = Array.from({ length: 90 }, (_, i) => `word${i}`).join(" ");
    const long = await engine.textToImage({ prompt: words, numInferenceSteps: 2, width: 16, height: 16, seed: 4 });
    expect(long.warnings.join(" ")).toMatch(/longer than the model's 77 tokens; the last \d+ token\(s\) were ignored/);
    const kept = clip.encode(words).inputIds.map((id) => id % 1000);
    const explicit = await engine.textToImage({ prompt: { inputIds: kept }, negativePrompt: "", numInferenceSteps: 2, width: 16, height: 16, seed: 4 });
    expect(maxAbsDiff(long.pixels, explicit.pixels)).toBe(0);
    const short = await engine.textToImage({ prompt: "a red fox", numInferenceSteps: 2, width: 16, height: 16, seed: 4 });
    expect(short.warnings).toEqual([]);
  });

  it("needs token ids when the model has no tokenizer", async () => {
    const bare = await loadTinyEngine({ withInpaintUnet: false });
    await expect(bare.textToImage({ prompt: "a fox", numInferenceSteps: 1, width: 16, height: 16 })).rejects.toThrow(/without a tokenizer/);
  });

  it("rejects out-of-range counts, steps, guidance and strength with what to do", async () => {
    const base = { ...text, width: 16, height: 16, numInferenceSteps: 2 };
    await expect(engine.textToImage({ ...base, numImagesPerPrompt: 5 })).rejects.toThrow(/1 to 4 images/);
    await expect(engine.textToImage({ ...base, seeds: [1, 2], numImagesPerPrompt: 3 })).rejects.toThrow(/2 seeds/);
    await expect(engine.textToImage({ ...base, numInferenceSteps: 0 })).rejects.toThrow(/numInferenceSteps/);
    await expect(engine.textToImage({ ...base, guidanceScale: NaN })).rejects.toThrow(/guidanceScale/);
    await expect(engine.img2img({ ...base, image: fixtureImage(), strength: 1.5 })).rejects.toThrow(/strength/i);
    await expect(engine.inpaint({ ...base, image: fixtureImage(), mask: fixtureMask(), strength: 0 })).rejects.toThrow(/strength/);
  });
});

describe("numerical failure", () => {
  it("stops with NonFiniteOutputError when the UNet overflows, instead of returning a black image", async () => {
    // Latents near float32's limit overflow inside the real UNet, as fp16 attention can on a GPU.
    const overflowing = { randn: (shape: readonly number[]) => new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(3e38) };
    const error = await engine.textToImage({ ...text, width: 16, height: 16, numInferenceSteps: 3, noise: overflowing }).catch((e) => e);
    expect(error).toBeInstanceOf(NonFiniteOutputError);
    expect(error.message).toMatch(/invalid numbers \(NaN\/Infinity\) at denoising step 1/);
  });
});

describe("out of memory", () => {
  it("recognises the runtime's allocation failures", () => {
    expect(isOutOfMemoryMessage("std::bad_alloc")).toBe(true);
    expect(isOutOfMemoryMessage("RangeError: WebAssembly.Memory.grow(): Maximum memory size exceeded")).toBe(true);
    expect(isOutOfMemoryMessage("Input channels C is not equal to kernel channels")).toBe(false);
  });

  it("turns a too-large generation into OutOfMemoryError, and the engine still works after", async () => {
    const huge = { ...text, numInferenceSteps: 1, guidanceScale: 1, seed: 1 };
    // 1536²: the UNet's attention does not fit the 4 GiB wasm heap (std::bad_alloc).
    const badAlloc = await engine.textToImage({ ...huge, width: 1536, height: 1536 }).catch((e) => e);
    expect(badAlloc).toBeInstanceOf(OutOfMemoryError);
    expect(badAlloc.message).toMatch(/Out of memory while running "unet\/model\.onnx".*smaller size/);
    // 2048²: a tensor over the 32-bit address space (SafeInt overflow), the same advice.
    const overflow = await engine.textToImage({ ...huge, width: 2048, height: 2048 }).catch((e) => e);
    expect(overflow).toBeInstanceOf(OutOfMemoryError);
    const small = await engine.img2img({ ...text, image: fixtureImage(), strength: 0.5, numInferenceSteps: 2, seed: 1 });
    expect(small.pixels.every(Number.isFinite)).toBe(true);
  });
});
