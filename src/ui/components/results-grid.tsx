/**
 * Every run of this panel session, newest first: a grid of thumbnails that fill in live while the
 * engine works. Ready results are buttons (pick → large preview; ←/→ flip); withheld ones say why; a
 * run of a test model (no content classifier) says its results were not screened. Runs made for
 * another selection are listed apart; failed and cancelled runs can be cleared.
 */
import type { KeyboardEvent } from "react";
import type { GenerationRun, SessionSnapshot } from "../flow/generation-session";
import { isClearable } from "../flow/run-state";
import { MODE_LABELS } from "../flow/modes";
import { PixelsCanvas } from "./pixels-canvas";

interface GridProps {
  snapshot: SessionSnapshot;
  /** The current selection's key: runs made for another selection are shown apart, dimmed. */
  currentSourceKey?: string | null;
  onSelect: (runId: number, index: number) => void;
  /** ←/→ on a thumbnail: the next or previous result. */
  onStep?: (direction: 1 | -1) => void;
  /** Removes failed/cancelled runs without results (one, or all when no id). */
  onClear?: (runId?: number) => void;
}

export function ResultsGrid({ snapshot, currentSourceKey = null, onSelect, onStep, onClear }: GridProps) {
  if (snapshot.runs.length === 0) return null;
  const clearable = snapshot.runs.filter(isClearable).length;
  const onKeyDown = (e: KeyboardEvent) => {
    if (!onStep || (e.key !== "ArrowRight" && e.key !== "ArrowLeft")) return;
    e.preventDefault();
    onStep(e.key === "ArrowRight" ? 1 : -1);
    // Focus follows the pick, so holding an arrow key walks through the results.
    requestAnimationFrame(() => ((e.currentTarget as HTMLElement | null)?.querySelector(".thumb.selected") as HTMLElement | null)?.focus());
  };
  const here = snapshot.runs.filter((r) => currentSourceKey === null || r.sourceKey === currentSourceKey);
  const elsewhere = snapshot.runs.filter((r) => !here.includes(r));
  const group = (run: GenerationRun) => <RunGroup key={run.id} run={run} selected={snapshot.selected} onSelect={onSelect} onClear={onClear} />;
  return (
    <section className="results" aria-label="Results of this session" onKeyDown={onKeyDown}>
      {clearable > 1 && onClear && (
        // A plain button: this grid also renders in Node (tests), where Spectrum's elements cannot load.
        <button type="button" className="text-button" data-testid="clear-ended" onClick={() => onClear()}>
          Clear {clearable} failed or cancelled runs
        </button>
      )}
      {here.map(group)}
      {elsewhere.length > 0 && (
        <div className="results-elsewhere" data-testid="results-elsewhere">
          <h3 className="run-title">Made for another selection</h3>
          {elsewhere.map(group)}
        </div>
      )}
    </section>
  );
}

function RunGroup({ run, selected, onSelect, onClear }: { run: GenerationRun; selected: SessionSnapshot["selected"]; onSelect: (runId: number, index: number) => void; onClear?: (runId?: number) => void }) {
  const title = `${MODE_LABELS[run.mode]} · ${run.settings.prompt.trim() ? `“${run.settings.prompt.trim()}”` : "without a prompt"} · ${run.modelName}`;
  if (isClearable(run) && !run.items.some((item) => item.state === "withheld")) {
    // Nothing to browse: a line says what happened (the error box above says why), and it can go.
    return (
      <div className="run run-ended" data-testid={`run-${run.id}`} data-status={run.status}>
        <h3 className="run-title" title={title}>{title}</h3>
        <div className="row">
          <p className="hint">{run.status === "cancelled" ? "Cancelled before any image was finished." : "No images: this run failed."}</p>
          {onClear && (
            <button type="button" className="text-button" data-testid="clear-run" aria-label={`Clear this ${run.status} run`} onClick={() => onClear(run.id)}>
              Clear
            </button>
          )}
        </div>
      </div>
    );
  }
  return (
    <div className="run" data-testid={`run-${run.id}`} data-status={run.status}>
      <h3 className="run-title" title={title}>{title}</h3>
      <ul className="thumbs" aria-label={`Results: ${title}`}>
        {run.items.map((item) => {
          const isSelected = selected?.runId === run.id && selected.index === item.index;
          const name = `Result ${item.index + 1}, seed ${item.seed}`;
          return (
            <li key={item.index}>
              {item.state === "ready" && item.thumbnail ? (
                <button
                  type="button"
                  className={`thumb${isSelected ? " selected" : ""}`}
                  aria-pressed={isSelected}
                  aria-label={`${name}${item.kept ? " (kept)" : ""}`}
                  data-testid="result-thumb"
                  data-state="ready"
                  onClick={() => onSelect(run.id, item.index)}
                >
                  <PixelsCanvas pixels={item.thumbnail} />
                  {item.kept && <span className="kept-mark" aria-hidden="true">✓</span>}
                </button>
              ) : item.state === "withheld" ? (
                <div className="thumb withheld" data-testid="result-withheld" role="note" aria-label={`${name} withheld`}>
                  <span>Withheld</span>
                  <small>{item.withheldReason}</small>
                </div>
              ) : (
                <div className="thumb pending" data-testid="result-pending" data-state={item.state} aria-label={`${name}: ${item.state === "preview" ? "in progress" : run.status === "cancelled" ? "cancelled" : "waiting"}`} role="img">
                  {item.thumbnail && <PixelsCanvas pixels={item.thumbnail} />}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {run.screened === false && (
        // Honest about test models: they have no content classifier, so nothing checked these images.
        <p className="hint" data-testid="not-screened-note">
          Test model: results are not screened.
        </p>
      )}
    </div>
  );
}
