/**
 * Imaging cost of one generative fill on a 16 MP document with a 512² selection, step by step.
 * The point: all of it scales with the selection, so it should be small next to one UNet step.
 *
 *   npx tsx bench/imaging.ts            # prints a table and the JSON
 *   import { runImagingBench } from "./bench/imaging"  // the same figures as data
 */
import { pathToFileURL } from "node:url";
import { createRgbaImage, type RgbaImage } from "../src/imaging/image";
import type { MaskShape } from "../src/imaging/shapes";
import { maskBoundingBox, rasterizeShapes, shapesBounds } from "../src/imaging/mask";
import { DEFAULT_MASK_OPTIONS, featherMask, growMask } from "../src/imaging/mask-morphology";
import { planRegion } from "../src/imaging/region";
import { cropRgba, extractGray } from "../src/imaging/crop";
import { resizeGray, resizeRgba } from "../src/imaging/resize";
import { prefillMasked } from "../src/imaging/prefill";
import { matchColors } from "../src/imaging/color-match";
import { compositePatch, compositeRegion } from "../src/imaging/composite";
import { inflateRect, intersectRect } from "../src/imaging/geometry";

export interface ImagingBenchOptions {
  sourceWidth?: number;
  sourceHeight?: number;
  selectionSide?: number;
  maxModelSide?: number;
  runs?: number;
}

export interface ImagingBenchResult {
  sourceWidth: number;
  sourceHeight: number;
  selection: string;
  context: { x: number; y: number; width: number; height: number };
  modelWidth: number;
  modelHeight: number;
  runs: number;
  /**
   * Median milliseconds per step. `total` sums the pipeline with the patch composite (what a layer
   * above the source needs); `composite` (a new full-document image) is listed for comparison.
   */
  ms: StepTimes;
  /** Fastest run per step: the intrinsic cost when the machine is shared and timings are noisy. */
  minMs: StepTimes;
}

export interface StepTimes {
    mask: number; // shapes → anti-aliased coverage (window) + grow
    feather: number;
    plan: number;
    crop: number; // context crop of source and masks
    resize: number; // context → model (image + mask) and model output → context
    prefill: number;
    colorMatch: number;
    composite: number; // new full 16 MP image (copy + blend)
    compositePatch: number; // only the context rectangle (layer above the source)
    total: number;
}

function syntheticSource(w: number, h: number): RgbaImage {
  const img = createRgbaImage(w, h);
  const d = img.data;
  for (let y = 0; y < h; y++) {
    for (let x = 0, i = y * w * 4; x < w; x++, i += 4) {
      d[i] = (x * 7 + y) & 255;
      d[i + 1] = (y * 5 + (x >> 2)) & 255;
      d[i + 2] = ((x ^ y) * 3) & 255;
      d[i + 3] = 255;
    }
  }
  return img;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function runImagingBench(options: ImagingBenchOptions = {}): ImagingBenchResult {
  const W = options.sourceWidth ?? 4000, H = options.sourceHeight ?? 4000;
  const side = options.selectionSide ?? 512;
  const maxModelSide = options.maxModelSide ?? 512;
  const runs = options.runs ?? 7;
  const source = syntheticSource(W, H);
  // A 512² selection: a circle rotated (as a user's ellipse would be), centred in the document.
  const shapes: MaskShape[] = [{ shape: { kind: "ellipse", rx: side / 2, ry: side / 2 }, transform: [Math.cos(0.3), Math.sin(0.3), -Math.sin(0.3), Math.cos(0.3), W / 2 - side / 2, H / 2 - side / 2] }];
  const { growPx, featherPx } = DEFAULT_MASK_OPTIONS;
  const samples: Record<keyof StepTimes, number[]> = {
    mask: [], feather: [], plan: [], crop: [], resize: [], prefill: [], colorMatch: [], composite: [], compositePatch: [], total: [],
  };
  let last: { context: ImagingBenchResult["context"]; mw: number; mh: number } | null = null;

  for (let run = 0; run < runs + 1; run++) {
    const t: Record<string, number> = {};
    let t0 = performance.now();
    const lap = (name: string): void => {
      const now = performance.now();
      t[name] = now - t0;
      t0 = now;
    };
    const image = { x: 0, y: 0, width: W, height: H };
    const window = intersectRect(inflateRect(shapesBounds(shapes, W, H), growPx + featherPx + 2), image);
    const raw = rasterizeShapes(shapes, W, H, window);
    const grown = growMask(raw, growPx);
    lap("mask");
    const blend = featherMask(grown, featherPx);
    lap("feather");
    const box = maskBoundingBox(blend);
    const plan = planRegion(W, H, { ...box, x: box.x + window.x, y: box.y + window.y }, { maxModelSide });
    lap("plan");
    const ctx = plan.context;
    const contextImage = cropRgba(source, ctx);
    const contextMask = extractGray(grown, window.x, window.y, ctx);
    const blendMask = extractGray(blend, window.x, window.y, ctx);
    lap("crop");
    const modelMask = resizeGray(contextMask, plan.modelWidth, plan.modelHeight);
    const modelImage = resizeRgba(contextImage, plan.modelWidth, plan.modelHeight);
    let resizeMs = performance.now() - t0;
    t0 = performance.now();
    const pre = prefillMasked(modelImage, modelMask, "blur");
    lap("prefill");
    // Stand-in for the model output: the pre-filled image with a colour cast.
    const generated = { width: pre.width, height: pre.height, data: pre.data.map((v, i) => ((i & 3) === 3 ? v : v * 0.9 + 20)) };
    t0 = performance.now();
    const back = resizeRgba(generated, ctx.width, ctx.height, "bicubic");
    resizeMs += performance.now() - t0;
    t.resize = resizeMs;
    t0 = performance.now();
    const matched = matchColors(back, contextImage, contextMask, {}, blendMask).image;
    lap("colorMatch");
    const out = compositeRegion(source, matched, blendMask, ctx);
    lap("composite");
    compositePatch(contextImage, matched, blendMask);
    lap("compositePatch");
    if (out.width !== W) throw new Error("unreachable");
    t.total = t.mask + t.feather + t.plan + t.crop + t.resize + t.prefill + t.colorMatch + t.compositePatch;
    if (run > 0) for (const k of Object.keys(samples) as (keyof typeof samples)[]) samples[k].push(t[k]);
    last = { context: ctx, mw: plan.modelWidth, mh: plan.modelHeight };
  }
  const summarise = (f: (v: number[]) => number): StepTimes =>
    Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Math.round(f(v) * 100) / 100])) as unknown as StepTimes;
  const ms = summarise(median);
  const minMs = summarise((v) => Math.min(...v));
  return {
    sourceWidth: W,
    sourceHeight: H,
    selection: `${side}×${side} rotated ellipse`,
    context: last!.context,
    modelWidth: last!.mw,
    modelHeight: last!.mh,
    runs,
    ms,
    minMs,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = runImagingBench();
  console.log(`imaging bench: ${r.sourceWidth}×${r.sourceHeight} (${((r.sourceWidth * r.sourceHeight) / 1e6).toFixed(1)} MP) source, ${r.selection}`);
  console.log(`context ${r.context.width}×${r.context.height} at ${r.context.x},${r.context.y} → model ${r.modelWidth}×${r.modelHeight}; median of ${r.runs} runs`);
  console.log(`  ${"step".padEnd(15)} ${"median".padStart(9)}    ${"min".padStart(9)}`);
  for (const [k, v] of Object.entries(r.ms)) console.log(`  ${k.padEnd(15)} ${v.toFixed(2).padStart(9)} ms ${r.minMs[k as keyof StepTimes].toFixed(2).padStart(9)} ms`);
  console.log("  (total = mask + feather + plan + crop + resize + prefill + colorMatch + compositePatch)");
  console.log(JSON.stringify(r));
}
