/**
 * Speed of Remove's built-in exemplar fill (src/imaging/exemplar-fill.ts), single-threaded JS:
 *   region — a 512×512 photo with a 20 % hole (centred ellipse): the whole image is the region;
 *   large  — a 16 MP (4000×4000) image with a 512×512 hole: the fill works on the crop around it.
 * Wall time is what a user waits on an idle machine; CPU time (process.cpuUsage) is the same work
 * without the waiting that other processes on a shared machine add; the verdict uses CPU time
 * (on an idle machine the two agree). Targets: < 1.5 s and < 3 s.
 *
 *   npx tsx bench/exemplar-fill.ts        # prints the figures
 */
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createGrayImage, createRgbaImage, type GrayImage, type RgbaImage } from "../src/imaging/image";
import { exemplarFillPatch } from "../src/imaging/exemplar-region";
import { decodePng } from "../src/imaging/png-node";
import type { TargetResult } from "./lib/results";
import { REPO_ROOT } from "./lib/node-models";

export const REGION_TARGET_MS = 1500;
export const LARGE_TARGET_MS = 3000;

export interface FillTiming {
  case: string;
  holePixels: number;
  runs: number;
  medianWallMs: number;
  minWallMs: number;
  medianCpuMs: number;
}

const PHOTOS = join(REPO_ROOT, "test/fixtures/photos");

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(label: string, image: RgbaImage, mask: GrayImage, runs: number): FillTiming {
  const wall: number[] = [], cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    exemplarFillPatch(image, mask);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const holePixels = mask.data.reduce((n, v) => n + (v ? 1 : 0), 0);
  const round = (v: number) => Math.round(v);
  return { case: label, holePixels, runs, medianWallMs: round(median(wall)), minWallMs: round(Math.min(...wall)), medianCpuMs: round(median(cpu)) };
}

/** An ellipse of `fraction` of the image's area, centred, 4:3. */
function ellipseMask(w: number, h: number, fraction: number): GrayImage {
  const mask = createGrayImage(w, h);
  const ry = Math.sqrt((fraction * w * h) / (Math.PI * (4 / 3))), rx = (4 / 3) * ry;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (((x - w / 2) / rx) ** 2 + ((y - h / 2) / ry) ** 2 <= 1) mask.data[y * w + x] = 255;
  return mask;
}

/** A 16 MP page: the coffee photo tiled (mirrored so tiles meet without seams), a 512² hole in the middle. */
function largeCase(photo: RgbaImage, side = 4000, hole = 512): { image: RgbaImage; mask: GrayImage } {
  const image = createRgbaImage(side, side);
  for (let y = 0; y < side; y++) {
    const ty = Math.floor(y / photo.height), py = ty % 2 ? photo.height - 1 - (y % photo.height) : y % photo.height;
    for (let x = 0; x < side; x++) {
      const tx = Math.floor(x / photo.width), px = tx % 2 ? photo.width - 1 - (x % photo.width) : x % photo.width;
      const s = 4 * (py * photo.width + px), d = 4 * (y * side + x);
      image.data[d] = photo.data[s];
      image.data[d + 1] = photo.data[s + 1];
      image.data[d + 2] = photo.data[s + 2];
      image.data[d + 3] = 255;
    }
  }
  const mask = createGrayImage(side, side);
  const o = (side - hole) >> 1;
  for (let y = o; y < o + hole; y++) mask.data.fill(255, y * side + o, y * side + o + hole);
  return { image, mask };
}

export async function runExemplarFillBench(options: { quick?: boolean } = {}): Promise<FillTiming[]> {
  const runs = options.quick ? 1 : 3;
  const astronaut = await decodePng(readFileSync(join(PHOTOS, "astronaut.png")));
  const results = [time("512×512 photo, 20 % hole", astronaut, ellipseMask(512, 512, 0.2), runs)];
  if (!options.quick) {
    const { image, mask } = largeCase(await decodePng(readFileSync(join(PHOTOS, "coffee.png"))));
    results.push(time("16 MP (4000×4000), 512×512 hole", image, mask, runs));
  }
  return results;
}

export function exemplarFillTargets(timings: FillTiming[]): TargetResult[] {
  const targets = [REGION_TARGET_MS, LARGE_TARGET_MS];
  return timings.map((t, i) => ({
    name: `Remove, built-in fill: ${t.case} < ${targets[i] / 1000} s`,
    // Judged on the thread's CPU time: on a shared machine wall time also measures the neighbours.
    status: t.medianCpuMs < targets[i] ? "PASS" : "FAIL",
    detail: `CPU ${t.medianCpuMs} ms (judged); wall median ${t.medianWallMs} ms, min ${t.minWallMs} ms, 1-min load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores (${t.runs} run(s), ${t.holePixels} hole px, one JS thread)`,
  }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const timings = await runExemplarFillBench();
  for (const t of exemplarFillTargets(timings)) console.log(`${t.status.padEnd(4)}  ${t.name}: ${t.detail}`);
}
