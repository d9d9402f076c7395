/**
 * What the engine does when an allocation fails (OutOfMemoryError, on the GPU or in the wasm
 * heap). Browsers give no memory-pressure event, so the failure itself is the signal: everything
 * loaded besides the model that failed is let go (the live-preview decoder, the object-selection
 * model with its image embeddings, MI-GAN, remembered prompt encodings), the user is told in one
 * sentence, and the work runs once more. A second failure takes the usual way (the next attempt
 * of the execution plan, or the error). When object selection or Remove runs out, the generation
 * model is let go too; the next generate loads it again by itself (ModelLoader.activeOrReload).
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

/** True when `error` (or what it wraps) is an allocation failure. */
export function isOutOfMemory(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) if (e.name === "OutOfMemoryError") return true;
  return false;
}

/**
 * Runs `work`; after an allocation failure, releases `others` and, when something was let go,
 * says so and runs it once more. For requests beside the generation model (object selection,
 * Remove), whose own memory the worker cannot shrink further.
 */
export async function withMemoryRelief<T>(work: () => Promise<T>, others: readonly Releasable[], notify: (event: RunEvent) => void): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isOutOfMemory(error)) throw error;
    const released = await releaseAll(others);
    if (released.length === 0) throw error;
    notify(memoryReliefNotice(released));
    return work();
  }
}
