/** The three modes as a row of toggle buttons; modes the selection does not allow are disabled. */
import { SpActionButton } from "../spectrum/components";
import { MODE_LABELS } from "../flow/modes";
import { PANEL_MODES, type PanelMode } from "../settings/panel-settings";

export function ModeSwitch({ mode, available, onPick }: { mode: PanelMode | null; available: PanelMode[]; onPick: (mode: PanelMode) => void }) {
  return (
    <div className="mode-switch" role="group" aria-label="Mode">
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
  );
}
