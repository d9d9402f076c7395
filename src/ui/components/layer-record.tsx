/**
 * When the selected image was made by the add-on, its recorded settings (addOnData) can be loaded
 * back into the panel: regenerate from a layer. A button, not automatic, so selecting a generated
 * layer never overwrites a prompt the user is writing. The note shows the values the button will
 * apply (clamped to the panel's limits), and says when the stored ones had to be adjusted.
 */
import type { PanelSettings } from "../settings/panel-settings";
import { layerRecordText } from "../settings/from-record";
import { SpButton } from "../spectrum/components";

export function LayerRecord({ applied, adjustments, onUse }: { applied: PanelSettings; adjustments: readonly string[]; onUse: () => void }) {
  const text = layerRecordText(applied, adjustments);
  return (
    <div className="notice layer-record" data-testid="layer-record">
      <p>{text.summary}</p>
      {text.adjusted && <p data-testid="layer-record-adjusted">{text.adjusted}</p>}
      <SpButton size="s" variant="secondary" data-testid="use-layer-settings" onClick={onUse}>
        Use its settings
      </SpButton>
    </div>
  );
}
