/**
 * The panel's way into the region editor: "Mark region…" (or "Edit marked region…" once a mask is
 * painted for this source), plus "Use shapes" to drop the painted mask. Opening captures the
 * source at the working resolution first, which can take a moment on big pages.
 */
import { useState } from "react";
import type { PanelHost } from "../host/panel-host";
import type { UsableSelection } from "../flow/modes";
import type { CaptureFunction } from "../flow/obtain-source";
import { SpActionButton } from "../spectrum/components";
import { editRegion } from "./edit-region";
import type { RegionEditorLauncher } from "./open-region-editor";
import { regionKey, type RegionMaskStore } from "./region-masks";

interface Props {
  host: PanelHost;
  selection: UsableSelection;
  launcher: RegionEditorLauncher;
  store: RegionMaskStore;
  maxModelSide: number;
  growPx: number;
  featherPx: number;
  disabled: boolean;
  captureSource: CaptureFunction;
  onSettings(change: { growPx: number; featherPx: number }): void;
}

export function MarkRegion(props: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = regionKey(props.selection);
  const painted = props.store.get(key) !== null;

  async function open() {
    setBusy(true);
    setError(null);
    try {
      const settings = await editRegion(
        { host: props.host, launcher: props.launcher, store: props.store, captureSource: props.captureSource },
        { selection: props.selection, maxModelSide: props.maxModelSide, growPx: props.growPx, featherPx: props.featherPx },
      );
      if (settings) props.onSettings(settings);
    } catch (e) {
      console.warn(e);
      setError(`The region editor could not open: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mark-region" data-testid="mark-region">
      <SpActionButton size="m" data-testid="mark-region-open" disabled={props.disabled || busy} onClick={() => void open()}>
        {busy ? "Opening the editor…" : painted ? "Edit marked region…" : "Mark region…"}
      </SpActionButton>
      {painted && (
        <SpActionButton size="m" quiet data-testid="mark-region-clear" disabled={props.disabled || busy} onClick={() => props.store.delete(key)}>
          {props.selection.type === "image" ? "Clear mark" : "Use shapes"}
        </SpActionButton>
      )}
      <p className="hint" data-testid="mark-region-status" role="status">
        {error ?? (painted ? "A painted mask marks what to change." : "Paint or click what to change on a big canvas.")}
      </p>
    </div>
  );
}
