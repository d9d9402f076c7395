/**
 * Expand's controls: the new size (a ratio, a scale or the page), where the original sits in it
 * (a 3 × 3 anchor grid; the page target places the image where it already is), and one line with
 * the size the new layer will have — or why that target cannot be made, before Generate is pressed.
 * Free margins come from the region editor's margin handles (ExpandTarget "margins"), not from here.
 */
import type { ImageSelection } from "../../contract";
import { SpButton, SpMenuItem } from "../spectrum/components";
import { ANCHOR_LABELS, EXPAND_ANCHOR_CODES, EXPAND_TARGET_CODES, expandTargetLabel, type ExpandAnchorCode, type ExpandTargetCode } from "../flow/expand-settings";
import { expandSourceGeometry } from "../flow/expand-source";
import { PickerField, type SettingsProps } from "./fields";
import "./expand-settings.css";

/** The line under the controls: the new layer's size in document px and any adjustment, or the refusal. */
export function expandSummary(selection: ImageSelection, settings: SettingsProps["settings"], maxModelSide: number): { ok: boolean; text: string } {
  try {
    const g = expandSourceGeometry(selection, maxModelSide, settings);
    const { box } = g.expand.canvas;
    const size = `New layer ${Math.round(box.width)} × ${Math.round(box.height)} (the image is ${Math.round(selection.image.width)} × ${Math.round(selection.image.height)}).`;
    return { ok: true, text: g.expand.notice ? `${size} ${g.expand.notice}` : size };
  } catch (error) {
    return { ok: false, text: error instanceof Error ? error.message : String(error) };
  }
}

export function ExpandSettings({ settings, update, disabled, selection, maxModelSide }: SettingsProps & { selection: ImageSelection; maxModelSide: number }) {
  const summary = expandSummary(selection, settings, maxModelSide);
  const anchorOff = disabled || settings.expandTarget === "page";
  return (
    <section className="field-stack expand-settings" aria-label="Expand" data-testid="expand-settings">
      <div className="row">
        <PickerField id="expand-target" label="New size" value={settings.expandTarget} disabled={disabled} onPick={(v) => update({ expandTarget: v as ExpandTargetCode })}>
          {EXPAND_TARGET_CODES.map((code) => (
            <SpMenuItem key={code} value={code}>
              {code === "page" ? "Fill the page" : code.startsWith("scale-") ? `Scale ${expandTargetLabel(code)}` : `Ratio ${code}`}
            </SpMenuItem>
          ))}
        </PickerField>
        <div className="expand-anchor-field">
          <span className="expand-anchor-label" id="expand-anchor-label">
            Keep the image at
          </span>
          <div className="expand-anchor" role="group" aria-labelledby="expand-anchor-label" data-testid="expand-anchor">
            {EXPAND_ANCHOR_CODES.map((code: ExpandAnchorCode) => {
              const [x, y] = code.split("-") as [keyof typeof ANCHOR_LABELS, keyof typeof ANCHOR_LABELS];
              const on = settings.expandAnchor === code;
              return (
                <SpButton
                  key={code}
                  size="s"
                  variant="secondary"
                  treatment={on ? "fill" : "outline"}
                  className="toggle-button"
                  aria-pressed={on ? "true" : "false"}
                  aria-label={`${ANCHOR_LABELS[y]} ${ANCHOR_LABELS[x]}`}
                  title={`${ANCHOR_LABELS[y]} ${ANCHOR_LABELS[x]}`}
                  disabled={anchorOff}
                  data-testid={`anchor-${code}`}
                  onClick={() => update({ expandAnchor: code })}
                >
                  {on ? "■" : "·"}
                </SpButton>
              );
            })}
          </div>
        </div>
      </div>
      <p className={summary.ok ? "hint" : "hint expand-refused"} role="status" data-testid="expand-summary">
        {summary.text}
      </p>
    </section>
  );
}
