/** "Models on this device": presence, sizes, download with progress and cancel, delete. */
import { SpButton, SpProgressBar } from "../spectrum/components";
import type { ModelEntry } from "../models/model-library";
import { modeRefusals } from "../models/mode-refusals";
import { formatBytes } from "./format-bytes";

export { formatBytes };

export function ModelSection({
  entries,
  activeModelId,
  onDownload,
  onCancel,
  onDelete,
  onVerify,
}: {
  entries: readonly ModelEntry[];
  activeModelId: string | null;
  onDownload: (id: string) => void;
  onCancel: (id: string) => void;
  onDelete: (id: string) => void;
  /** Hashes the stored files again (damaged ones are removed for a fresh download). */
  onVerify?: (id: string) => void;
}) {
  return (
    <section className="models" aria-labelledby="models-heading">
      <h2 id="models-heading">Models</h2>
      {entries.length === 0 && <p className="hint">Reading the list of models…</p>}
      <ul className="model-list">
        {entries.map(({ model, variant, status, error, verifying, note }) => (
          <li key={model.id} className="model" data-testid={`model-${model.id}`} data-state={status.state}>
            {/* Name (and "in use"), then what it is for, then where it stands: three short lines
                that never squeeze each other at the panel's 320 px. */}
            <div className="model-head">
              <span className="model-name">{model.displayName}</span>
              {model.id === activeModelId && <span className="badge badge-active">in use</span>}
            </div>
            <p className="model-use">{model.use}</p>
            {/* What it cannot do, known from the catalogue before any download (mode-support.ts). */}
            {modeRefusals(model, variant).map(({ mode, reason }) => (
              <p key={mode} className="model-use model-refusal" data-testid="mode-refusal" data-mode={mode}>
                {reason}
              </p>
            ))}
            <p className={`model-size model-size-${status.state}`}>{sizeText(status)}</p>
            <p className="model-licence" data-testid="model-licence" title={model.model.licence.name}>
              Licence: {model.model.licence.id}
            </p>
            {status.state === "downloading" && (
              <div className="download-row">
                <SpProgressBar
                  label={`Downloading ${model.displayName}`}
                  progress={status.totalBytes > 0 ? Math.round((100 * status.loadedBytes) / status.totalBytes) : 0}
                  data-testid="download-progress"
                />
                <SpButton size="s" variant="secondary" treatment="outline" data-testid="download-cancel" label={`Cancel the download of ${model.displayName}`} onClick={() => onCancel(model.id)}>
                  Cancel
                </SpButton>
              </div>
            )}
            {(status.state === "absent" || status.state === "partial") && (
              <SpButton size="s" variant="secondary" data-testid="download" label={`${downloadText(status)}, ${model.displayName}`} onClick={() => onDownload(model.id)}>
                {downloadText(status)}
              </SpButton>
            )}
            {status.state === "present" && (
              <div className="download-row">
                {onVerify && (
                  <SpButton size="s" variant="secondary" treatment="outline" data-testid="verify" disabled={verifying} label={`Verify the files of ${model.displayName}`} onClick={() => onVerify(model.id)}>
                    {verifying ? "Verifying…" : "Verify"}
                  </SpButton>
                )}
                <SpButton size="s" variant="secondary" treatment="outline" data-testid="delete" disabled={verifying} label={`Delete ${model.displayName}`} onClick={() => onDelete(model.id)}>
                  Delete
                </SpButton>
              </div>
            )}
            {note && !error && (
              <p className="hint" role="status" data-testid="verify-note">
                {note}
              </p>
            )}
            {status.state === "unsupported" && (
              <details className="why">
                <summary>Why it cannot run here</summary>
                <p>{status.message}</p>
              </details>
            )}
            {error && (
              <p className="notice notice-error" role="alert">
                {error}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The download button's text (its accessible name adds the model's name after it). */
function downloadText(status: { state: "absent" | "partial"; downloadBytes: number }): string {
  return `${status.state === "partial" ? "Resume download" : "Download"} (${formatBytes(status.downloadBytes)})`;
}

function sizeText(status: ModelEntry["status"]): string {
  switch (status.state) {
    case "present":
      return `on this device · ${formatBytes(status.bytesOnDisk)}`;
    case "partial":
      return `partly downloaded · ${formatBytes(status.bytesOnDisk)} of ${formatBytes(status.downloadBytes)}`;
    case "absent":
      return `not downloaded · ${formatBytes(status.downloadBytes)}`;
    case "downloading":
      return `downloading · ${formatBytes(status.loadedBytes)} of ${formatBytes(status.totalBytes)}`;
    case "unsupported":
      return "cannot run on this device";
  }
}
