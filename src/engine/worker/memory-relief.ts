/**
 * What the engine does when an allocation fails (OutOfMemoryError, on the GPU or in the wasm
 * heap). Browsers give no memory-pressure event, so the failure itself is the signal: everything
 * loaded besides the model that failed is let go (the live-preview decoder, the object-selection
 * model with its image embeddings, MI-GAN, remembered prompt encodings), the user is told in one
 * sentence, and the work runs once more. A second failure takes the usual way (the next attempt
 * of the execution plan, or the error).
 */
import type { RunEvent } from "../../contract/worker-protocol";

/** Something loaded that can be let go; `release` answers whether it held anything. */
export interface Releasable {
  /** How the notice names it: "the object-selection model". */
  name: string;
  /** Frees it; true when something was loaded. */
  release(): Promise<boolean>;
}

/** Releases every part that holds something; returns the names of those that did. */
export async function releaseAll(parts: readonly Releasable[]): Promise<string[]> {
  const released: string[] = [];
  for (const part of parts) {
    if (await part.release().catch(() => false)) released.push(part.name);
  }
  return released;
}

/** The notice for a retry after releasing `released` (non-empty). */
export function memoryReliefNotice(released: readonly string[]): RunEvent {
  const list = released.length === 1 ? released[0] : `${released.slice(0, -1).join(", ")} and ${released[released.length - 1]}`;
  return { type: "notice", notice: { kind: "released", reason: `Memory ran out, so the add-on unloaded ${list}, then tried once more.` } };
}
