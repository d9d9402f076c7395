/**
 * A Spectrum confirmation (sp-dialog-wrapper over an underlay): headline, one paragraph, Cancel and
 * the action. Escape and the underlay cancel. Used before big downloads and before deleting a model.
 */
import * as React from "react";
import { createComponent, type EventName } from "@lit/react";
import { DialogWrapper } from "@spectrum-web-components/dialog";
import "@spectrum-web-components/dialog/sp-dialog-wrapper.js";
import type { Confirmation } from "./confirm-texts";

const SpDialogWrapper = createComponent({
  react: React,
  tagName: "sp-dialog-wrapper",
  elementClass: DialogWrapper,
  events: { onConfirm: "confirm" as EventName<Event>, onCancel: "cancel" as EventName<Event>, onClose: "close" as EventName<Event> },
});

export function ConfirmDialog({ confirmation, onConfirm, onCancel }: { confirmation: Confirmation; onConfirm: () => void; onCancel: () => void }) {
  return (
    <SpDialogWrapper
      open
      underlay
      dismissable={false}
      size="s"
      headline={confirmation.headline}
      confirmLabel={confirmation.confirmLabel}
      cancelLabel={confirmation.cancelLabel}
      data-testid="confirm-dialog"
      onConfirm={onConfirm}
      onCancel={onCancel}
      onClose={onCancel}
    >
      <p data-testid="confirm-body">{confirmation.body}</p>
    </SpDialogWrapper>
  );
}
