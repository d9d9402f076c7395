/**
 * What the confirmations before an expensive or destructive model action say: the size, and the
 * time it takes at the speed this device measured (or, before any download was measured, at an
 * assumed speed that is named as such).
 */
import type { ModelStatus } from "../models/model-library";
import { formatBytes } from "./format-bytes";

/** Downloads from this size on ask first; deleting a model this size or larger asks first. */
export const CONFIRM_DOWNLOAD_FROM = 500 * 1024 ** 2;
export const CONFIRM_DELETE_FROM = 100 * 1024 ** 2;
/** Assumed when nothing was measured yet: 50 Mbit/s. */
const ASSUMED_BYTES_PER_SECOND = 50e6 / 8;

export interface Confirmation {
  headline: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return "under a minute";
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `about ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `about ${hours} h ${minutes % 60} min`;
}

function timeAt(bytes: number, measured: number | null): string {
  if (measured === null) return `${formatDuration(bytes / ASSUMED_BYTES_PER_SECOND)} at 50 Mbit/s (no download has been measured on this device yet)`;
  return `${formatDuration(bytes / measured)} at the speed measured on this device (${formatBytes(measured)}/s)`;
}

export function downloadConfirmation(name: string, bytes: number, measured: number | null): Confirmation {
  return {
    headline: `Download ${name}?`,
    body: `${formatBytes(bytes)}: ${timeAt(bytes, measured)}. It is stored in this browser and then works offline. You can cancel at any time and resume later.`,
    confirmLabel: `Download ${formatBytes(bytes)}`,
    cancelLabel: "Not now",
  };
}

export function deleteConfirmation(name: string, bytesOnDisk: number, downloadBytes: number, measured: number | null): Confirmation {
  return {
    headline: `Delete ${name}?`,
    body: `This frees ${formatBytes(bytesOnDisk)} on this device. Using it again means downloading ${formatBytes(downloadBytes)}: ${timeAt(downloadBytes, measured)}.`,
    confirmLabel: "Delete",
    cancelLabel: "Keep it",
  };
}

/**
 * What pressing Download asks first: null for what is small enough to start at once (the test
 * model, the last few MB of a resumed download), else the confirmation for the bytes still to fetch.
 */
export function confirmBeforeDownload(name: string, status: ModelStatus, measured: number | null): Confirmation | null {
  if (status.state !== "absent" && status.state !== "partial") return null;
  const bytes = status.downloadBytes - (status.state === "partial" ? status.bytesOnDisk : 0);
  return bytes < CONFIRM_DOWNLOAD_FROM ? null : downloadConfirmation(name, bytes, measured);
}

/** What pressing Delete asks first: null below CONFIRM_DELETE_FROM on disk (cheap to fetch again). */
export function confirmBeforeDelete(name: string, status: ModelStatus, measured: number | null): Confirmation | null {
  if (status.state !== "present" || status.bytesOnDisk < CONFIRM_DELETE_FROM) return null;
  return deleteConfirmation(name, status.bytesOnDisk, status.bytesOnDisk, measured);
}
