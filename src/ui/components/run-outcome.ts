/**
 * The line that replaces the progress bar when a run ends: how many images are ready (and how many
 * the content filter withheld), and how long it took. Failed runs say nothing here — the error box
 * under the button explains them.
 */
import type { GenerationRun } from "../flow/generation-session";
import { plural } from "./panel-text";

export function runOutcome(run: GenerationRun): string | null {
  const ready = run.items.filter((item) => item.state === "ready").length;
  const withheld = run.items.filter((item) => item.state === "withheld").length;
  const held = withheld > 0 ? `, ${withheld} withheld by the content filter` : "";
  switch (run.status) {
    case "done": {
      const took = run.finishedAt !== null ? ` in ${formatSeconds((run.finishedAt - run.startedAt) / 1000)}` : "";
      if (ready === 0) return `No image to keep${held}. Try another prompt or seed.`;
      // One image: there is nothing to pick between (and Remove, being deterministic, has no Try again).
      const next = ready > 1 ? "Pick one, then Keep." : run.mode === "remove" ? "Keep it." : "Keep it, or Try again.";
      return `${plural(ready, "image")} ready${took}${held}. ${next}`;
    }
    case "cancelled":
      return ready > 0 ? `Cancelled after ${plural(ready, "image")}: nothing was changed.` : "Cancelled: nothing was changed.";
    default:
      return null;
  }
}

function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${Math.max(0.1, Math.round(seconds * 10) / 10)} s`;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
