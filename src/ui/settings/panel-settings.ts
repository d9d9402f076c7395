/**
 * What the panel remembers between openings (Express resets panel state often): every choice the
 * user made, never images. `sanitizeSettings` accepts anything read back from storage — an older
 * version, a hand-edited value, garbage — and returns valid settings, so a bad stored value can
 * never break the panel.
 */

import { DEFAULT_EXPAND_ANCHOR, DEFAULT_EXPAND_TARGET, isExpandAnchorCode, isExpandTargetCode, type ExpandAnchorCode, type ExpandTargetCode } from "../flow/expand-settings";

/** What the panel does (the contract's GenerationMode adds text-to-image, not offered here). */
/** fill = Insert (prompt + generative fill); remove = the built-in fill from the surroundings, no model. */
export type PanelMode = "fill" | "remove" | "restyle" | "variations" | "expand";
export const PANEL_MODES: readonly PanelMode[] = ["fill", "remove", "restyle", "variations", "expand"];

/** Fast: few-step models (SD-Turbo, LCM). Quality: SD 1.5 inpainting with more steps. */
export type QualityPreset = "fast" | "quality";

export interface PanelSettings {
  version: 1;
  /** The mode the user picked; null = follow the selection. */
  modeOverride: PanelMode | null;
  prompt: string;
  negativePrompt: string;
  /** Images per Generate, 1–4. */
  count: number;
  preset: QualityPreset;
  /** The model the user picked; null = the preset's choice for the mode. */
  modelId: string | null;
  /** numInferenceSteps, 1–50. */
  steps: number;
  /** guidanceScale, 0–20 (≤ 1 turns classifier-free guidance off). */
  guidanceScale: number;
  /** Restyle strength, 0.05–1. */
  strength: number;
  seed: number;
  /** Locked: Generate reuses `seed`; unlocked: new seeds every time. */
  seedLocked: boolean;
  /** Mask grow / feather in source pixels. */
  growPx: number;
  featherPx: number;
  colorMatch: boolean;
  /** Decode the final image with TAESD instead of the model's VAE (offered once TAESD is downloaded). */
  fastFinish: boolean;
  advancedOpen: boolean;
  /** Generative Expand: the target size and where the original sits in it. */
  expandTarget: ExpandTargetCode;
  expandAnchor: ExpandAnchorCode;
}

export const MAX_SEED = 2 ** 32 - 1;

export interface PresetDefaults {
  steps: number;
  guidanceScale: number;
}

/** Steps and guidance each preset starts from (a model's own recommendation wins when it has one). */
export const PRESET_DEFAULTS: Record<QualityPreset, PresetDefaults> = {
  fast: { steps: 2, guidanceScale: 1 },
  quality: { steps: 25, guidanceScale: 7.5 },
};

export const DEFAULT_SETTINGS: PanelSettings = Object.freeze({
  version: 1,
  modeOverride: null,
  prompt: "",
  negativePrompt: "",
  count: 4,
  preset: "fast",
  modelId: null,
  steps: PRESET_DEFAULTS.fast.steps,
  guidanceScale: PRESET_DEFAULTS.fast.guidanceScale,
  strength: 0.6,
  seed: 42,
  seedLocked: false,
  growPx: 8,
  featherPx: 8,
  colorMatch: true,
  fastFinish: false,
  advancedOpen: false,
  expandTarget: DEFAULT_EXPAND_TARGET,
  expandAnchor: DEFAULT_EXPAND_ANCHOR,
}) as PanelSettings;

export const LIMITS = {
  count: { min: 1, max: 4 },
  steps: { min: 1, max: 50 },
  guidanceScale: { min: 0, max: 20 },
  strength: { min: 0.05, max: 1 },
  growPx: { min: 0, max: 64 },
  featherPx: { min: 0, max: 64 },
  promptLength: 1000,
} as const;

function clampNumber(value: unknown, min: number, max: number, fallback: number, integer = false): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return fallback;
  const v = integer ? Math.round(value) : value;
  return Math.min(max, Math.max(min, v));
}

function text(value: unknown, fallback: string): string {
  return typeof value === "string" ? value.slice(0, LIMITS.promptLength) : fallback;
}

/** Valid settings from any stored value: unknown fields dropped, bad ones replaced by defaults. */
export function sanitizeSettings(stored: unknown): PanelSettings {
  const s = (stored !== null && typeof stored === "object" ? stored : {}) as Record<string, unknown>;
  const d = DEFAULT_SETTINGS;
  const preset: QualityPreset = s.preset === "quality" || s.preset === "fast" ? s.preset : d.preset;
  return {
    version: 1,
    modeOverride: PANEL_MODES.includes(s.modeOverride as PanelMode) ? (s.modeOverride as PanelMode) : null,
    prompt: text(s.prompt, d.prompt),
    negativePrompt: text(s.negativePrompt, d.negativePrompt),
    count: clampNumber(s.count, LIMITS.count.min, LIMITS.count.max, d.count, true),
    preset,
    modelId: typeof s.modelId === "string" && s.modelId.length > 0 ? s.modelId : null,
    steps: clampNumber(s.steps, LIMITS.steps.min, LIMITS.steps.max, PRESET_DEFAULTS[preset].steps, true),
    guidanceScale: clampNumber(s.guidanceScale, LIMITS.guidanceScale.min, LIMITS.guidanceScale.max, PRESET_DEFAULTS[preset].guidanceScale),
    strength: clampNumber(s.strength, LIMITS.strength.min, LIMITS.strength.max, d.strength),
    seed: clampNumber(s.seed, 0, MAX_SEED, d.seed, true),
    seedLocked: typeof s.seedLocked === "boolean" ? s.seedLocked : d.seedLocked,
    growPx: clampNumber(s.growPx, LIMITS.growPx.min, LIMITS.growPx.max, d.growPx, true),
    featherPx: clampNumber(s.featherPx, LIMITS.featherPx.min, LIMITS.featherPx.max, d.featherPx, true),
    colorMatch: typeof s.colorMatch === "boolean" ? s.colorMatch : d.colorMatch,
    fastFinish: typeof s.fastFinish === "boolean" ? s.fastFinish : d.fastFinish,
    advancedOpen: typeof s.advancedOpen === "boolean" ? s.advancedOpen : d.advancedOpen,
    expandTarget: isExpandTargetCode(s.expandTarget) ? s.expandTarget : d.expandTarget,
    expandAnchor: isExpandAnchorCode(s.expandAnchor) ? s.expandAnchor : d.expandAnchor,
  };
}

/** A random seed in [0, 2^32) (crypto when available, so two panels never start alike). */
export function randomSeed(): number {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c?.getRandomValues) return c.getRandomValues(new Uint32Array(1))[0];
  return Math.floor(Math.random() * (MAX_SEED + 1));
}

/** One seed per image: consecutive from `seed`, so image k can be re-made alone from seed + k. */
export function seedsFor(seed: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => (seed + k) % (MAX_SEED + 1));
}
