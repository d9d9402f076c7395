/** Remove mode's line about its engine (the built-in fill, or MI-GAN once downloaded). */
import type { RemovalModelSnapshot } from "../models/removal-model";
import { formatBytes } from "./format-bytes";

export function removalEngineText(s: RemovalModelSnapshot): string {
  if (s.status.state === "present") return `Removes with ${s.displayName} (downloaded, runs on this device).`;
  const offer = s.status.state === "unavailable" ? "" : ` ${s.displayName} (${formatBytes(s.downloadBytes)}, ${s.licence}) fills larger objects more cleanly.`;
  return `Removes with the built-in fill: instant, no download.${offer}`;
}

/**
 * A failed MI-GAN download in Remove mode: the Models list's sentence (which already says what was
 * kept and to press Download) plus what Remove does meanwhile, so the advice is not said twice.
 */
export function removalFailureText(error: string): string {
  return `${error} Until then, Remove uses the built-in fill.`;
}
