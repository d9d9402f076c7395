/**
 * The picked result, larger, over its source; Keep inserts it (once kept, the button says Keep again:
 * a second press adds a second layer), Try again re-runs with new seeds.
 */
import { SpButton } from "../spectrum/components";
import type { RgbaImage } from "../../imaging";
import type { SessionSnapshot } from "../flow/generation-session";
import { FailureBox } from "./failure-notice";
import { LayerOverSource } from "./pixels-canvas";

export function ResultPreview({
  pair,
  snapshot,
  busy,
  onKeep,
  onTryAgain,
}: {
  pair: { source: RgbaImage; layer: RgbaImage } | null;
  snapshot: SessionSnapshot;
  busy: boolean;
  onKeep: () => void;
  onTryAgain: () => void;
}) {
  const sel = snapshot.selected;
  const run = sel ? snapshot.runs.find((r) => r.id === sel.runId) : undefined;
  const item = run && sel ? run.items[sel.index] : undefined;
  if (!pair || !item) return null;
  return (
    <section className="preview-pane" aria-label="Chosen result">
      <LayerOverSource source={pair.source} layer={pair.layer} label={`Preview of result ${item.index + 1} over the original`} />
      <div className="row">
        {/* While the layer is added the button is pending, not disabled: a disabled button drops the
            keyboard focus to the page. */}
        <SpButton
          variant="accent"
          disabled={busy}
          pending={snapshot.keeping}
          pendingLabel="Adding the layer…"
          data-testid="keep"
          onClick={() => {
            if (!snapshot.keeping) onKeep();
          }}
        >
          {snapshot.keeping ? "Adding…" : item.kept ? "Keep again" : "Keep"}
        </SpButton>
        <SpButton variant="secondary" treatment="outline" disabled={busy} data-testid="try-again" onClick={onTryAgain}>
          Try again
        </SpButton>
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
