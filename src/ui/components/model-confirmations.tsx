/**
 * Downloads from CONFIRM_DOWNLOAD_FROM on and deletions of models from CONFIRM_DELETE_FROM on ask
 * first, in a Spectrum dialog with the size and the time at the measured speed; smaller ones (the
 * test model, a resumed last few MB) go straight through.
 */
import { useState, type ReactNode } from "react";
import type { ModelLibrary } from "../models/model-library";
import { ConfirmDialog } from "./confirm-dialog";
import { confirmBeforeDelete, confirmBeforeDownload, type Confirmation } from "./confirm-texts";

interface Pending {
  confirmation: Confirmation;
  run: () => void;
}

export function useModelConfirmations(library: ModelLibrary | null): { requestDownload: (id: string) => void; requestDelete: (id: string) => void; dialog: ReactNode } {
  const [pending, setPending] = useState<Pending | null>(null);

  function request(id: string, ask: typeof confirmBeforeDownload, act: (library: ModelLibrary) => Promise<void>): void {
    const entry = library?.entry(id);
    if (!library || !entry) return;
    const run = () => void act(library);
    const confirmation = ask(entry.model.displayName, entry.status, library.speed.bytesPerSecond);
    if (confirmation) setPending({ confirmation, run });
    else run();
  }
  const requestDownload = (id: string) => request(id, confirmBeforeDownload, (l) => l.download(id));
  const requestDelete = (id: string) => {
    if (library?.entry(id)?.status.state === "present") request(id, confirmBeforeDelete, (l) => l.delete(id));
  };

  const dialog = pending && (
    <ConfirmDialog
      confirmation={pending.confirmation}
      onConfirm={() => {
        setPending(null);
        pending.run();
      }}
      onCancel={() => setPending(null)}
    />
  );
  return { requestDownload, requestDelete, dialog };
}
