/**
 * When the selected image was made by the add-on, its recorded settings (addOnData) can be loaded
 * back into the panel: regenerate from a layer. A button, not automatic, so selecting a generated
 * layer never overwrites a prompt the user is writing.
 */
import type { GenerationRecord } from "../../contract";
import { SpButton } from "../spectrum/components";

export function LayerRecord({ record, onUse }: { record: GenerationRecord; onUse: () => void }) {
  return (
    <div className="notice layer-record" data-testid="layer-record">
      <p>
        {record.prompt.trim() ? `Made with this add-on from “${record.prompt}”` : "Made with this add-on, without a prompt"}, seed {record.seed}, {record.steps} steps.
      </p>
      <SpButton size="s" variant="secondary" data-testid="use-layer-settings" onClick={onUse}>
        Use its settings
      </SpButton>
    </div>
  );
}
