/**
 * When the selected image was made by the add-on, its recorded settings (addOnData) can be loaded
 * back into the panel: regenerate from a layer. A button, not automatic, so selecting a generated
 * layer never overwrites a prompt the user is writing. The note shows the values the button will
 * apply (clamped to the panel's limits), and says when the stored ones had to be adjusted.
 */
import type { PanelSettings } from "../settings/panel-settings";
import { SpButton } from "../spectrum/components";

const PROMPT_PREVIEW = 120;

export function LayerRecord({ applied, adjustments, onUse }: { applied: PanelSettings; adjustments: readonly string[]; onUse: () => void }) {
  const prompt = applied.prompt.length > PROMPT_PREVIEW ? `${applied.prompt.slice(0, PROMPT_PREVIEW)}…` : applied.prompt;
  return (
    <div className="notice layer-record" data-testid="layer-record">
      <p>
        {applied.prompt.trim() ? `Made with this add-on from “${prompt}”` : "Made with this add-on, without a prompt"}, seed {applied.seed}, {applied.steps} steps.
      </p>
      {adjustments.length > 0 && (
        <p data-testid="layer-record-adjusted">
          Its stored settings were outside this panel's limits, so these are used instead: {adjustments.join("; ")}.
        </p>
      )}
      <SpButton size="s" variant="secondary" data-testid="use-layer-settings" onClick={onUse}>
        Use its settings
      </SpButton>
    </div>
  );
}
