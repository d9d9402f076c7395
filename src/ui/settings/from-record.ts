/** A layer's GenerationRecord → the panel settings that re-make it (seed locked, same model). */
import type { GenerationRecord } from "../../contract";
import { PANEL_MODES, sanitizeSettings, type PanelMode, type PanelSettings } from "./panel-settings";
import { isExpandAnchorCode, isExpandTargetCode } from "../flow/expand-settings";

export function settingsFromRecord(current: PanelSettings, record: GenerationRecord): PanelSettings {
  const mode = PANEL_MODES.includes(record.mode as PanelMode) ? (record.mode as PanelMode) : current.modeOverride;
  return sanitizeSettings({
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
}
