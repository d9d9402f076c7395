/**
 * Issue 16 point 4: after Keep, the selection's mask shapes are removed (default), in the same undo
 * step as the new layer; this switch keeps them. Shown only when the source has mask shapes; the
 * choice is remembered in this browser.
 */
import { useState } from "react";
import type { Switch } from "@spectrum-web-components/switch";
import { SpSwitch } from "../spectrum/components";

const STORAGE_KEY = "local-generative-fill.keep-mask-shapes";

function readStored(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === "true";
  } catch {
    return false; // storage refused (private window): default
  }
}

export function useKeepMaskShapes(): [boolean, (value: boolean) => void] {
  const [value, setValue] = useState(readStored);
  return [
    value,
    (next) => {
      setValue(next);
      try {
        globalThis.localStorage?.setItem(STORAGE_KEY, String(next));
      } catch {
        // not remembered; still applies to this panel session
      }
    },
  ];
}

export function KeepMaskOption({ value, onChange, disabled }: { value: boolean; onChange: (value: boolean) => void; disabled?: boolean }) {
  return (
    <SpSwitch checked={value} disabled={disabled} data-testid="keep-mask-shapes" onChange={(e) => onChange((e.target as Switch).checked)}>
      Keep the mask shapes after Keep
    </SpSwitch>
  );
}
