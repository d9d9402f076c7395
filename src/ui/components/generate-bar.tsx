/**
 * Generate / Cancel, why Generate is off (with the download that turns it on), and the latest
 * run: a progress bar with step count and time left while it runs, one line when it has ended.
 */
import { useEffect, useRef, type FocusEvent, type RefObject } from "react";
import type { Button } from "@spectrum-web-components/button";
import { SpButton, SpProgressBar } from "../spectrum/components";
import type { GenerationRun } from "../flow/generation-session";
import type { GenerateBlocker } from "./generate-blocker";
import { progressLabel } from "./progress-label";
import { runOutcome } from "./run-outcome";

export function GenerateBar({
  canGenerate,
  blocker,
  running,
  run,
  onGenerate,
  onCancel,
  onDownload,
  onCancelDownload,
  buttonRef,
  lockedSeed = null,
  onUnlockSeed,
  action: actionWord = "Generate",
}: {
  canGenerate: boolean;
  blocker: GenerateBlocker | null;
  running: boolean;
  run: GenerationRun | null;
  onGenerate: () => void;
  onCancel: () => void;
  onDownload: (modelId: string) => void;
  onCancelDownload: (modelId: string) => void;
  /** The Generate / Cancel button, for the panel to move focus to when a run starts elsewhere (Try again). */
  buttonRef: RefObject<Button | null>;
  /** The locked seed (Generate repeats it), shown beside the button with a one-click unlock. */
  lockedSeed?: number | null;
  onUnlockSeed?: () => void;
  /** The button's word: "Remove" in Remove mode (nothing is generated there), else "Generate". */
  action?: "Generate" | "Remove";
}) {
  const generateButton = buttonRef;
  const action = !running ? (blocker?.action ?? null) : null;
  const focusInAction = useFocusHandoff(action !== null, generateButton);
  const live = running && run !== null && (run.status === "preparing" || run.status === "loading" || run.status === "running");
  const bar = run ? progressLabel(run) : null;
  const label = bar?.label ?? "";
  const outcome = run && !live ? runOutcome(run) : null;
  return (
    <section className="generate-bar" aria-label="Generate">
      {/* One button that turns into Cancel, so keyboard focus stays on it while the run goes on. */}
      <SpButton
        variant={running ? "secondary" : "accent"}
        treatment={running ? "outline" : "fill"}
        disabled={!running && !canGenerate}
        ref={generateButton}
        aria-describedby={!running && blocker ? "generate-hint" : undefined}
        data-testid={running ? "cancel" : "generate"}
        onClick={running ? onCancel : onGenerate}
      >
        {running ? "Cancel" : actionWord}
      </SpButton>
      {lockedSeed !== null && (
        <span className="seed-lock" data-testid="seed-lock-chip">
          Seed {lockedSeed} locked
          <SpButton size="s" variant="secondary" treatment="outline" data-testid="seed-unlock" label={`Unlock seed ${lockedSeed}: every Generate picks a new seed`} onClick={onUnlockSeed}>
            Unlock
          </SpButton>
        </span>
      )}
      {!running && blocker && (
        <div className="generate-hint">
          <p className="hint" id="generate-hint" data-testid="generate-hint">
            {blocker.reason}
          </p>
          {action && (
            <SpButton
              size="s"
              variant="secondary"
              treatment={action.kind === "download" ? "fill" : "outline"}
              data-testid={action.kind === "download" ? "generate-download" : "generate-download-cancel"}
              {...focusInAction}
              onClick={() => (action.kind === "download" ? onDownload(action.modelId) : onCancelDownload(action.modelId))}
            >
              {action.label}
            </SpButton>
          )}
        </div>
      )}
      {run && (
        // The wrapper carries the run's state for tests; the bar shows only while the run works.
        <div className="progress" data-testid="progress" data-status={run.status} data-progress={Math.round(run.progress * 100)}>
          {live ? (
            <SpProgressBar label={label} progress={bar!.percent} indeterminate={!bar!.determinate} />
          ) : (
            outcome && (
              <p className="hint run-outcome" data-testid="run-outcome" aria-hidden="true">
                {outcome}
              </p>
            )
          )}
          {/* The one live region: announced once per change of state, not at every step. */}
          <span className="visually-hidden" role="status">
            {live ? (run.status === "running" ? (actionWord === "Remove" ? "Removing…" : "Generating…") : label) : (outcome ?? "")}
          </span>
        </div>
      )}
    </section>
  );
}

/**
 * The download button under Generate goes away once the model is on the device; if it had the
 * keyboard focus, focus would fall back to the page. Hand it to Generate (enabled by then) instead.
 */
function useFocusHandoff(shown: boolean, target: RefObject<HTMLElement | null>) {
  const hadFocus = useRef(false);
  useEffect(() => {
    if (shown || !hadFocus.current) return;
    hadFocus.current = false;
    const active = document.activeElement;
    if (!active || active === document.body) target.current?.focus();
  }, [shown, target]);
  return {
    onFocus: () => {
      hadFocus.current = true;
    },
    // Focus moving to another element clears it; the button being removed (no next element) does not.
    onBlur: (e: FocusEvent) => {
      if (e.relatedTarget) hadFocus.current = false;
    },
  };
}
