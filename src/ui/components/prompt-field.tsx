/**
 * The prompt box, honest about what the model will read: a token count once the prompt nears the
 * model's 75-token window (and a warning past it), and a message when a paste was longer than the
 * panel keeps — nothing is cut without saying so.
 */
import { useState } from "react";
import type { Textfield } from "@spectrum-web-components/textfield";
import { SpFieldLabel, SpHelpText, SpTextfield } from "../spectrum/components";
import { LIMITS } from "../settings/panel-settings";
import { cutNote, tokenNote } from "../prompt/prompt-notes";

export function PromptField({ value, help, disabled, onChange }: { value: string; help: string; disabled: boolean; onChange: (prompt: string) => void }) {
  const [cutFrom, setCutFrom] = useState<number | null>(null);
  const note = tokenNote(value);
  return (
    <>
      <SpFieldLabel for="prompt" size="m">
        Prompt
      </SpFieldLabel>
      <SpTextfield
        id="prompt"
        multiline
        rows={3}
        label="Prompt"
        value={value}
        disabled={disabled}
        invalid={note?.over ?? false}
        data-testid="prompt"
        onInput={(e) => {
          const typed = (e.target as Textfield).value;
          setCutFrom(typed.length > LIMITS.promptLength ? typed.length : null);
          onChange(typed.slice(0, LIMITS.promptLength));
        }}
      >
        <SpHelpText slot="help-text">{help}</SpHelpText>
        {note?.over && (
          <SpHelpText slot="negative-help-text" variant="negative">
            {note.text}
          </SpHelpText>
        )}
      </SpTextfield>
      {(cutFrom !== null || (note && !note.over)) && (
        <p className="hint prompt-note" role="status" data-testid="prompt-note">
          {[cutFrom !== null ? cutNote(cutFrom) : null, note && !note.over ? note.text : null].filter(Boolean).join(" ")}
        </p>
      )}
    </>
  );
}
