/**
 * `npx tsx bench/removal/variants.ts SRC_DIR OUT_DIR` — held-out variants of the benchmark photos,
 * "other photos of the same kind" made from ones whose licence is known: each PNG in SRC_DIR is
 * written to OUT_DIR as a crop (bottom-right 70 %), a 2/3 rescale (box filter) and a grayscale copy
 * (BT.601 luma). The removal table's third row of other photos comes from test/fixtures/photos.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { decodePng, encodePng } from "../../src/imaging/png-node";
import type { RgbaImage } from "../../src/imaging/image";

function crop(im: RgbaImage, share: number): RgbaImage {
  const { width: w, height: h } = im;
  const cw = Math.round(w * share), ch = Math.round(h * share);
  const out = { width: cw, height: ch, data: new Uint8ClampedArray(cw * ch * 4) };
  for (let y = 0; y < ch; y++) out.data.set(im.data.subarray(((y + h - ch) * w + (w - cw)) * 4, ((y + h - ch) * w + w) * 4), y * cw * 4);
  return out;
}

/** Two-thirds size: each output pixel is the mean of the source pixels its 1.5×1.5 footprint touches. */
function twoThirds(im: RgbaImage): RgbaImage {
  const { width: w, height: h } = im;
  const rw = Math.floor((w * 2) / 3), rh = Math.floor((h * 2) / 3);
  const out = { width: rw, height: rh, data: new Uint8ClampedArray(rw * rh * 4) };
  for (let y = 0; y < rh; y++) {
    for (let x = 0; x < rw; x++) {
      for (let c = 0; c < 4; c++) {
        let sum = 0, n = 0;
        for (let yy = Math.floor(y * 1.5); yy < Math.min(h, Math.ceil(y * 1.5 + 1.5)); yy++) {
          for (let xx = Math.floor(x * 1.5); xx < Math.min(w, Math.ceil(x * 1.5 + 1.5)); xx++) {
            sum += im.data[(yy * w + xx) * 4 + c];
            n++;
          }
        }
        out.data[(y * rw + x) * 4 + c] = sum / n;
      }
    }
  }
  return out;
}

function gray(im: RgbaImage): RgbaImage {
  const data = new Uint8ClampedArray(im.data);
  for (let i = 0; i < im.width * im.height; i++) {
    const l = 0.299 * im.data[4 * i] + 0.587 * im.data[4 * i + 1] + 0.114 * im.data[4 * i + 2];
    data[4 * i] = data[4 * i + 1] = data[4 * i + 2] = l;
  }
  return { ...im, data };
}

async function main(): Promise<void> {
  const [src, out] = process.argv.slice(2);
  if (!src || !out) throw new Error("Usage: npx tsx bench/removal/variants.ts SRC_DIR OUT_DIR");
  mkdirSync(out, { recursive: true });
  for (const name of readdirSync(src).filter((n) => n.toLowerCase().endsWith(".png"))) {
    const image = await decodePng(new Uint8Array(readFileSync(join(src, name))));
    const stem = name.replace(/\.png$/i, "");
    for (const [suffix, variant] of [["crop", crop(image, 0.7)], ["small", twoThirds(image)], ["gray", gray(image)]] as const) {
      writeFileSync(join(out, `${stem}-${suffix}.png`), await encodePng(variant));
    }
  }
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
