/**
 * Generative Expand, step 4: one window of the canvas through the model and back.
 *   prepareExpandTile: crop the window, mask = every still-missing pixel of it plus a thin ring of
 *                      earlier tiles' paint around this tile's core (so seams are repainted), the
 *                      original never; resize to the model size.
 *   applyExpandTile:   resize back, colour match to the known pixels around the mask, blend the core
 *                      in (hard) and the ring (feathered) into the canvas; original pixels are
 *                      never written, so they stay bit-identical.
 */
import { cropRgba } from "./crop";
import { blendInto } from "./composite";
import { matchColors } from "./color-match";
import type { ExpandTile } from "./expand-tiles";
import { ImageSizeError } from "./errors";
import type { Rect } from "./geometry";
import { createGrayImage, type GrayImage, type RgbaImage } from "./image";
import { featherMask, growMask } from "./mask-morphology";
import { resizeGray, resizeRgba } from "./resize";

/** The canvas being painted and which of its pixels are still missing. */
export interface ExpandCanvasState {
  canvas: RgbaImage;
  /** Where the original sits: never repainted. */
  image: Rect;
  /** [H·W] 1 = margin pixel not painted yet. */
  pending: Uint8Array;
}

export interface ExpandTileOptions {
  /** Canvas px of earlier paint the model repaints around this tile's core. Default 8. */
  seamGrowPx?: number;
  /** Canvas px over which this tile fades into earlier paint. Default 8. */
  seamFeatherPx?: number;
}

export interface PreparedExpandTile {
  tile: ExpandTile;
  /** [modelHeight, modelWidth, 4]; own buffer, may be transferred to the engine. */
  modelImage: RgbaImage;
  /** [modelHeight, modelWidth] 0 keep … 255 paint */
  modelMask: GrayImage;
  /** Window-sized: the model mask at canvas scale (colour match measures around it). */
  windowMask: GrayImage;
  /** Window-sized: how much of the result goes into the canvas. */
  blendMask: GrayImage;
}

export function createExpandState(canvas: RgbaImage, image: Rect): ExpandCanvasState {
  const pending = new Uint8Array(canvas.width * canvas.height).fill(1);
  for (let y = image.y; y < image.y + image.height; y++) pending.fill(0, y * canvas.width + image.x, y * canvas.width + image.x + image.width);
  return { canvas, image, pending };
}

function inRect(r: Rect, x: number, y: number): boolean {
  return x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
}

export function prepareExpandTile(state: ExpandCanvasState, tile: ExpandTile, options: ExpandTileOptions = {}): PreparedExpandTile {
  const { window: win, core } = tile;
  // The seam ring may take at most half of the context band on the window's inner sides: with a
  // small model (a 64-px tile has an 8-px band) a full-width ring would mask every known pixel and
  // the tile would be painted with no context at all (the engine then warns "like text-to-image").
  const bands = [core.x - win.x, core.y - win.y, win.x + win.width - core.x - core.width, win.y + win.height - core.y - core.height].filter((b) => b > 0);
  const grow = Math.min(options.seamGrowPx ?? 8, bands.length ? Math.max(1, Math.floor(Math.min(...bands) / 2)) : Infinity);
  const feather = options.seamFeatherPx ?? 8;
  const W = state.canvas.width;
  const n = win.width * win.height;
  const finalHere = createGrayImage(win.width, win.height); // pending ∩ core
  const windowMask = createGrayImage(win.width, win.height);
  const original = new Uint8Array(n);
  const pendingHere = new Uint8Array(n);
  for (let y = 0; y < win.height; y++) {
    for (let x = 0; x < win.width; x++) {
      const cx = win.x + x, cy = win.y + y, i = y * win.width + x;
      original[i] = inRect(state.image, cx, cy) ? 1 : 0;
      pendingHere[i] = state.pending[cy * W + cx];
      if (pendingHere[i] && inRect(core, cx, cy)) finalHere.data[i] = 255;
    }
  }
  // The model paints: every missing pixel of the window (those outside the core are thrown away,
  // but must not be read as known) and a ring of earlier paint around the core (the seam).
  const grown = growMask(finalHere, grow).data;
  for (let i = 0; i < n; i++) windowMask.data[i] = original[i] ? 0 : pendingHere[i] ? 255 : grown[i];
  // What is kept: the core's missing pixels fully, fading into earlier paint; never the original,
  // never missing pixels outside the core (a later tile paints them with more context).
  const blendMask = featherMask(growMask(finalHere, Math.ceil(grow / 2)), feather);
  for (let i = 0; i < n; i++) {
    if (original[i] || (pendingHere[i] && !finalHere.data[i])) blendMask.data[i] = 0;
    else if (finalHere.data[i]) blendMask.data[i] = 255;
    else blendMask.data[i] = Math.min(blendMask.data[i], windowMask.data[i]);
  }
  const crop = cropRgba(state.canvas, win);
  const sameSize = tile.modelWidth === win.width && tile.modelHeight === win.height;
  return {
    tile,
    modelImage: sameSize ? crop : resizeRgba(crop, tile.modelWidth, tile.modelHeight),
    // Its own buffer even at the same size: the request transfers it to the worker (detaching it).
    modelMask: sameSize ? { width: win.width, height: win.height, data: new Uint8Array(windowMask.data) } : resizeGray(windowMask, tile.modelWidth, tile.modelHeight),
    windowMask,
    blendMask,
  };
}

/** Blends the model's output for `prepared` into the canvas and marks the core painted. */
export function applyExpandTile(state: ExpandCanvasState, prepared: PreparedExpandTile, generated: RgbaImage, options: { colorMatch: boolean }): void {
  const { tile } = prepared;
  const win = tile.window;
  if (generated.width !== tile.modelWidth || generated.height !== tile.modelHeight) {
    throw new ImageSizeError(`The generated tile is ${generated.width}×${generated.height} but the plan expects ${tile.modelWidth}×${tile.modelHeight}.`);
  }
  let back = generated.width === win.width && generated.height === win.height ? generated : resizeRgba(generated, win.width, win.height, "bicubic");
  if (options.colorMatch) back = matchColors(back, cropRgba(state.canvas, win), prepared.windowMask, {}, prepared.blendMask).image;
  // The model's output is opaque; the margin of the new layer is too.
  const opaque: RgbaImage = { width: back.width, height: back.height, data: new Uint8ClampedArray(back.data) };
  for (let i = 3; i < opaque.data.length; i += 4) opaque.data[i] = 255;
  blendInto(state.canvas, opaque, prepared.blendMask, win);
  const W = state.canvas.width;
  for (let y = 0; y < win.height; y++) {
    for (let x = 0; x < win.width; x++) if (prepared.blendMask.data[y * win.width + x] === 255) state.pending[(win.y + y) * W + win.x + x] = 0;
  }
}

/** Missing pixels left (0 once every tile ran). */
export function pendingCount(state: ExpandCanvasState): number {
  let n = 0;
  for (let i = 0; i < state.pending.length; i++) n += state.pending[i];
  return n;
}
