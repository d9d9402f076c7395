/**
 * A layer's GenerationRecord → the panel settings that re-make it (seed locked, same model).
 * A record is data from the document: anything may be in it (an older version, another add-on,
 * a hand edit). The settings it gives are clamped to the panel's limits, and every value that
 * had to change is listed, so the layer note shows exactly what "Use its settings" applies.
 */
import type { GenerationRecord } from "../../contract";
import { LIMITS, PANEL_MODES, sanitizeSettings, type PanelMode, type PanelSettings } from "./panel-settings";
import { isExpandAnchorCode, isExpandTargetCode } from "../flow/expand-settings";

export interface RecordSettings {
  settings: PanelSettings;
  /** One phrase per value that was out of range, e.g. "steps 1,000,000,000 → 50"; empty when none. */
  adjustments: string[];
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const large = Math.abs(value) >= 1e12;
  return new Intl.NumberFormat("en-US", { maximumSignificantDigits: 6, notation: large ? "scientific" : "standard" }).format(value);
}

export function recordSettings(current: PanelSettings, record: GenerationRecord): RecordSettings {
  const mode = PANEL_MODES.includes(record.mode as PanelMode) ? (record.mode as PanelMode) : current.modeOverride;
  const settings = sanitizeSettings({
    ...current,
    prompt: record.prompt,
    negativePrompt: record.negativePrompt,
    seed: record.seed,
    seedLocked: true,
    steps: record.steps,
    guidanceScale: record.guidanceScale,
    strength: mode === "restyle" ? record.strength : current.strength,
    modeOverride: mode,
    modelId: record.model,
    expandTarget: isExpandTargetCode(record.expand?.target) ? record.expand.target : current.expandTarget,
    expandAnchor: isExpandAnchorCode(record.expand?.anchor) ? record.expand.anchor : current.expandAnchor,
  });
  const adjustments: string[] = [];
  const number = (label: string, stored: unknown, applied: number) => {
    if (stored !== applied) adjustments.push(`${label} ${typeof stored === "number" ? formatNumber(stored) : "missing"} → ${formatNumber(applied)}`);
  };
  const text = (label: string, stored: unknown) => {
    if (typeof stored === "string" && stored.length > LIMITS.promptLength) adjustments.push(`${label} cut to ${formatNumber(LIMITS.promptLength)} characters`);
  };
  text("prompt", record.prompt);
  text("negative prompt", record.negativePrompt);
  number("seed", record.seed, settings.seed);
  number("steps", record.steps, settings.steps);
  number("guidance", record.guidanceScale, settings.guidanceScale);
  if (mode === "restyle") number("strength", record.strength, settings.strength);
  return { settings, adjustments };
}

export function settingsFromRecord(current: PanelSettings, record: GenerationRecord): PanelSettings {
  return recordSettings(current, record).settings;
}

const PROMPT_PREVIEW = 120;

/** The layer note's two sentences: what "Use its settings" applies, and what had to be adjusted (or null). */
export function layerRecordText(applied: PanelSettings, adjustments: readonly string[]): { summary: string; adjusted: string | null } {
  const prompt = applied.prompt.length > PROMPT_PREVIEW ? `${applied.prompt.slice(0, PROMPT_PREVIEW)}…` : applied.prompt;
  return {
    summary: `${applied.prompt.trim() ? `Made with this add-on from “${prompt}”` : "Made with this add-on, without a prompt"}, seed ${applied.seed}, ${applied.steps} steps.`,
    adjusted: adjustments.length > 0 ? `Its stored settings were outside this panel's limits, so these are used instead: ${adjustments.join("; ")}.` : null,
  };
}
