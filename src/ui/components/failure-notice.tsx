/** An error in plain words: what happened and what to do next. Announced to screen readers. */
import type { FailureNotice } from "../flow/describe-failure";

export function FailureBox({ failure, testId }: { failure: FailureNotice; testId?: string }) {
  return (
    <div className="notice notice-error" role="alert" data-testid={testId}>
      <strong>{failure.title}</strong>
      <p>{failure.message}</p>
      <p className="notice-action">{failure.action}</p>
    </div>
  );
}
