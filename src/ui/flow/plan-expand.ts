/**
 * Step 3 for Expand (imaging): the canvas and its tiles, and the inpaint request every tile shares
 * (prompt, steps, guidance; the tile's pixels and mask are filled in when it runs, because each
 * tile sees what the tiles before it painted). Pure and synchronous.
 */
import type { GenerateRequest, PromptInput } from "../../contract/worker-protocol";
import { createRgbaImage, pasteRgba, planExpandTiles, type ExpandCanvasPlan, type ExpandTilePlan, type RgbaImage } from "../../imaging";
import { seedsFor, type PanelSettings } from "../settings/panel-settings";
import type { ExpandSourceGeometry } from "./expand-source";
import type { GenerationPlan } from "./plan-generation";

export interface ExpandRunPlan {
  canvas: ExpandCanvasPlan;
  tiles: ExpandTilePlan;
  colorMatch: boolean;
  /** Canvas-sized: the original in place, the new area transparent (the "before" of the preview). */
  before: RgbaImage;
}

export type ExpandGenerationPlan = GenerationPlan & { expand: ExpandRunPlan };

export interface PlanExpandInput {
  source: RgbaImage;
  geometry: ExpandSourceGeometry;
  settings: PanelSettings;
  maxModelSide: number;
  seed: number;
  encodePrompt?: (text: string) => PromptInput;
}

export function planExpand(input: PlanExpandInput): ExpandGenerationPlan {
  const { settings } = input;
  const canvas = input.geometry.expand.canvas;
  if (input.source.width !== canvas.image.width || input.source.height !== canvas.image.height) {
    throw new Error(`The captured source is ${input.source.width}×${input.source.height}, the plan expects ${canvas.image.width}×${canvas.image.height}.`);
  }
  const encode = input.encodePrompt ?? ((text: string) => text);
  const seeds = seedsFor(input.seed, settings.count);
  const request: GenerateRequest = {
    mode: "inpaint",
    prompt: encode(settings.prompt.trim()),
    negativePrompt: encode(settings.negativePrompt.trim()),
    numInferenceSteps: settings.steps,
    guidanceScale: settings.guidanceScale,
    strength: 1,
    numImagesPerPrompt: 1,
    preview: { enabled: false },
  };
  const before = createRgbaImage(canvas.width, canvas.height);
  pasteRgba(before, input.source, canvas.image.x, canvas.image.y);
  return {
    mode: "expand",
    prepared: null,
    request,
    seeds,
    strength: 1,
    expand: { canvas, tiles: planExpandTiles(canvas, canvas.image, input.maxModelSide), colorMatch: settings.colorMatch, before },
  };
}

/**
 * Seed of tile `t` of the image made from `seed`: tile 0 uses the seed itself, later tiles step by
 * the golden-ratio constant so equal-sized tiles do not start from the same noise.
 */
export function tileSeed(seed: number, t: number): number {
  return (seed + Math.imul(t, 0x9e3779b1)) >>> 0;
}
