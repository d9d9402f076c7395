/**
 * Evidence for the screened-model preview size (README "Live previews"): how much of the final
 * picture a preview of N px shows before the content filter has judged it. For each photo of
 * test/fixtures/photos: the photo at the result tile's size (256 px on a 2× screen) against the
 * N-px preview scaled up to it, N = 8 … 128, as SSIM (luma, 7×7 windows) and PSNR. A TAESD preview
 * of x̂₀ late in a run is close to the final image at its size, so these are the upper bounds of
 * what a TAESD preview of a withheld image would reveal.
 *
 *   npx tsx bench/screened-preview.ts
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { decodePng } from "../src/imaging/png-node";
import { resizeRgba } from "../src/imaging/resize";
import { holeSsim } from "./removal/metrics";
import { REPO_ROOT } from "./lib/node-models";
import { round } from "./lib/measure";

const TILE = 256;
const SIZES = [8, 16, 32, 64, 128];

function psnr(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let se = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3) continue;
    se += (a[i] - b[i]) ** 2;
    n++;
  }
  return 10 * Math.log10((255 * 255) / (se / n));
}

export async function screenedPreviewEvidence(): Promise<string[]> {
  const dir = join(REPO_ROOT, "test/fixtures/photos");
  const lines = [`| photo | ${SIZES.map((s) => `${s} px`).join(" | ")} |`, `|---|${SIZES.map(() => "---:").join("|")}|`];
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".png")).sort()) {
    const photo = await decodePng(new Uint8Array(readFileSync(join(dir, name))));
    const side = Math.min(photo.width, photo.height);
    const tile = resizeRgba(photo, Math.round((photo.width / side) * TILE), Math.round((photo.height / side) * TILE), "bilinear");
    const all = new Uint8Array(tile.width * tile.height).fill(1);
    const cells = SIZES.map((s) => {
      const k = s / TILE;
      const preview = resizeRgba(tile, Math.max(1, Math.round(tile.width * k)), Math.max(1, Math.round(tile.height * k)));
      const shown = resizeRgba(preview, tile.width, tile.height, "bilinear");
      return `SSIM ${round(holeSsim(tile, shown, all), 2)}, ${round(psnr(tile.data, shown.data), 1)} dB`;
    });
    lines.push(`| ${name} | ${cells.join(" | ")} |`);
  }
  return lines;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  screenedPreviewEvidence().then((lines) => console.log(lines.join("\n")));
}
