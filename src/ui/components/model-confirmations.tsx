/**
 * Downloads from CONFIRM_DOWNLOAD_FROM on and deletions of models from CONFIRM_DELETE_FROM on ask
 * first, in a Spectrum dialog with the size and the time at the measured speed; smaller ones (the
 * test model, a resumed last few MB) go straight through.
 */
import { useState, type ReactNode } from "react";
import type { ModelLibrary } from "../models/model-library";
import { ConfirmDialog } from "./confirm-dialog";
import { CONFIRM_DELETE_FROM, CONFIRM_DOWNLOAD_FROM, deleteConfirmation, downloadConfirmation, type Confirmation } from "./confirm-texts";

interface Pending {
  confirmation: Confirmation;
  run: () => void;
}

export function useModelConfirmations(library: ModelLibrary | null): { requestDownload: (id: string) => void; requestDelete: (id: string) => void; dialog: ReactNode } {
  const [pending, setPending] = useState<Pending | null>(null);

  function requestDownload(id: string): void {
    const entry = library?.entry(id);
    if (!library || !entry) return;
    const status = entry.status;
    const bytes = status.state === "absent" || status.state === "partial" ? status.downloadBytes - (status.state === "partial" ? status.bytesOnDisk : 0) : 0;
    const run = () => void library.download(id);
    if (bytes < CONFIRM_DOWNLOAD_FROM) return run();
    setPending({ confirmation: downloadConfirmation(entry.model.displayName, bytes, library.speed.bytesPerSecond), run });
  }

  function requestDelete(id: string): void {
    const entry = library?.entry(id);
    if (!library || !entry || entry.status.state !== "present") return;
    const run = () => void library.delete(id);
    const onDisk = entry.status.bytesOnDisk;
    if (onDisk < CONFIRM_DELETE_FROM) return run();
    setPending({ confirmation: deleteConfirmation(entry.model.displayName, onDisk, onDisk, library.speed.bytesPerSecond), run });
  }

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
