/**
 * The always-visible settings: prompt, number of images, quality preset, strength (restyle).
 * Remove has no prompt, no model to pick, and one image: its removers are deterministic.
 */
import { SpMenuItem } from "../spectrum/components";
import type { PanelMode, QualityPreset } from "../settings/panel-settings";
import { PromptField } from "./prompt-field";
import { PickerField, SettingSlider, type SettingsProps } from "./fields";

export function PromptSettings({ settings, update, disabled, mode, onPreset }: SettingsProps & { mode: PanelMode | null; onPreset: (preset: QualityPreset) => void }) {
  // Spectrum draws placeholders in the text colour, so an example in one reads like a typed prompt:
  // examples go in help text under the field instead.
  const help = mode === "fill" ? "What to paint there, e.g. “a red balloon”." : "The look you want, e.g. “watercolour, soft evening light”.";
  const common = { settings, update, disabled };
  return (
    <section className="field-stack" aria-label="Prompt and quality">
      {mode !== "remove" && <PromptField value={settings.prompt} help={help} disabled={disabled} onChange={(prompt) => update({ prompt })} />}
      <div className="row">
        {mode !== "remove" && <SettingSlider setting="count" label="Images" step={1} {...common} />}
        {mode !== "remove" && (
          <PickerField id="preset" label="Quality" value={settings.preset} disabled={disabled} onPick={(v) => onPreset(v as QualityPreset)}>
            <SpMenuItem value="fast">Fast</SpMenuItem>
            <SpMenuItem value="quality">Quality</SpMenuItem>
          </PickerField>
        )}
      </div>
      {mode === "restyle" && <SettingSlider setting="strength" label="Strength" step={0.05} {...common} />}
    </section>
  );
}
