/**
 * Step 3 of the flow (imaging): from the source pixels and the settings to the engine request.
 *   region modes (shapes): mask from the shapes, grown for the model and feathered for the blend,
 *                          the context region around it at the model's size (prepareFill);
 *   painted mask:          the region editor's raster takes the shapes' place, same planning;
 *   whole-image modes:     the image resized to the model's size (long side = the model's).
 * Pure; synchronous (planGeneration) or a step at a time (planGenerationSteps), tested in Node.
 */
import type { GenerateRequest, PromptInput } from "../../contract/worker-protocol";
import { prepareFillSteps, resizeRgba, runSteps, type GrayImage, type MaskShape, type MaskSource, type PreparedFill, type RgbaImage, type Steps } from "../../imaging";
import type { PanelMode, PanelSettings } from "../settings/panel-settings";
import { seedsFor } from "../settings/panel-settings";
import { imageCountFor, strengthFor } from "./modes";
import type { ExpandRunPlan } from "./plan-expand";
import { sdPrefillFor } from "./sd-prefill";

export interface PlanInput {
  mode: PanelMode;
  source: RgbaImage;
  /** Shapes in source px; empty = the whole image. */
  maskShapes: readonly MaskShape[];
  /** The region editor's mask (source-sized, 0 keep … 255 repaint); when set it replaces the shapes. */
  paintedMask?: GrayImage | null;
  settings: PanelSettings;
  /** The model's long side (multiple of 8, ≥ 64). */
  maxModelSide: number;
  /** First seed of the batch (image k uses seed + k). */
  seed: number;
  encodePrompt?: (text: string) => PromptInput;
}

export interface GenerationPlan {
  mode: PanelMode;
  /** Set for region modes: how the result goes back into the source. */
  prepared: PreparedFill | null;
  request: GenerateRequest;
  seeds: number[];
  strength: number;
  /** Set for Expand: the canvas and its tiles (the request is then a per-tile template). */
  expand?: ExpandRunPlan;
  /** SD starts from the built-in fill: the engine worker fills the hole before the run (remove-prefill.ts). */
  workerPrefill?: "exemplar";
}

function roundTo8(v: number): number {
  return Math.max(8, Math.round(v / 8) * 8);
}

/** The model-size copy of a whole image: long side = maxModelSide, both sides multiples of 8. */
export function modelSizeFor(width: number, height: number, maxModelSide: number): { width: number; height: number } {
  const s = maxModelSide / Math.max(width, height);
  return width >= height ? { width: maxModelSide, height: roundTo8(height * s) } : { width: roundTo8(width * s), height: maxModelSide };
}

export function planGeneration(input: PlanInput): GenerationPlan {
  return runSteps(planGenerationSteps(input));
}

/** planGeneration, yielding between its pixel steps (imaging/steps.ts): the panel's form (plan-run.ts). */
export function* planGenerationSteps(input: PlanInput): Steps<GenerationPlan> {
  const { settings, mode } = input;
  const strength = strengthFor(mode, settings.strength, settings.steps);
  const seeds = seedsFor(input.seed, imageCountFor(mode, settings.count));
  const encode = input.encodePrompt ?? ((text: string) => text);
  const common = {
    prompt: encode(settings.prompt.trim()),
    negativePrompt: encode(settings.negativePrompt.trim()),
    numInferenceSteps: settings.steps,
    guidanceScale: settings.guidanceScale,
    numImagesPerPrompt: seeds.length,
    seeds,
    preview: { enabled: true, maxSize: 128 },
    // The Fast finish: TAESD decodes the result (the engine uses the VAE, and says so, without TAESD).
    ...(settings.fastFinish ? { finish: "fast" as const } : {}),
  };
  const maskSource: MaskSource | null = input.paintedMask ? { mask: input.paintedMask } : input.maskShapes.length > 0 ? { shapes: input.maskShapes } : null;
  if (maskSource) {
    // Remove's engines read only the pixels around the hole: nothing to pre-fill for them.
    const prefill = mode === "remove" ? "keep" : sdPrefillFor(strength, settings.prompt);
    const prepared = yield* prepareFillSteps(input.source, maskSource, {
      maxModelSide: input.maxModelSide,
      growPx: settings.growPx,
      featherPx: settings.featherPx,
      // The exemplar fill takes seconds: the worker does it before the run (remove-prefill.ts), never this thread.
      prefill: prefill === "exemplar" ? "keep" : prefill,
    });
    return {
      mode,
      prepared,
      seeds,
      strength,
      request: { ...common, mode: "inpaint", strength, image: prepared.modelImage, mask: prepared.modelMask },
      ...(prefill === "exemplar" ? { workerPrefill: "exemplar" as const } : {}),
    };
  }
  const size = modelSizeFor(input.source.width, input.source.height, input.maxModelSide);
  const image = resizeRgba(input.source, size.width, size.height);
  return { mode, prepared: null, seeds, strength, request: { ...common, mode: "img2img", strength, image } };
}
