/**
 * The picked result, large, over its source: press and hold "Before" to see the original, Zoom to
 * look closer (the pane scrolls), ←/→ to flip through the variations. Keep inserts it (once kept the
 * button says Keep again: a second press adds a second layer), Try again re-runs with new seeds
 * (not for Remove, whose result does not depend on the seed).
 * When the selection has moved to another layer the result stays visible but cannot be kept there.
 */
import { useState, type KeyboardEvent } from "react";
import { SpButton } from "../spectrum/components";
import type { RgbaImage } from "../../imaging";
import type { SessionSnapshot } from "../flow/generation-session";
import { FailureBox } from "./failure-notice";
import { LayerOverSource } from "./pixels-canvas";

const ZOOMS = [1, 2, 4] as const;

export function ResultPreview({
  pair,
  snapshot,
  busy,
  currentSourceKey,
  onKeep,
  onTryAgain,
  onStep,
}: {
  pair: { source: RgbaImage; layer: RgbaImage } | null;
  snapshot: SessionSnapshot;
  busy: boolean;
  /** The current selection's key (selectionKey); results of another selection cannot be kept. */
  currentSourceKey: string | null;
  onKeep: () => void;
  onTryAgain: () => void;
  onStep: (direction: 1 | -1) => void;
}) {
  const [before, setBefore] = useState(false);
  const [zoom, setZoom] = useState<(typeof ZOOMS)[number]>(1);
  const sel = snapshot.selected;
  const run = sel ? snapshot.runs.find((r) => r.id === sel.runId) : undefined;
  const item = run && sel ? run.items[sel.index] : undefined;
  if (!pair || !item || !run) return null;
  const elsewhere = run.sourceKey !== currentSourceKey;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      e.preventDefault();
      onStep(e.key === "ArrowRight" ? 1 : -1);
    }
  };
  const hold = (on: boolean) => () => setBefore(on);
  return (
    <section className="preview-pane" aria-label="Chosen result" data-testid="preview-pane" data-elsewhere={elsewhere} onKeyDown={onKeyDown}>
      <div className={`preview-frame${zoom > 1 ? " zoomed" : ""}`} data-testid="preview-frame">
        <LayerOverSource
          source={pair.source}
          layer={pair.layer}
          before={before}
          zoom={zoom}
          label={before ? "The original, before this result" : `Preview of result ${item.index + 1} over the original`}
        />
      </div>
      <div className="row preview-tools">
        {/* Press and hold (mouse, touch, or Space/Enter held) shows the original; letting go shows the result. */}
        <SpButton
          size="s"
          variant="secondary"
          treatment="outline"
          data-testid="hold-before"
          label="Hold: before (shows the original while held)"
          onPointerDown={hold(true)}
          onPointerUp={hold(false)}
          onPointerLeave={hold(false)}
          onKeyDown={(e: KeyboardEvent) => (e.key === " " || e.key === "Enter") && setBefore(true)}
          onKeyUp={hold(false)}
          onBlur={hold(false)}
        >
          Hold: before
        </SpButton>
        <SpButton size="s" variant="secondary" treatment="outline" data-testid="zoom" label={`Zoom, now ${zoom === 1 ? "fit to the panel" : `${zoom}×`}`} onClick={() => setZoom(ZOOMS[(ZOOMS.indexOf(zoom) + 1) % ZOOMS.length])}>
          {zoom === 1 ? "Zoom" : `${zoom}×`}
        </SpButton>
        {run.items.length > 1 && <span className="hint">← → other results</span>}
      </div>
      {elsewhere && (
        <p className="hint" data-testid="preview-elsewhere">
          This result was made for another selection: select that image or those shapes again to keep it.
        </p>
      )}
      <div className="row">
        {/* While the layer is added the button says so and ignores presses, but stays enabled: a
            disabled button drops the keyboard focus to the page. (Not SWC's `pending`: it draws a
            deprecated sp-progress-circle[indeterminate].) */}
        <SpButton
          variant="accent"
          disabled={busy || elsewhere}
          aria-busy={snapshot.keeping ? "true" : undefined}
          data-testid="keep"
          onClick={() => {
            if (!snapshot.keeping) onKeep();
          }}
        >
          {snapshot.keeping ? "Adding…" : item.kept ? "Keep again" : "Keep"}
        </SpButton>
        {/* Remove's removers are deterministic: trying again would give the same image. */}
        {run.mode !== "remove" && (
          <SpButton variant="secondary" treatment="outline" disabled={busy || elsewhere} data-testid="try-again" onClick={onTryAgain}>
            Try again
          </SpButton>
        )}
      </div>
      {snapshot.keepNotice?.kind === "success" && (
        <p className="notice notice-success" role="status" data-testid="keep-done">
          {snapshot.keepNotice.message}
        </p>
      )}
      {snapshot.keepNotice?.kind === "error" && <FailureBox failure={snapshot.keepNotice.failure} testId="keep-error" />}
    </section>
  );
}
