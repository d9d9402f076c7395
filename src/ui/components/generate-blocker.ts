/**
 * Why Generate is disabled, in words that say what to do next — and, when the next step is a
 * download, the download itself, so it is one press away instead of at the bottom of the panel.
 * Pure (tested in Node); App renders it under the button.
 */
import type { SelectionSummary } from "../../contract";
import { denoisingSteps, MODE_LABELS, strengthFor } from "../flow/modes";
import type { ModelStatus } from "../models/model-library";
import { LIMITS, type PanelMode } from "../settings/panel-settings";
import { formatBytes } from "./format-bytes";

export interface GenerateBlocker {
  reason: string;
  /**
   * The model download that unblocks Generate, as one button that turns into Cancel while it runs
   * (like Generate / Cancel), so keyboard focus has somewhere to stay.
   */
  action: { kind: "download" | "cancel-download"; modelId: string; label: string } | null;
}

export interface BlockerInput {
  engineStarted: boolean;
  engineFailed: boolean;
  selection: SelectionSummary | undefined;
  mode: PanelMode | null;
  /** The model Generate would use (null: none can do the mode on this device). */
  model: { id: string; displayName: string; status: ModelStatus } | null;
  steps: number;
  strength: number;
}

const blocked = (reason: string): GenerateBlocker => ({ reason, action: null });

export function generateBlocker(input: BlockerInput): GenerateBlocker | null {
  const { selection, mode, model } = input;
  if (input.engineFailed) return blocked("The engine could not start: reload the panel.");
  if (!input.engineStarted) return blocked("Starting the engine…");
  if (!selection) return blocked("Waiting for the document…");
  if (selection.type === "unsupported" || !mode) return blocked("Select an image or shapes on the page to start.");
  if (mode === "remove") return null; // the engine's built-in fill: nothing to download or pick
  if (!model) return blocked(`No model that can do ${MODE_LABELS[mode]} runs on this device: Models below says why.`);
  const status = model.status;
  const name = `“${model.displayName}”`;
  switch (status.state) {
    case "absent":
      return { reason: `${name} is not on this device yet.`, action: { kind: "download", modelId: model.id, label: `Download (${formatBytes(status.downloadBytes)})` } };
    case "partial":
      return {
        reason: `${name} is partly downloaded (${formatBytes(status.bytesOnDisk)} of ${formatBytes(status.downloadBytes)}).`,
        action: { kind: "download", modelId: model.id, label: "Resume download" },
      };
    case "downloading": {
      const percent = status.totalBytes > 0 ? Math.floor((100 * status.loadedBytes) / status.totalBytes) : 0;
      return {
        reason: `Downloading ${name}… ${percent}%. Generate turns on when it is done.`,
        action: { kind: "cancel-download", modelId: model.id, label: "Cancel download" },
      };
    }
    case "unsupported":
      return blocked(`${name} cannot run on this device: pick another model under Advanced.`);
    case "present":
      break;
  }
  return stepsBlocker(mode, input.steps, input.strength);
}

/** Restyle (and variations at one step) can ask for a strength that leaves no denoising step. */
function stepsBlocker(mode: PanelMode, steps: number, userStrength: number): GenerateBlocker | null {
  const strength = strengthFor(mode, userStrength, steps);
  if (denoisingSteps(steps, strength) >= 1) return null;
  const sliderStep = 0.05; // the Strength slider's step (prompt-settings.tsx)
  const minStrength = Math.min(LIMITS.strength.max, Math.ceil(1 / steps / sliderStep - 1e-9) * sliderStep);
  let minSteps = Math.ceil(1 / strength);
  while (denoisingSteps(minSteps, strength) < 1) minSteps++;
  const stepsAdvice = minSteps <= LIMITS.steps.max ? ` or Steps (Advanced) to ${minSteps}` : "";
  return blocked(
    `Strength ${formatStrength(strength)} at ${steps} ${steps === 1 ? "step" : "steps"} leaves nothing to repaint: raise Strength to ${formatStrength(minStrength)}${stepsAdvice}.`,
  );
}

function formatStrength(strength: number): string {
  return String(Math.round(strength * 100) / 100);
}
