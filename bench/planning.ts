/**
 * The panel's planning of a region on a 16 MP source (issue 17, panel responsiveness): mask grow,
 * feather and the context → model resize, the new code against the code it replaced
 * (test/imaging/reference/*-v1.ts, byte-identical output, checked here too), for a small, a large
 * and a huge selection. Fastest of `runs` per step (the build machine is shared), and planGeneration
 * whole, first call (cold, what the panel pays once) and warm, and its longest single step (the
 * panel runs one step per turn: plan-run.ts), warm.
 *
 *   nice -n 10 npx tsx bench/planning.ts [runs]
 */
import { createGrayImage, createRgbaImage, type GrayImage, type RgbaImage } from "../src/imaging/image";
import { featherMask, growMask } from "../src/imaging/mask-morphology";
import { resizeGray, resizeRgba } from "../src/imaging/resize";
import * as oldMorph from "../test/imaging/reference/mask-morphology-v1";
import * as oldResize from "../test/imaging/reference/resize-v1";
import { planGeneration, planGenerationSteps } from "../src/ui/flow/plan-generation";
import { DEFAULT_SETTINGS } from "../src/ui/settings/panel-settings";

const SIDE = 4000;
const runs = Number(process.argv[2] ?? 5);

function source(): RgbaImage {
  const img = createRgbaImage(SIDE, SIDE);
  for (let y = 0, i = 0; y < SIDE; y++) for (let x = 0; x < SIDE; x++, i += 4) img.data.set([(x >> 3) % 2 ? 200 : 40, (y * 255) / SIDE, 110, 255], i);
  return img;
}

/** A painted selection: a `side`² square (as the browser test) or a disc of that diameter, centred. */
function selection(side: number, disc: boolean): GrayImage {
  const m = createGrayImage(SIDE, SIDE), c = SIDE / 2;
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const inside = disc ? Math.hypot(x + 0.5 - c, y + 0.5 - c) < side / 2 : Math.abs(x + 0.5 - c) < side / 2 && Math.abs(y + 0.5 - c) < side / 2;
      if (inside) m.data[y * SIDE + x] = 255;
    }
  }
  return m;
}

function fastest<T>(f: () => T): { ms: number; value: T } {
  let ms = Infinity, value!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = f();
    ms = Math.min(ms, performance.now() - t);
  }
  return { ms, value };
}

function same(a: Uint8Array | Uint8ClampedArray, b: Uint8Array | Uint8ClampedArray): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

const img = source();
const settings = { ...DEFAULT_SETTINGS, prompt: "", strength: 0.6 };
const input = (mask: GrayImage) => ({ mode: "fill" as const, source: img, maskShapes: [], paintedMask: mask, settings, maxModelSide: 512, seed: 1 });
const plan = (mask: GrayImage) => planGeneration(input(mask));

/** The longest single step of the stepped plan (what one panel turn costs at worst). */
function longestStep(mask: GrayImage): number {
  const steps = planGenerationSteps(input(mask));
  let longest = 0;
  for (let done = false, t = performance.now(); !done; ) {
    done = steps.next().done === true;
    const now = performance.now();
    longest = Math.max(longest, now - t);
    t = now;
  }
  return longest;
}
const rows: string[] = [];
for (const [side, disc] of [[512, false], [2000, true], [3600, false]] as const) {
  const mask = selection(side, disc);
  const cold = performance.now();
  const p = plan(mask).prepared!;
  const coldMs = performance.now() - cold;
  const warm = fastest(() => plan(mask)).ms;
  // The steps as prepareFill runs them: on the mask's window, then on the planned context.
  const win = { x: Math.max(0, p.plan.maskBounds.x - 4), y: Math.max(0, p.plan.maskBounds.y - 4) };
  const w = Math.min(SIDE - win.x, p.plan.maskBounds.width + 8), h = Math.min(SIDE - win.y, p.plan.maskBounds.height + 8);
  const raw = createGrayImage(w, h);
  for (let y = 0; y < h; y++) raw.data.set(mask.data.subarray((win.y + y) * SIDE + win.x, (win.y + y) * SIDE + win.x + w), y * w);
  const ctx = p.plan.context;
  const crop = createRgbaImage(ctx.width, ctx.height);
  for (let y = 0; y < ctx.height; y++) crop.data.set(img.data.subarray(((ctx.y + y) * SIDE + ctx.x) * 4, ((ctx.y + y) * SIDE + ctx.x + ctx.width) * 4), y * ctx.width * 4);
  const { modelWidth: mw, modelHeight: mh } = p.plan;
  const steps = {
    grow: [fastest(() => oldMorph.growMask(raw, 8)), fastest(() => growMask(raw, 8))],
    feather: [fastest(() => oldMorph.featherMask(raw, 8)), fastest(() => featherMask(raw, 8))],
    "resize image": [fastest(() => oldResize.resizeRgba(crop, mw, mh)), fastest(() => resizeRgba(crop, mw, mh))],
    "resize mask": [fastest(() => oldResize.resizeGray(p.contextMask, mw, mh)), fastest(() => resizeGray(p.contextMask, mw, mh))],
  };
  for (const [name, [before, after]] of Object.entries(steps)) {
    const identical = same(before.value.data, after.value.data);
    if (!identical) throw new Error(`${name}: the new output differs from the old one`);
    rows.push(`| ${disc ? "disc" : "square"} ${side} px | ${w}×${h} → ${ctx.width}×${ctx.height} | ${name} | ${before.ms.toFixed(1)} | ${after.ms.toFixed(1)} | ${(before.ms / after.ms).toFixed(1)}× |`);
  }
  rows.push(`| ${disc ? "disc" : "square"} ${side} px | | planGeneration (new), first call / warm / longest step | | ${coldMs.toFixed(0)} / ${warm.toFixed(0)} / ${Math.min(...Array.from({ length: runs }, () => longestStep(mask))).toFixed(0)} | |`);
}
console.log(`4000×4000 source, grow 8 / feather 8, model side 512; fastest of ${runs} runs (ms); outputs byte-identical`);
console.log("| selection | window → context | step | before ms | after ms | speed-up |\n|---|---|---|---|---|---|");
console.log(rows.join("\n"));
