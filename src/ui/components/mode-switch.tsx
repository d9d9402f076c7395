/**
 * The modes as a row of toggle buttons; modes the selection does not allow are disabled, and a note
 * under the row says how to get Generative fill when only an image is selected. The pressed state is
 * aria-pressed on Spectrum buttons (styled in panel.css): SWC 1.12 deprecates sp-action-button's
 * `selected`, and its first update strips an aria-pressed it did not set itself.
 */
import { SpButton } from "../spectrum/components";
import { MODE_LABELS } from "../flow/modes";
import { PANEL_MODES, type PanelMode } from "../settings/panel-settings";

export function ModeSwitch({ mode, available, note, onPick }: { mode: PanelMode | null; available: PanelMode[]; note: string | null; onPick: (mode: PanelMode) => void }) {
  return (
    <div className="mode-field">
      <div className="mode-switch" role="group" aria-label="Mode" aria-describedby={note ? "mode-note" : undefined}>
        {PANEL_MODES.map((m) => (
          <SpButton
            key={m}
            size="s"
            variant="secondary"
            treatment={m === mode ? "fill" : "outline"}
            className="toggle-button"
            aria-pressed={m === mode ? "true" : "false"}
            disabled={!available.includes(m)}
            data-testid={`mode-${m}`}
            onClick={() => onPick(m)}
          >
            {MODE_LABELS[m]}
          </SpButton>
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
