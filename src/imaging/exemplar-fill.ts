/**
 * Exemplar fill ("content-aware fill"). With detailFloor > 0 it fills the masked area with patches
 * copied from the rest of the image, so texture and edges continue through the hole. With the
 * default, detailFloor 0 (Remove's fill), no copied pixel reaches the result (see unsearchedFill):
 * the hole gets the smooth base the image itself chooses (exemplar/compose.ts, self-check.ts),
 * and the search is skipped. No model, no download; CPU only. The method follows Wexler et al. 2007 (iterated patch search + voting,
 * coarse to fine) with PatchMatch (Barnes et al. 2009) as the patch search:
 *
 *   1. pyramid: halve image and hole until the short side nears `minLevelSide`;
 *   2. coarsest level: smooth initial guess (push-pull), random field, many cheap iterations;
 *   3. each finer level: the coarser field doubled is the start; a few iterations of
 *      PatchMatch sweeps → vote; fewer where pixels are many (the coarse levels fixed the layout);
 *   4. finest level: the fill's low frequencies are pulled onto the hole's boundary
 *      (exemplar/boundary-correction.ts, gradient-domain), then the fill is laid over a smooth
 *      harmonic/biharmonic base and kept where it can be trusted, at the hole's edge
 *      (exemplar/compose.ts). Deep inside a hole in a photo a copied patch is a guess; the smooth
 *      base is the smaller error there (bench/removal). detailFloor: 1 keeps the whole patch fill.
 * Patch distances carry a locality prior: among equally good sources the nearer one wins, as in
 * a user's "sample from around the selection".
 *
 * Pixels outside the hole are returned unchanged, bit for bit; blending with a feathered mask is
 * the caller's (composite.ts). Deterministic for a given seed; at detailFloor 0 the seed plays no part.
 */
import { createRgbaImage, type GrayImage, type RgbaImage } from "./image";
import { assertGrayImage, assertRgbaImage, assertSameSize } from "./image-checks";
import { ImagingOptionError } from "./errors";
import { prefillMasked } from "./prefill";
import { createRandom, downsampleLevel, levelSets, upsampleHoleValues, type FillLevel, type LevelSets } from "./exemplar/level";
import { improveNnf, randomNnf, refreshCosts, upsampleNnf, type Nnf } from "./exemplar/patch-match";
import { vote } from "./exemplar/vote";
import { distanceToKnown } from "./exemplar/distance";
import { composeOverSmoothBase } from "./exemplar/compose";
import { correctToBoundary } from "./exemplar/boundary-correction";
import { continueEdge } from "./exemplar/edge-continuation";

export interface ExemplarFillOptions {
  /** Patch half-size: 3 → 7×7 patches. */
  patchRadius?: number;
  /** Mask values above this are filled. Default 0: any coverage is filled. */
  threshold?: number;
  /** Coarsest pyramid level's short side stays at least this. */
  minLevelSide?: number;
  /** Iterations (sweeps + vote) at the coarsest level; finer levels use fewer. */
  coarseIterations?: number;
  /**
   * Prior for nearby sources: added to a patch distance per squared pixel between target and
   * source (at full resolution; scaled per level). 0.5 ≈ a 40 px farther source must match one
   * grey level per channel better over a 7×7 patch.
   */
  localityPenalty?: number;
  /** Share of the copied patches kept deep inside the hole over the smooth base (exemplar/compose.ts); 1 keeps all. */
  detailFloor?: number;
  seed?: number;
}

export const DEFAULT_EXEMPLAR_OPTIONS = Object.freeze({
  patchRadius: 3,
  threshold: 0,
  minLevelSide: 16,
  coarseIterations: 8,
  localityPenalty: 0.5,
  detailFloor: 0,
  seed: 1,
});

/** Above this many target patches a level gets one iteration: its layout comes from below. */
const LARGE_LEVEL_TARGETS = 120_000;
/** Random search radius at levels finer than the coarsest: the doubled field only needs local repair. */
const FINE_SEARCH_RADIUS = 8;
/** A level needs this many source patches to be worth searching; else the pyramid stops above it. */
const MIN_SOURCES = 16;

function toLevel(image: RgbaImage, mask: GrayImage, threshold: number, locality: number): FillLevel {
  const n = image.width * image.height;
  const rgb = new Float32Array(n * 3), hole = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    hole[i] = mask.data[i] > threshold ? 1 : 0;
    // Hole pixels start at 0: what is under the hole (the object being removed) must reach no step.
    if (hole[i]) continue;
    rgb[3 * i] = image.data[4 * i];
    rgb[3 * i + 1] = image.data[4 * i + 1];
    rgb[3 * i + 2] = image.data[4 * i + 2];
  }
  return { width: image.width, height: image.height, rgb, hole, locality };
}

/** Smooth first guess for the coarsest hole: push-pull from the surroundings (prefill "blur"). */
function initialGuess(level: FillLevel): void {
  const { width: w, height: h } = level;
  const img = createRgbaImage(w, h);
  const mask: GrayImage = { width: w, height: h, data: new Uint8Array(w * h) };
  for (let i = 0; i < w * h; i++) {
    for (let c = 0; c < 3; c++) img.data[4 * i + c] = level.rgb[3 * i + c];
    img.data[4 * i + 3] = 255;
    mask.data[i] = level.hole[i] ? 255 : 0;
  }
  const filled = prefillMasked(img, mask, "blur");
  for (let i = 0; i < w * h; i++) {
    if (level.hole[i]) for (let c = 0; c < 3; c++) level.rgb[3 * i + c] = filled.data[4 * i + c];
  }
}

/** `iterations` × (PatchMatch sweep → vote); sweeps alternate direction so matches travel both ways. */
function iterate(level: FillLevel, sets: LevelSets, nnf: Nnf, radius: number, iterations: number, searchRadius: number, random: () => number): void {
  for (let it = 0; it < iterations; it++) {
    if (it > 0) refreshCosts(level, sets, nnf, radius);
    improveNnf(level, sets, nnf, radius, searchRadius, it % 2 === 1, random);
    vote(level, sets, nnf, radius);
  }
}

/**
 * Levels down to where the hole is about one patch thick (its deepest pixel within `radius` of a
 * known one): there every patch touches real pixels, so the start guess hardly matters, and the
 * layout chosen there is carried up. Deeper would only lose the image's detail.
 */
function buildPyramid(finest: FillLevel, radius: number, minSide: number): { levels: FillLevel[]; sets: LevelSets[] } {
  const levels = [finest];
  const sets = [levelSets(finest, radius)];
  let depth = 0;
  for (const d of distanceToKnown(finest)) if (d > depth) depth = d;
  for (;;) {
    const top = levels[levels.length - 1];
    if (depth / 2 ** (levels.length - 1) <= radius || Math.min(top.width, top.height) / 2 < minSide) break;
    const next = downsampleLevel(top);
    const nextSets = levelSets(next, radius);
    if (nextSets.sources.length < MIN_SOURCES) break;
    levels.push(next);
    sets.push(nextSets);
  }
  return { levels, sets };
}

function validate(image: RgbaImage, mask: GrayImage, o: Required<ExemplarFillOptions>): void {
  assertRgbaImage(image, "image to fill");
  assertGrayImage(mask);
  assertSameSize(image, mask, "image to fill", "mask");
  if (!Number.isInteger(o.patchRadius) || o.patchRadius < 1 || o.patchRadius > 8) {
    throw new ImagingOptionError(`The exemplar fill's patchRadius must be an integer from 1 to 8; got ${o.patchRadius}.`);
  }
  if (!(o.localityPenalty >= 0) || !(o.detailFloor >= 0 && o.detailFloor <= 1)) {
    throw new ImagingOptionError(`The exemplar fill needs localityPenalty ≥ 0 and detailFloor in [0, 1]; got ${o.localityPenalty} and ${o.detailFloor}.`);
  }
  if (!Number.isInteger(o.coarseIterations) || o.coarseIterations < 1) {
    throw new ImagingOptionError(`The exemplar fill's coarseIterations must be a positive integer; got ${o.coarseIterations}.`);
  }
}

/** The raw patch fill at full resolution (before any finishing). */
export interface PatchFill {
  finest: FillLevel;
  levels: number;
}

/** Coarse-to-fine PatchMatch + voting; null when no whole patch lies outside the hole. */
export function synthesizePatchFill(image: RgbaImage, mask: GrayImage, o: Required<ExemplarFillOptions>): PatchFill | null {
  const radius = o.patchRadius;
  const finest = toLevel(image, mask, o.threshold, o.localityPenalty);
  const { levels, sets } = buildPyramid(finest, radius, o.minLevelSide);
  if (sets[0].sources.length === 0) return null;
  const random = createRandom(o.seed);
  let top = levels.length - 1;
  initialGuess(levels[top]);
  let nnf = randomNnf(levels[top], sets[top], radius, random);
  iterate(levels[top], sets[top], nnf, radius, o.coarseIterations, Math.max(levels[top].width, levels[top].height), random);
  for (top--; top >= 0; top--) {
    const level = levels[top];
    // The first costs at this level (they weigh the first vote) compare against the coarser fill.
    upsampleHoleValues(levels[top + 1], level);
    nnf = upsampleNnf(levels[top + 1], nnf, level, sets[top], radius, random);
    vote(level, sets[top], nnf, radius);
    refreshCosts(level, sets[top], nnf, radius);
    const iterations = sets[top].targets.length > LARGE_LEVEL_TARGETS ? 1 : 2;
    iterate(level, sets[top], nnf, radius, iterations, FINE_SEARCH_RADIUS, random);
  }
  return { finest, levels: levels.length };
}

/**
 * The level as the finishing steps need it when no copied pixel can reach the output: with
 * detailFloor 0 the compose step keeps copied detail only on the hole's first ring, and
 * exemplar/edge-continuation.ts sets that ring to the mean of its nearest known pixels whatever
 * the patches there were. The search would be spent for nothing (it was about half the time), so
 * it is skipped; the result is the same, byte for byte (test/imaging/exemplar-fill.test.ts). Null,
 * as for the search, when no whole patch lies outside the hole.
 */
function unsearchedFill(image: RgbaImage, mask: GrayImage, o: Required<ExemplarFillOptions>): PatchFill | null {
  const finest = toLevel(image, mask, o.threshold, o.localityPenalty);
  return levelSets(finest, o.patchRadius).sources.length === 0 ? null : { finest, levels: 1 };
}

/** A copy of `image` whose masked pixels are filled from the rest of it (alpha 255 there). */
export function exemplarFill(image: RgbaImage, mask: GrayImage, options: ExemplarFillOptions = {}): RgbaImage {
  const o = { ...DEFAULT_EXEMPLAR_OPTIONS, ...options };
  validate(image, mask, o);
  const out = createRgbaImage(image.width, image.height);
  out.data.set(image.data);
  const hole = mask.data.map((v) => (v > o.threshold ? 1 : 0));
  if (!hole.includes(1)) return out;
  const fill = o.detailFloor > 0 ? synthesizePatchFill(image, mask, o) : unsearchedFill(image, mask, o);
  if (!fill) {
    // Nothing to copy from (the hole leaves no whole patch): the smooth fill is all there is.
    return prefillMasked(image, { ...mask, data: hole.map((v) => v * 255) }, "blur");
  }
  const { finest } = fill;
  if (o.detailFloor > 0) correctToBoundary(finest);
  else continueEdge(finest);
  composeOverSmoothBase(finest, o.detailFloor);
  for (let i = 0; i < finest.hole.length; i++) {
    if (!finest.hole[i]) continue;
    out.data[4 * i] = finest.rgb[3 * i];
    out.data[4 * i + 1] = finest.rgb[3 * i + 1];
    out.data[4 * i + 2] = finest.rgb[3 * i + 2];
    out.data[4 * i + 3] = 255;
  }
  return out;
}
