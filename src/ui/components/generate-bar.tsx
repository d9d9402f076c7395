/** Generate / Cancel and the progress of the running generation (step count and time left). */
import { SpButton, SpProgressBar } from "../spectrum/components";
import type { GenerationRun } from "../flow/generation-session";
import { formatEta } from "../flow/progress-eta";

const STATUS_TEXT: Record<GenerationRun["status"], string> = {
  preparing: "Reading the selection…",
  loading: "Loading the model…",
  running: "",
  done: "Done",
  cancelled: "Cancelled: nothing was changed",
  failed: "Failed",
};

export function GenerateBar({
  canGenerate,
  reason,
  running,
  run,
  onGenerate,
  onCancel,
}: {
  canGenerate: boolean;
  reason: string | null;
  running: boolean;
  run: GenerationRun | null;
  onGenerate: () => void;
  onCancel: () => void;
}) {
  const live = running && run;
  const label = !run
    ? ""
    : run.status === "running"
      ? `Step ${Math.min(run.step, run.totalSteps)} of ${run.totalSteps || "…"} · ${formatEta(run.etaSeconds)}`
      : STATUS_TEXT[run.status];
  return (
    <section className="generate-bar" aria-label="Generate">
      {/* One button that turns into Cancel, so keyboard focus stays on it while the run goes on. */}
      <SpButton
        variant={running ? "secondary" : "accent"}
        treatment={running ? "outline" : "fill"}
        disabled={!running && !canGenerate}
        data-testid={running ? "cancel" : "generate"}
        onClick={running ? onCancel : onGenerate}
      >
        {running ? "Cancel" : "Generate"}
      </SpButton>
      {!canGenerate && !running && reason && <p className="hint" data-testid="generate-hint">{reason}</p>}
      {run && (
        <div className="progress" aria-live="polite">
          <SpProgressBar
            label={label}
            progress={Math.round(run.progress * 100)}
            indeterminate={live ? run.status !== "running" : false}
            data-testid="progress"
            data-progress={Math.round(run.progress * 100)}
            data-status={run.status}
          />
        </div>
      )}
    </section>
  );
}
