/**
 * What the engine told the user about a run — a GPU → CPU fallback, the prompt cut at 77 tokens,
 * a mask that covers everything — as notes under Generate. Announced politely, never hidden.
 */
import type { GenerationRun } from "../flow/generation-session";

export function RunNotices({ run }: { run: GenerationRun | null }) {
  if (!run || run.notices.length === 0) return null;
  return (
    <ul className="run-notices" role="status" aria-label="Notes about this run" data-testid="run-notices">
      {run.notices.map((text) => (
        <li key={text} className="notice notice-warning">
          {text}
        </li>
      ))}
    </ul>
  );
}
