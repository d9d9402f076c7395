/**
 * "Advanced": negative prompt, model, steps, guidance, seed (lock + shuffle), mask grow/feather,
 * colour match. A disclosure button (aria-expanded) shows and hides it; its state persists.
 */
import type { Picker } from "@spectrum-web-components/picker";
import { sliderHandlers } from "../spectrum/slider-value";
import type { Switch } from "@spectrum-web-components/switch";
import type { Textfield } from "@spectrum-web-components/textfield";
import { SpActionButton, SpFieldLabel, SpMenuItem, SpPicker, SpSlider, SpSwitch, SpTextfield } from "../spectrum/components";
import { LIMITS, MAX_SEED, randomSeed } from "../settings/panel-settings";
import type { PanelModel } from "../models/panel-models";
import type { SettingsProps } from "./prompt-settings";

export function AdvancedSettings({ settings, update, disabled, models, activeModelId }: SettingsProps & { models: readonly PanelModel[]; activeModelId: string | null }) {
  const open = settings.advancedOpen;
  return (
    <section className="advanced">
      <button
        type="button"
        className="disclosure"
        aria-expanded={open}
        aria-controls="advanced-body"
        data-testid="advanced-toggle"
        onClick={() => update({ advancedOpen: !open })}
      >
        <span aria-hidden="true">{open ? "▾" : "▸"}</span> Advanced
      </button>
      <div id="advanced-body" className="field-stack" hidden={!open}>
        <SpFieldLabel for="negative-prompt" size="m">
          Negative prompt
        </SpFieldLabel>
        <SpTextfield
          id="negative-prompt"
          label="Negative prompt"
          placeholder="What to avoid"
          value={settings.negativePrompt}
          disabled={disabled}
          onInput={(e) => update({ negativePrompt: (e.target as Textfield).value })}
        />
        <div className="picker-field">
          <SpFieldLabel for="model-picker" size="m">
            Model
          </SpFieldLabel>
          <SpPicker
            id="model-picker"
            label="Model"
            value={settings.modelId ?? "auto"}
            disabled={disabled}
            data-testid="model-picker"
            onChange={(e) => {
              const value = (e.target as Picker).value;
              update({ modelId: value === "auto" ? null : value });
            }}
          >
            <SpMenuItem value="auto">Automatic{activeModelId ? ` (${models.find((m) => m.id === activeModelId)?.displayName ?? activeModelId})` : ""}</SpMenuItem>
            {models.map((m) => (
              <SpMenuItem key={m.id} value={m.id}>
                {m.displayName}
              </SpMenuItem>
            ))}
          </SpPicker>
        </div>
        <SpSlider
          label="Steps"
          min={LIMITS.steps.min}
          max={LIMITS.steps.max}
          step={1}
          value={settings.steps}
          disabled={disabled}
          data-testid="steps"
          {...sliderHandlers((v) => update({ steps: v }))}
        />
        <SpSlider
          label="Guidance"
          min={LIMITS.guidanceScale.min}
          max={LIMITS.guidanceScale.max}
          step={0.5}
          value={settings.guidanceScale}
          disabled={disabled}
          data-testid="guidance"
          {...sliderHandlers((v) => update({ guidanceScale: v }))}
        />
        <div className="seed-row">
          <SpFieldLabel for="seed" size="m">
            Seed
          </SpFieldLabel>
          <SpTextfield
            id="seed"
            label="Seed"
            value={String(settings.seed)}
            disabled={disabled}
            data-testid="seed"
            onChange={(e) => {
              const v = Number((e.target as Textfield).value);
              if (Number.isInteger(v) && v >= 0 && v <= MAX_SEED) update({ seed: v });
            }}
          />
          <SpActionButton
            toggles
            selected={settings.seedLocked}
            aria-pressed={settings.seedLocked ? "true" : "false"}
            disabled={disabled}
            data-testid="seed-lock"
            onClick={() => update({ seedLocked: !settings.seedLocked })}
          >
            {settings.seedLocked ? "Locked" : "Lock"}
          </SpActionButton>
          <SpActionButton disabled={disabled} data-testid="seed-shuffle" label="Shuffle seed" onClick={() => update({ seed: randomSeed() })}>
            Shuffle
          </SpActionButton>
        </div>
        <SpSlider
          label="Mask grow (px)"
          min={LIMITS.growPx.min}
          max={LIMITS.growPx.max}
          step={1}
          value={settings.growPx}
          disabled={disabled}
          {...sliderHandlers((v) => update({ growPx: v }))}
        />
        <SpSlider
          label="Mask feather (px)"
          min={LIMITS.featherPx.min}
          max={LIMITS.featherPx.max}
          step={1}
          value={settings.featherPx}
          disabled={disabled}
          {...sliderHandlers((v) => update({ featherPx: v }))}
        />
        <SpSwitch checked={settings.colorMatch} disabled={disabled} data-testid="color-match" onChange={(e) => update({ colorMatch: (e.target as Switch).checked })}>
          Match colours to the surroundings
        </SpSwitch>
      </div>
    </section>
  );
}
