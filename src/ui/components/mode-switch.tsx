/**
 * The three modes as a row of toggle buttons; modes the selection does not allow are disabled, and
 * a note under the row says how to get Generative fill when only an image is selected.
 */
import { SpActionButton } from "../spectrum/components";
import { MODE_LABELS } from "../flow/modes";
import { PANEL_MODES, type PanelMode } from "../settings/panel-settings";

export function ModeSwitch({ mode, available, note, onPick }: { mode: PanelMode | null; available: PanelMode[]; note: string | null; onPick: (mode: PanelMode) => void }) {
  return (
    <div className="mode-field">
      <div className="mode-switch" role="group" aria-label="Mode" aria-describedby={note ? "mode-note" : undefined}>
        {PANEL_MODES.map((m) => (
          <SpActionButton
            key={m}
            size="m"
            selected={m === mode}
            aria-pressed={m === mode ? "true" : "false"}
            disabled={!available.includes(m)}
            data-testid={`mode-${m}`}
            onClick={() => onPick(m)}
          >
            {MODE_LABELS[m]}
          </SpActionButton>
        ))}
      </div>
      {note && (
        <p className="hint" id="mode-note" data-testid="mode-note">
          {note}
        </p>
      )}
    </div>
  );
}
