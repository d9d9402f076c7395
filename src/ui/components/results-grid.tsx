/**
 * Every run of this panel session, newest first: a grid of thumbnails that fill in live while the
 * engine works. Ready results are buttons (pick → large preview); withheld ones say why; a run of a
 * test model (no content classifier) says its results were not screened.
 */
import type { GenerationRun, SessionSnapshot } from "../flow/generation-session";
import { MODE_LABELS } from "../flow/modes";
import { PixelsCanvas } from "./pixels-canvas";

export function ResultsGrid({ snapshot, onSelect }: { snapshot: SessionSnapshot; onSelect: (runId: number, index: number) => void }) {
  if (snapshot.runs.length === 0) return null;
  return (
    <section className="results" aria-label="Results of this session">
      {snapshot.runs.map((run) => (
        <RunGroup key={run.id} run={run} selected={snapshot.selected} onSelect={onSelect} />
      ))}
    </section>
  );
}

function RunGroup({ run, selected, onSelect }: { run: GenerationRun; selected: SessionSnapshot["selected"]; onSelect: (runId: number, index: number) => void }) {
  const title = `${MODE_LABELS[run.mode]} · ${run.settings.prompt.trim() ? `“${run.settings.prompt.trim()}”` : "no prompt"} · ${run.modelName}`;
  const ended = run.status === "cancelled" || run.status === "failed";
  if (ended && !run.items.some((item) => item.state === "ready" || item.state === "withheld")) {
    // Nothing to browse: a line says what happened (the error box above says why).
    return (
      <div className="run" data-testid={`run-${run.id}`} data-status={run.status}>
        <h3 className="run-title" title={title}>{title}</h3>
        <p className="hint">{run.status === "cancelled" ? "Cancelled before any image was finished." : "No images: this run failed."}</p>
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
