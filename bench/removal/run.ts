/**
 * `npm run bench:removal -- --photos DIR [--seed N] [--save DIR]` — how well Remove's built-in fill
 * restores real photos, against two baselines (ring mean colour, Telea-style diffusion). Each photo
 * gets six seeded synthetic holes (stroke, blob, box; inside and touching the border; 5–30 % of
 * the image); each method fills them and is scored inside the hole (PSNR, SSIM) and on its edge
 * (seam). Prints a table per photo; the last line is the verdict. A photo counts only when the
 * built-in fill beats both baselines on all three mean scores. --save writes the first hole's
 * original / masked / filled images per photo as PNG, and a before/after strip (hole, diffusion,
 * built-in fill, original).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { exemplarFillImage } from "../../src/imaging/exemplar-region";
import { encodePng } from "../../src/imaging/png-node";
import type { RgbaImage } from "../../src/imaging/image";
import { REPO_ROOT } from "../lib/node-models";
import { ringMeanFill, teleaFill } from "./baselines";
import { benchMasks, type BenchMask } from "./masks";
import { scoreFill, type FillScores } from "./metrics";
import { loadPhotos, PhotoFolderError } from "./photos";

export const DEFAULT_PHOTOS_DIR = join(REPO_ROOT, "test/fixtures/photos");

interface Method {
  name: string;
  fill: (image: RgbaImage, m: BenchMask, hole: Uint8Array) => RgbaImage;
}

const METHODS: Method[] = [
  { name: "ring mean colour", fill: (image, _m, hole) => ringMeanFill(image, hole) },
  { name: "diffusion (Telea)", fill: (image, _m, hole) => teleaFill(image, hole) },
  { name: "built-in fill", fill: (image, m) => exemplarFillImage(image, m.mask) },
];

interface Args { photos: string; seed: number; save: string | null }

function parse(argv: string[]): Args {
  const args: Args = { photos: DEFAULT_PHOTOS_DIR, seed: 17, save: null };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === "--photos" && value) args.photos = resolve(value);
    else if (argv[i] === "--seed" && value && Number.isInteger(Number(value))) args.seed = Number(value);
    else if (argv[i] === "--save" && value) args.save = resolve(value);
    else throw new PhotoFolderError(`Unknown or incomplete option ${argv[i]}. Use --photos DIR, --seed N, --save DIR.`);
    i++;
  }
  return args;
}

/** Images side by side, 8 px apart on white (the README's before/after picture). */
function sideBySide(images: RgbaImage[]): RgbaImage {
  const gap = 8, h = images[0].height, w = images.reduce((n, im) => n + im.width, 0) + gap * (images.length - 1);
  const out = { width: w, height: h, data: new Uint8ClampedArray(w * h * 4).fill(255) };
  let x0 = 0;
  for (const im of images) {
    for (let y = 0; y < h; y++) out.data.set(im.data.subarray(y * im.width * 4, (y + 1) * im.width * 4), (y * w + x0) * 4);
    x0 += im.width + gap;
  }
  return out;
}

function masked(image: RgbaImage, hole: Uint8Array): RgbaImage {
  const data = new Uint8ClampedArray(image.data);
  for (let i = 0; i < hole.length; i++) if (hole[i]) data.set([255, 0, 255, 255], 4 * i);
  return { ...image, data };
}

/** A fill may only change the hole: the seam and SSIM windows also see the pixels around it. */
function assertOutsideUnchanged(original: RgbaImage, filled: RgbaImage, hole: Uint8Array, method: string): void {
  for (let i = 0; i < hole.length; i++) {
    if (hole[i]) continue;
    for (let c = 0; c < 3; c++) {
      if (filled.data[4 * i + c] !== original.data[4 * i + c]) throw new Error(`${method} changed pixel ${i} outside the hole; a fill may only change the hole.`);
    }
  }
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const fmt = (v: number, d: number, width: number) => v.toFixed(d).padStart(width);

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const photos = await loadPhotos(args.photos);
  console.log(`removal benchmark: ${photos.length} photo(s) from ${args.photos}, 6 holes each (seed ${args.seed}), scores are means over the holes`);
  let wins = 0;
  for (const [p, photo] of photos.entries()) {
    const { width: w, height: h } = photo.image;
    const masks = benchMasks(w, h, args.seed + p);
    const scores = METHODS.map(() => [] as FillScores[]);
    const times = METHODS.map(() => [] as number[]);
    const firstFills: RgbaImage[] = [];
    for (const [k, m] of masks.entries()) {
      const hole = m.mask.data.map((v) => (v ? 1 : 0));
      for (const [j, method] of METHODS.entries()) {
        const t0 = performance.now();
        const filled = method.fill(photo.image, m, hole);
        times[j].push(performance.now() - t0);
        assertOutsideUnchanged(photo.image, filled, hole, method.name);
        scores[j].push(scoreFill(photo.image, filled, hole));
        if (args.save && k === 0) {
          mkdirSync(args.save, { recursive: true });
          const stem = photo.name.replace(/\.[^.]+$/, "");
          if (j === 0) {
            writeFileSync(join(args.save, `${stem}-original.png`), await encodePng(photo.image));
            writeFileSync(join(args.save, `${stem}-hole.png`), await encodePng(masked(photo.image, hole)));
          }
          writeFileSync(join(args.save, `${stem}-${method.name.split(" ")[0]}.png`), await encodePng(filled));
          firstFills.push(filled);
          if (j === METHODS.length - 1) {
            // The README's picture: the hole, the diffusion baseline, the built-in fill, the original.
            const panels = [masked(photo.image, hole), firstFills[1], filled, photo.image];
            writeFileSync(join(args.save, `${stem}-before-after.png`), await encodePng(sideBySide(panels)));
          }
        }
      }
    }
    const kinds = masks.map((m) => `${m.kind}/${m.placement} ${Math.round(m.area * 100)}%`).join(", ");
    console.log(`\n${photo.name} (${w}×${h}; holes: ${kinds})`);
    console.log(`  ${"method".padEnd(18)} ${"PSNR dB".padStart(8)} ${"SSIM".padStart(7)} ${"seam".padStart(7)} ${"ms/hole".padStart(8)}`);
    const means = scores.map((s) => ({ psnr: mean(s.map((x) => x.psnr)), ssim: mean(s.map((x) => x.ssim)), seam: mean(s.map((x) => x.seam)) }));
    for (const [j, method] of METHODS.entries()) {
      console.log(`  ${method.name.padEnd(18)} ${fmt(means[j].psnr, 2, 8)} ${fmt(means[j].ssim, 4, 7)} ${fmt(means[j].seam, 3, 7)} ${fmt(mean(times[j]), 0, 8)}`);
    }
    const ours = means[METHODS.length - 1];
    const beats = means.slice(0, -1).every((b) => ours.psnr > b.psnr && ours.ssim > b.ssim && ours.seam < b.seam);
    if (beats) wins++;
    console.log(`  built-in fill beats both baselines on all three: ${beats ? "yes" : "no"}`);
  }
  console.log(`\nremoval: built-in fill beats both baselines on ${wins}/${photos.length} photos (PSNR, SSIM, seam)`);
}

main().catch((error) => {
  console.error(error instanceof PhotoFolderError ? error.message : error);
  process.exit(error instanceof PhotoFolderError ? 2 : 1);
});
