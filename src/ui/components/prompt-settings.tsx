/** The always-visible settings: prompt, number of images, quality preset, strength (restyle). */
import type { Picker } from "@spectrum-web-components/picker";
import { sliderHandlers } from "../spectrum/slider-value";
import type { Textfield } from "@spectrum-web-components/textfield";
import { SpFieldLabel, SpMenuItem, SpPicker, SpSlider, SpTextfield } from "../spectrum/components";
import { LIMITS, type PanelMode, type PanelSettings, type QualityPreset } from "../settings/panel-settings";

export interface SettingsProps {
  settings: PanelSettings;
  update: (change: Partial<PanelSettings>) => void;
  disabled: boolean;
}

export function PromptSettings({ settings, update, disabled, mode, onPreset }: SettingsProps & { mode: PanelMode | null; onPreset: (preset: QualityPreset) => void }) {
  const placeholder = mode === "fill" ? "Describe what to paint, or leave empty to fill from the surroundings" : "Describe the look you want";
  return (
    <section className="field-stack" aria-label="Prompt and quality">
      <SpFieldLabel for="prompt" size="m">
        Prompt
      </SpFieldLabel>
      <SpTextfield
        id="prompt"
        multiline
        rows={3}
        label="Prompt"
        placeholder={placeholder}
        value={settings.prompt}
        disabled={disabled}
        data-testid="prompt"
        onInput={(e) => update({ prompt: (e.target as Textfield).value })}
      />
      <div className="row">
        <SpSlider
          label="Images"
          min={LIMITS.count.min}
          max={LIMITS.count.max}
          step={1}
          value={settings.count}
          disabled={disabled}
          data-testid="count"
          {...sliderHandlers((v) => update({ count: v }))}
        />
        <div className="picker-field">
          <SpFieldLabel for="preset" size="m">
            Quality
          </SpFieldLabel>
          <SpPicker
            id="preset"
            label="Quality"
            value={settings.preset}
            disabled={disabled}
            data-testid="preset"
            onChange={(e) => onPreset((e.target as Picker).value as QualityPreset)}
          >
            <SpMenuItem value="fast">Fast</SpMenuItem>
            <SpMenuItem value="quality">Quality</SpMenuItem>
          </SpPicker>
        </div>
      </div>
      {mode === "restyle" && (
        <SpSlider
          label="Strength"
          min={LIMITS.strength.min}
          max={LIMITS.strength.max}
          step={0.05}
          value={settings.strength}
          disabled={disabled}
          data-testid="strength"
          {...sliderHandlers((v) => update({ strength: v }))}
        />
      )}
    </section>
  );
}
