/**
 * Remove mode: which engine the Remove button uses, and the download that switches it to MI-GAN.
 * The built-in fill needs nothing; MI-GAN is used as soon as it is in the model cache.
 */
import { SpButton, SpProgressBar } from "../spectrum/components";
import type { RemovalModelSnapshot } from "../models/removal-model";
import { formatBytes } from "./format-bytes";
import { removalEngineText, removalFailureText } from "./removal-engine-text";

export function RemovalEngine({
  removal,
  disabled,
  onDownload,
  onCancel,
  onDelete,
}: {
  removal: RemovalModelSnapshot;
  disabled: boolean;
  onDownload: () => void;
  onCancel: () => void;
  onDelete: () => void;
}) {
  const { status } = removal;
  return (
    <section className="removal-engine" aria-label="Removal engine" data-testid="removal-engine" data-engine={removal.engine}>
      <p className="hint" data-testid="removal-engine-text">
        {removalEngineText(removal)}
      </p>
      {status.state === "absent" && (
        <SpButton size="s" variant="secondary" treatment="outline" disabled={disabled} data-testid="removal-download" onClick={onDownload}>
          {`Download MI-GAN (${formatBytes(removal.downloadBytes)})`}
        </SpButton>
      )}
      {status.state === "present" && (
        <SpButton size="s" variant="secondary" treatment="outline" disabled={disabled} data-testid="removal-delete" onClick={onDelete}>
          Delete MI-GAN
        </SpButton>
      )}
      {status.state === "downloading" && (
        <>
          <SpProgressBar label={`Downloading ${removal.displayName}`} progress={Math.round(status.fraction * 100)} />
          <SpButton size="s" variant="secondary" treatment="outline" data-testid="removal-download-cancel" onClick={onCancel}>
            Cancel download
          </SpButton>
        </>
      )}
      {removal.error && (
        <p className="hint" role="alert" data-testid="removal-download-error">
          {removalFailureText(removal.error)}
        </p>
      )}
    </section>
  );
}
