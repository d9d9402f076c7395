/**
 * genfill plans sizes the way the panel does, so a large input costs what the model's own size
 * costs instead of the fourth power of the input's side:
 *   --image:          an image larger than the working side is downscaled to it (long side), the
 *                     result resized back to the input's size (the input's alpha kept);
 *   --image --mask:   the mask's neighbourhood is cropped with context at most the working side
 *                     (imaging's prepareFill), and the result is composited back through the
 *                     feathered mask, so pixels away from the mask stay the input's, bit for bit;
 *   text-to-image:    --width/--height as asked.
 * Whatever is left must fit the memory budget, else the run is refused naming the largest size
 * that fits. `--raw` writes the model's output as generated instead.
 */
import { finishFill, prepareFill, type PreparedFill } from "../../imaging/fill";
import type { GrayImage, RgbaImage } from "../../imaging/image";
import { resizeRgba } from "../../imaging/resize";
import { CliUsageError, type CliOptions } from "./cli-args";
import { assertFits, memoryBudget } from "./memory-plan";
import type { ModelDirFacts } from "./model-dir";

export type CliJob =
  | { mode: "text-to-image"; width: number; height: number }
  | { mode: "img2img"; source: RgbaImage; modelImage: RgbaImage }
  | { mode: "inpaint"; source: RgbaImage; prepared: PreparedFill };

export interface PlannedJob {
  job: CliJob;
  /** The size the model runs at. */
  size: { width: number; height: number };
  notes: string[];
}

function roundTo8(v: number): number {
  return Math.max(8, Math.round(v / 8) * 8);
}

/** Long side = `side`, both sides multiples of 8 (the panel's whole-image rule). */
function downscaledSize(width: number, height: number, side: number): { width: number; height: number } {
  const s = side / Math.max(width, height);
  return width >= height ? { width: side, height: roundTo8(height * s) } : { width: roundTo8(width * s), height: side };
}

export function planJob(
  options: CliOptions,
  facts: ModelDirFacts,
  backend: "wasm" | "node",
  image?: RgbaImage,
  mask?: GrayImage,
): PlannedJob {
  const side = Math.floor((options.maxSide ?? facts.workingSide) / 8) * 8;
  const budget = memoryBudget(backend, options.memoryLimitMb);
  const notes: string[] = [];
  if (!image) {
    const { width, height } = options;
    if (width % 8 !== 0 || height % 8 !== 0) {
      throw new CliUsageError(`--width and --height must be multiples of 8 (got ${width}×${height}); try ${roundTo8(width)}×${roundTo8(height)}.`);
    }
    assertFits(facts.memory, { width, height }, budget, "--width");
    return { job: { mode: "text-to-image", width, height }, size: { width, height }, notes };
  }
  if (mask) {
    const prepared = prepareFill(image, { mask }, { maxModelSide: side, upscaleSmallRegions: false });
    const size = { width: prepared.plan.modelWidth, height: prepared.plan.modelHeight };
    assertFits(facts.memory, size, budget, "--max-side");
    const { context } = prepared.plan;
    if (context.width !== image.width || context.height !== image.height || size.width !== context.width) {
      notes.push(`the mask's area ${context.width}×${context.height} at (${context.x}, ${context.y}) runs at ${size.width}×${size.height}; the result is composited into the ${image.width}×${image.height} image`);
    }
    return { job: { mode: "inpaint", source: image, prepared }, size, notes };
  }
  if (Math.max(image.width, image.height) > side) {
    const size = downscaledSize(image.width, image.height, side);
    assertFits(facts.memory, size, budget, "--max-side");
    notes.push(`the ${image.width}×${image.height} image runs at ${size.width}×${size.height} (the model's working size; --max-side changes it) and is resized back`);
    return { job: { mode: "img2img", source: image, modelImage: resizeRgba(image, size.width, size.height) }, size, notes };
  }
  const size = { width: image.width - (image.width % 8), height: image.height - (image.height % 8) };
  assertFits(facts.memory, size, budget, "--max-side");
  return { job: { mode: "img2img", source: image, modelImage: image }, size, notes };
}

/** One generated image → what genfill writes: raw, resized back (img2img) or composited (mask). */
export function finishImage(job: CliJob, generated: RgbaImage, raw: boolean): RgbaImage {
  if (raw || job.mode === "text-to-image") return generated;
  if (job.mode === "inpaint") return finishFill(job.source, job.prepared, generated, { colorMatch: {} });
  const { source } = job;
  if (generated.width === source.width && generated.height === source.height) return generated;
  const back = resizeRgba(generated, source.width, source.height);
  for (let i = 3; i < back.data.length; i += 4) back.data[i] = source.data[i];
  return back;
}
