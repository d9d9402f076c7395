/**
 * Generative Expand, step 3: which windows of the canvas the model paints, in which order.
 *
 * A canvas the model can take in one look (long side ≤ SINGLE_PASS_MAX_DOWNSCALE × its native
 * size) is one window, resized to the model's size like a fill's context region. A larger one is
 * painted at the model's native scale in overlapping square windows along the border, each
 * conditioned on what is already there: the original and the margin earlier windows painted.
 *
 * Each window keeps only the pixels of its core — the window minus a context band on the sides
 * that are not canvas edges — so every seam between two windows lies at least that band inside
 * the later window, which sees both sides of it. The order is greedy: the window that finishes the
 * most still-missing pixels while seeing enough known ones (original or painted) goes next.
 */
import type { Rect } from "./geometry";
import { ImagingOptionError } from "./errors";

/** One look may shrink the canvas this much; beyond it the margin is painted in native-size tiles. */
export const SINGLE_PASS_MAX_DOWNSCALE = 1.5;
/** Context band on inner window sides, as a fraction of the model size. */
export const TILE_CONTEXT_FRACTION = 1 / 8;
/** A window is preferred only when at least this fraction of it is already known. */
export const MIN_KNOWN_FRACTION = 0.1;

export interface ExpandTile {
  /** Canvas px the model sees. */
  window: Rect;
  /** The part of the window whose missing pixels this tile paints for good. */
  core: Rect;
  /** Model image size (multiples of 8). */
  modelWidth: number;
  modelHeight: number;
}

export interface ExpandTilePlan {
  tiled: boolean;
  tiles: ExpandTile[];
}

function roundTo8(v: number): number {
  return Math.max(8, Math.round(v / 8) * 8);
}

/** Window starts along one axis: evenly spread, neighbouring cores touching or overlapping. */
function starts(length: number, size: number, band: number): number[] {
  if (length <= size) return [0];
  const n = Math.ceil((length - size) / (size - 2 * band)) + 1;
  return Array.from({ length: n }, (_, i) => Math.round((i * (length - size)) / (n - 1)));
}

function coreOf(window: Rect, canvas: { width: number; height: number }, band: number): Rect {
  const x0 = window.x === 0 ? 0 : window.x + band;
  const y0 = window.y === 0 ? 0 : window.y + band;
  const x1 = window.x + window.width === canvas.width ? canvas.width : window.x + window.width - band;
  const y1 = window.y + window.height === canvas.height ? canvas.height : window.y + window.height - band;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

function countIn(pending: Uint8Array, W: number, r: Rect): number {
  let n = 0;
  for (let y = r.y; y < r.y + r.height; y++) for (let i = y * W + r.x, end = i + r.width; i < end; i++) n += pending[i];
  return n;
}

function clearIn(pending: Uint8Array, W: number, r: Rect): void {
  for (let y = r.y; y < r.y + r.height; y++) pending.fill(0, y * W + r.x, y * W + r.x + r.width);
}

export function planExpandTiles(canvas: { width: number; height: number }, image: Rect, modelSide: number): ExpandTilePlan {
  if (!Number.isInteger(modelSide) || modelSide < 16 || modelSide % 8 !== 0) {
    throw new ImagingOptionError(`The model size must be a multiple of 8, at least 16; got ${modelSide}.`);
  }
  const { width: W, height: H } = canvas;
  if (Math.max(W, H) <= modelSide * SINGLE_PASS_MAX_DOWNSCALE) {
    const s = modelSide / Math.max(W, H);
    const whole = { x: 0, y: 0, width: W, height: H };
    const landscape = W >= H;
    return {
      tiled: false,
      tiles: [{ window: whole, core: whole, modelWidth: landscape ? modelSide : roundTo8(W * s), modelHeight: landscape ? roundTo8(H * s) : modelSide }],
    };
  }
  const band = Math.max(8, Math.round(modelSide * TILE_CONTEXT_FRACTION));
  const tw = Math.min(modelSide, W), th = Math.min(modelSide, H);
  const candidates: { window: Rect; core: Rect }[] = [];
  for (const y of starts(H, th, band)) {
    for (const x of starts(W, tw, band)) {
      const window = { x, y, width: tw, height: th };
      candidates.push({ window, core: coreOf(window, canvas, band) });
    }
  }
  // 1 = still missing (margin not painted yet), 0 = known.
  const pending = new Uint8Array(W * H).fill(1);
  clearIn(pending, W, image);
  let missing = W * H - image.width * image.height;
  const tiles: ExpandTile[] = [];
  while (missing > 0) {
    let best = -1, bestGain = 0, bestKnown = -1, fallback = -1, fallbackKnown = -1;
    candidates.forEach((c, i) => {
      const gain = countIn(pending, W, c.core);
      if (gain === 0) return;
      const area = c.window.width * c.window.height;
      const known = (area - countIn(pending, W, c.window)) / area;
      if (known >= MIN_KNOWN_FRACTION && (gain > bestGain || (gain === bestGain && known > bestKnown))) [best, bestGain, bestKnown] = [i, gain, known];
      if (known > fallbackKnown) [fallback, fallbackKnown] = [i, known];
    });
    const pick = best >= 0 ? best : fallback;
    if (pick < 0) throw new Error("Expand tiling left pixels no window covers (a bug).");
    const c = candidates[pick];
    missing -= countIn(pending, W, c.core);
    clearIn(pending, W, c.core);
    tiles.push({ window: c.window, core: c.core, modelWidth: roundTo8(c.window.width), modelHeight: roundTo8(c.window.height) });
  }
  return { tiled: true, tiles };
}
