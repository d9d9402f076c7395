/**
 * The settings' field shapes, written once: a slider bound to one numeric setting (its range from
 * LIMITS, its value from the settings, its change back into them) and a labelled picker. The
 * panels that lay them out (prompt-settings, advanced-settings) only say which setting goes where.
 */
import type { ReactNode } from "react";
import type { Picker } from "@spectrum-web-components/picker";
import { SpFieldLabel, SpPicker, SpSlider } from "../spectrum/components";
import { sliderHandlers } from "../spectrum/slider-value";
import { LIMITS, type PanelSettings } from "../settings/panel-settings";

export interface SettingsProps {
  settings: PanelSettings;
  update: (change: Partial<PanelSettings>) => void;
  disabled: boolean;
}

/** The numeric settings that have a slider range in LIMITS. */
export type SliderSetting = "count" | "steps" | "guidanceScale" | "strength" | "growPx" | "featherPx";

export function SettingSlider({
  setting,
  label,
  step,
  settings,
  update,
  disabled,
  testId,
}: SettingsProps & { setting: SliderSetting; label: string; step: number; testId?: string }) {
  const { min, max } = LIMITS[setting];
  return (
    <SpSlider
      label={label}
      min={min}
      max={max}
      step={step}
      value={settings[setting]}
      disabled={disabled}
      data-testid={testId ?? setting}
      {...sliderHandlers((v) => update({ [setting]: v }))}
    />
  );
}

/** A Spectrum picker with its visible label above it (the label also names it for screen readers). */
export function PickerField({
  id,
  label,
  value,
  disabled,
  onPick,
  children,
}: {
  id: string;
  label: string;
  value: string;
  disabled: boolean;
  onPick: (value: string) => void;
  children: ReactNode;
}) {
  return (
    <div className="picker-field">
      <SpFieldLabel for={id} size="m">
        {label}
      </SpFieldLabel>
      <SpPicker id={id} label={label} value={value} disabled={disabled} data-testid={id} onChange={(e) => onPick((e.target as Picker).value)}>
        {children}
      </SpPicker>
    </div>
  );
}
