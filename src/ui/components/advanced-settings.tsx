/**
 * "Advanced": negative prompt, model, steps, guidance, seed (lock + shuffle), the Fast finish (once
 * TAESD is downloaded), and — when the
 * selection has shapes, the only time they change anything — mask grow/feather and colour match.
 * A disclosure button (aria-expanded) shows and hides it; its state persists.
 */
import { useEffect, useState } from "react";
import type { Switch } from "@spectrum-web-components/switch";
import type { Textfield } from "@spectrum-web-components/textfield";
import { SpActionButton, SpFieldLabel, SpHelpText, SpMenuItem, SpSwitch, SpTextfield } from "../spectrum/components";
import { MAX_SEED, randomSeed } from "../settings/panel-settings";
import type { PanelModel } from "../models/panel-models";

/** A model as the picker offers it: why it cannot be picked right now, if it cannot. */
export interface ModelOption {
  model: PanelModel;
  /** "cannot run on this device", "no Generative fill", …; null when it can be picked. */
  unavailable: string | null;
  /** The whole sentence why (the device probe's, or mode-support's for the mode), when unavailable. */
  reason?: string | null;
}
import { PickerField, SettingSlider, type SettingsProps } from "./fields";

export function AdvancedSettings({
  settings,
  update,
  disabled,
  models,
  activeModelId,
  maskSettings,
  fastFinishAvailable = false,
}: SettingsProps & { models: readonly ModelOption[]; activeModelId: string | null; maskSettings: boolean; fastFinishAvailable?: boolean }) {
  const open = settings.advancedOpen;
  const common = { settings, update, disabled };
  const activeName = activeModelId ? (models.find((o) => o.model.id === activeModelId)?.model.displayName ?? activeModelId) : null;
  // A picked model that cannot do this selection is not used; say so instead of showing it as chosen.
  const picked = settings.modelId ? models.find((o) => o.model.id === settings.modelId) : undefined;
  const pickedNote = picked?.unavailable && activeName ? `${picked.reason ?? `${picked.model.displayName}: ${picked.unavailable}.`} Using ${activeName}.` : null;
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
          value={settings.negativePrompt}
          disabled={disabled}
          data-testid="negative-prompt"
          onInput={(e) => update({ negativePrompt: (e.target as Textfield).value })}
        >
          <SpHelpText slot="help-text">What to avoid, e.g. “blurry, text, watermark”.</SpHelpText>
        </SpTextfield>
        <PickerField id="model-picker" label="Model" value={settings.modelId ?? "auto"} disabled={disabled} onPick={(v) => update({ modelId: v === "auto" ? null : v })}>
          <SpMenuItem value="auto">Automatic{activeName ? ` (${activeName})` : ""}</SpMenuItem>
          {models.map(({ model, unavailable }) => (
            // Models that cannot be used here stay listed (so the choice is explained), greyed out.
            <SpMenuItem key={model.id} value={model.id} disabled={unavailable !== null}>
              {unavailable ? `${model.displayName} (${unavailable})` : model.displayName}
            </SpMenuItem>
          ))}
        </PickerField>
        {pickedNote && (
          <p className="hint" data-testid="model-picker-note">
            {pickedNote}
          </p>
        )}
        <SettingSlider setting="steps" label="Steps" step={1} {...common} />
        <SettingSlider setting="guidanceScale" label="Guidance" step={0.5} testId="guidance" {...common} />
        <SeedField {...common} />
        {fastFinishAvailable && (
          <SpSwitch checked={settings.fastFinish} disabled={disabled} data-testid="fast-finish" onChange={(e) => update({ fastFinish: (e.target as Switch).checked })}>
            Fast finish: decode with TAESD (about 18× less decode work, softer detail)
          </SpSwitch>
        )}
        {maskSettings && (
          <>
            <SettingSlider setting="growPx" label="Mask grow (px)" step={1} testId="grow" {...common} />
            <SettingSlider setting="featherPx" label="Mask feather (px)" step={1} testId="feather" {...common} />
            <SpSwitch checked={settings.colorMatch} disabled={disabled} data-testid="color-match" onChange={(e) => update({ colorMatch: (e.target as Switch).checked })}>
              Match colours to the surroundings
            </SpSwitch>
          </>
        )}
      </div>
    </section>
  );
}

/**
 * Seed: typed (digits only; out of range is flagged as you type, never silently dropped), locked or
 * shuffled. The lock is a switch named "Lock"; when on, Generate also shows it with a one-click unlock.
 */
function SeedField({ settings, update, disabled }: SettingsProps) {
  // What is typed lives here until it is committed (Enter or leaving the field): the wrapper sets
  // `value` on every render, so binding it to settings.seed would wipe a seed being typed whenever
  // anything else re-renders the panel.
  const [draft, setDraft] = useState(String(settings.seed));
  useEffect(() => setDraft(String(settings.seed)), [settings.seed]);
  const invalid = parseSeed(draft) === null;
  return (
    <div className="seed-field">
      <SpFieldLabel for="seed" size="m">
        Seed
      </SpFieldLabel>
      <div className="seed-row">
        <SpTextfield
          id="seed"
          label="Seed"
          allowedKeys="0-9"
          value={draft}
          invalid={invalid}
          disabled={disabled}
          data-testid="seed"
          onInput={(e) => setDraft((e.target as Textfield).value)}
          onChange={(e) => {
            const v = parseSeed((e.target as Textfield).value);
            if (v !== null) update({ seed: v });
          }}
        >
          {invalid && (
            <SpHelpText slot="negative-help-text" variant="negative">
              A whole number from 0 to {MAX_SEED}.
            </SpHelpText>
          )}
        </SpTextfield>
        {/* A switch, not a toggling action button (SWC deprecates sp-action-button's toggles/selected). */}
        <SpSwitch checked={settings.seedLocked} disabled={disabled} data-testid="seed-lock" onChange={(e) => update({ seedLocked: (e.target as Switch).checked })}>
          Lock
        </SpSwitch>
        <SpActionButton
          disabled={disabled}
          data-testid="seed-shuffle"
          label="Shuffle seed"
          onClick={() => update({ seed: randomSeed() })}
        >
          Shuffle
        </SpActionButton>
      </div>
      <p className="hint">{settings.seedLocked ? "Locked: every Generate starts from this seed." : "Unlocked: every Generate picks a new seed."}</p>
    </div>
  );
}

function parseSeed(text: string): number | null {
  const v = Number(text.trim());
  return text.trim() !== "" && Number.isInteger(v) && v >= 0 && v <= MAX_SEED ? v : null;
}
