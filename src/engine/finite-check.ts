/**
 * NaN/Infinity guard for the pipeline's stage outputs. A non-finite value anywhere becomes a
 * black or garbage image several seconds later; stopping at the stage that produced it says where
 * the fault is (fp16 overflow on a GPU, a bad config number, a broken export).
 */
import { NonFiniteOutputError } from "./errors";

export function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/** Throws NonFiniteOutputError naming `stage` ("the text encoder", "VAE decode", …) when `values` holds NaN/Infinity. */
export function assertFiniteStage(values: ArrayLike<number>, stage: string): void {
  if (!allFinite(values)) throw new NonFiniteOutputError(stage);
}
