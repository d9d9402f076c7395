import { describe, expect, it } from "vitest";
import { deltaE2000, deltaE76, labToRgbaInto, rgbToLab, rgbaToLab, type Lab } from "../../src/imaging/color";
import { matchColors, labStats } from "../../src/imaging/color-match";
import { rasterizeShapes } from "../../src/imaging/mask";
import { createRgbaImage, type GrayImage, type RgbaImage } from "../../src/imaging/image";
import { rng } from "./helpers";

describe("Lab conversion and ΔE", () => {
  it("matches published sRGB → Lab values", () => {
    const red = rgbToLab(255, 0, 0);
    expect(red[0]).toBeCloseTo(53.24, 1);
    expect(red[1]).toBeCloseTo(80.09, 1);
    expect(red[2]).toBeCloseTo(67.2, 1);
    const white = rgbToLab(255, 255, 255);
    expect(white[0]).toBeCloseTo(100, 2);
    expect(Math.hypot(white[1], white[2])).toBeLessThan(0.02);
    const blue = rgbToLab(0, 0, 255);
    expect(blue[2]).toBeCloseTo(-107.86, 1);
  });

  it("round-trips every grey and random colours through Lab exactly (8-bit)", () => {
    const img = createRgbaImage(256 + 1000, 1);
    const r = rng(5);
    for (let i = 0; i < 256; i++) img.data.set([i, i, i, 255], 4 * i);
    for (let i = 256; i < img.width; i++) img.data.set([r() * 256, r() * 256, r() * 256, 255], 4 * i);
    const lab = rgbaToLab(img.data);
    const back = new Uint8ClampedArray(img.data.length);
    for (let i = 0; i < img.width; i++) labToRgbaInto(lab, i, back);
    for (let i = 0; i < img.data.length; i++) if ((i & 3) !== 3) expect(Math.abs(back[i] - img.data[i])).toBeLessThanOrEqual(0);
  });

  it("CIEDE2000 reproduces Sharma et al.'s test pairs", () => {
    const pairs: [Lab, Lab, number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    ];
    for (const [p, q, want] of pairs) expect(deltaE2000(p, q)).toBeCloseTo(want, 4);
    expect(deltaE76([50, 3, 4], [50, 0, 0])).toBe(5);
  });
});

/** A textured, low-chroma scene (gamut-safe under the cast below). */
function scene(w: number, h: number, seed: number): RgbaImage {
  const r = rng(seed);
  const img = createRgbaImage(w, h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const n = (r() - 0.5) * 30;
      img.data.set([110 + 40 * Math.sin(x / 17) + n, 120 + 30 * Math.cos(y / 13) + n, 95 + 20 * Math.sin((x + y) / 23) + n, 255], 4 * (y * w + x));
    }
  }
  return img;
}

/** A model's colour cast: darker-contrast, warmer, greener. */
function cast(img: RgbaImage): RgbaImage {
  const lab = rgbaToLab(img.data);
  for (let i = 0; i < img.width * img.height; i++) {
    lab[3 * i] = 0.85 * lab[3 * i] + 12;
    lab[3 * i + 1] += 9;
    lab[3 * i + 2] -= 14;
  }
  const out = createRgbaImage(img.width, img.height);
  out.data.set(img.data);
  for (let i = 0; i < img.width * img.height; i++) labToRgbaInto(lab, i, out.data);
  return out;
}

function meanLabInside(img: RgbaImage, mask: GrayImage): Lab {
  const sel = new Uint8Array(mask.data.length);
  for (let i = 0; i < sel.length; i++) sel[i] = mask.data[i] === 255 ? 1 : 0;
  return labStats(img.data, sel).mean;
}

function meanPixelDeltaE2000(a: RgbaImage, b: RgbaImage, mask: GrayImage): number {
  const la = rgbaToLab(a.data), lb = rgbaToLab(b.data);
  let s = 0, n = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i] !== 255) continue;
    s += deltaE2000([la[3 * i], la[3 * i + 1], la[3 * i + 2]], [lb[3 * i], lb[3 * i + 1], lb[3 * i + 2]]);
    n++;
  }
  return s / n;
}

describe("matchColors", () => {
  const W = 220, H = 180;
  const mask = rasterizeShapes([{ shape: { kind: "ellipse", rx: 45, ry: 35 }, transform: [1, 0, 0, 1, 65, 55] }], W, H);

  it("ring mode removes a model's colour cast from the fill (ΔE76 of means < 1, mean per-pixel ΔE2000 < 1.5)", () => {
    const source = scene(W, H, 1);
    const generated = cast(source);
    const before = deltaE76(meanLabInside(generated, mask), meanLabInside(source, mask));
    const res = matchColors(generated, source, mask);
    expect(res.applied).toBe(true);
    const after = deltaE76(meanLabInside(res.image, mask), meanLabInside(source, mask));
    const perPixel = meanPixelDeltaE2000(res.image, source, mask);
    console.info(`colour match (ring): mean ΔE76 ${before.toFixed(2)} → ${after.toFixed(3)}, per-pixel ΔE2000 ${perPixel.toFixed(3)}`);
    expect(before).toBeGreaterThan(10);
    expect(after).toBeLessThan(1);
    expect(perPixel).toBeLessThan(1.5);
    // Pixels with mask 0 are not touched…
    for (let i = 0; i < mask.data.length; i++) if (mask.data[i] === 0 && res.image.data[4 * i] !== generated.data[4 * i]) throw new Error(`pixel ${i} changed`);
    // …unless an explicit correction area (the blend mask) includes them.
    const wider = { width: W, height: H, data: new Uint8Array(W * H).fill(1) };
    const all = matchColors(generated, source, mask, {}, wider);
    const outside = new Uint8Array(W * H).map((_, i) => (mask.data[i] === 0 ? 255 : 0));
    expect(deltaE76(meanLabInside(all.image, { width: W, height: H, data: outside }), meanLabInside(source, { width: W, height: H, data: outside }))).toBeLessThan(1);
  });

  it("fill mode matches a shifted fill to the surrounding context (ΔE76 of means < 1.5)", () => {
    const source = scene(W, H, 2);
    const shiftedFill = cast(scene(W, H, 3)); // different texture, same statistics, then shifted
    const generated = createRgbaImage(W, H);
    for (let i = 0; i < W * H; i++) generated.data.set((mask.data[i] > 0 ? shiftedFill : source).data.subarray(4 * i, 4 * i + 4), 4 * i);
    const ringOnly = matchColors(generated, source, mask);
    // Ring mode sees no cast on the ring (outside untouched) and leaves the fill as it is.
    expect(deltaE76(meanLabInside(ringOnly.image, mask), meanLabInside(generated, mask))).toBeLessThan(0.5);
    const res = matchColors(generated, source, mask, { mode: "fill" });
    const target = res.target!.mean;
    expect(deltaE76(meanLabInside(generated, mask), target)).toBeGreaterThan(10);
    const fillAfter = deltaE76(meanLabInside(res.image, mask), target);
    console.info(`colour match (fill): mean ΔE76 ${deltaE76(meanLabInside(generated, mask), target).toFixed(2)} → ${fillAfter.toFixed(3)}`);
    expect(fillAfter).toBeLessThan(1.5);
  });

  it("strength 0 and a full mask (no ring) leave the image unchanged", () => {
    const source = scene(60, 40, 4);
    const generated = cast(source);
    const full = { width: 60, height: 40, data: new Uint8Array(2400).fill(255) };
    const r1 = matchColors(generated, source, full);
    expect(r1.applied).toBe(false);
    expect(r1.image.data).toEqual(generated.data);
    const m = rasterizeShapes([{ shape: { kind: "rectangle", width: 20, height: 20 }, transform: [1, 0, 0, 1, 20, 10] }], 60, 40);
    expect(matchColors(generated, source, m, { strength: 0 }).image.data).toEqual(generated.data);
    expect(() => matchColors(generated, source, m, { strength: 2 })).toThrow(/strength/);
  });
});
