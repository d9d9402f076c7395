/** "Models on this device": presence, sizes, download with progress and cancel, delete. */
import { SpButton, SpProgressBar } from "../spectrum/components";
import type { ModelEntry } from "../models/model-library";

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(bytes >= 100 * 1024 ** 2 ? 0 : 1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function ModelSection({
  entries,
  activeModelId,
  onDownload,
  onCancel,
  onDelete,
}: {
  entries: readonly ModelEntry[];
  activeModelId: string | null;
  onDownload: (id: string) => void;
  onCancel: (id: string) => void;
  onDelete: (id: string) => void;
}) {
  return (
    <section className="models" aria-labelledby="models-heading">
      <h2 id="models-heading">Models</h2>
      <ul className="model-list">
        {entries.map(({ model, status, error }) => (
          <li key={model.id} className="model" data-testid={`model-${model.id}`} data-state={status.state}>
            <div className="model-head">
              <span className="model-name">
                {model.displayName}
                {model.id === activeModelId && <span className="badge badge-active">in use</span>}
              </span>
              <span className="model-size">{sizeText(status)}</span>
            </div>
            <p className="model-use">{model.use}</p>
            {status.state === "downloading" && (
              <div className="row">
                <SpProgressBar
                  label={`Downloading ${model.displayName}`}
                  progress={status.totalBytes > 0 ? Math.round((100 * status.loadedBytes) / status.totalBytes) : 0}
                  data-testid="download-progress"
                />
                <SpButton size="s" variant="secondary" treatment="outline" data-testid="download-cancel" onClick={() => onCancel(model.id)}>
                  Cancel
                </SpButton>
              </div>
            )}
            {(status.state === "absent" || status.state === "partial") && (
              <SpButton size="s" variant="secondary" data-testid="download" onClick={() => onDownload(model.id)}>
                {status.state === "partial" ? "Resume download" : "Download"} ({formatBytes(status.downloadBytes)})
              </SpButton>
            )}
            {status.state === "present" && (
              <SpButton size="s" variant="secondary" treatment="outline" data-testid="delete" label={`Delete ${model.displayName}`} onClick={() => onDelete(model.id)}>
                Delete
              </SpButton>
            )}
            {status.state === "unsupported" && (
              <details className="why">
                <summary>Why it cannot run here</summary>
                {status.message}
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

function sizeText(status: ModelEntry["status"]): string {
  switch (status.state) {
    case "present":
      return `on this device · ${formatBytes(status.bytesOnDisk)}`;
    case "partial":
      return `partly downloaded · ${formatBytes(status.bytesOnDisk)} of ${formatBytes(status.downloadBytes)}`;
    case "absent":
      return `not downloaded · ${formatBytes(status.downloadBytes)}`;
    case "downloading":
      return `${formatBytes(status.loadedBytes)} of ${formatBytes(status.totalBytes)}`;
    case "unsupported":
      return "cannot run here";
  }
}
