/**
 * A Spectrum-style alert dialog: headline, one paragraph, the secondary "cancel" and the accent
 * action as Spectrum buttons, in a native modal <dialog> (focus trapped, Escape cancels, the page
 * behind inert). The native element instead of @spectrum-web-components/dialog: the same
 * behaviour without another package in every checkout. Used before big downloads and deletions.
 */
import { useEffect, useRef } from "react";
import { SpButton } from "../spectrum/components";
import type { Confirmation } from "./confirm-texts";

export function ConfirmDialog({ confirmation, onConfirm, onCancel }: { confirmation: Confirmation; onConfirm: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="confirm-headline"
      aria-describedby="confirm-body"
      data-testid="confirm-dialog"
      onCancel={(e) => {
        e.preventDefault(); // Escape: close through React state, not behind its back
        onCancel();
      }}
    >
      <h2 id="confirm-headline">{confirmation.headline}</h2>
      <p id="confirm-body" data-testid="confirm-body">
        {confirmation.body}
      </p>
      <div className="confirm-buttons">
        <SpButton variant="secondary" treatment="outline" data-testid="confirm-cancel" onClick={onCancel}>
          {confirmation.cancelLabel}
        </SpButton>
        <SpButton variant={confirmation.confirmLabel === "Delete" ? "negative" : "accent"} data-testid="confirm-ok" autoFocus onClick={onConfirm}>
          {confirmation.confirmLabel}
        </SpButton>
      </div>
    </dialog>
  );
}
