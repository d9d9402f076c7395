/**
 * Typed reads of a diffusers `scheduler_config.json`. Published configs carry keys for other
 * schedulers (PNDM's `skip_prk_steps`, …) and `null` for "use the default", so every reader takes
 * the class's own default and only rejects values of the wrong kind. Non-finite numbers arrive as
 * strings ("-inf", "inf", "nan") because JSON has no literal for them.
 */

import { SchedulerConfigError } from "./errors";
import type { SchedulerConfig } from "./scheduler";

function present(config: SchedulerConfig, key: string): boolean {
  return config[key] !== undefined && config[key] !== null;
}

/** A number, accepting the strings Python writes for non-finite floats. */
export function readNumber(config: SchedulerConfig, key: string, fallback: number): number {
  if (!present(config, key)) return fallback;
  const v = config[key];
  if (typeof v === "number" && !Number.isNaN(v)) return v;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (s === "-inf" || s === "-infinity") return -Infinity;
    if (s === "inf" || s === "infinity" || s === "+inf") return Infinity;
  }
  throw new SchedulerConfigError(`"${key}" must be a number, got ${JSON.stringify(v)}.`);
}

/** A number that may legitimately be absent (`null` in the JSON), e.g. Euler's sigma_min. */
export function readOptionalNumber(config: SchedulerConfig, key: string): number | null {
  return present(config, key) ? readNumber(config, key, 0) : null;
}

export function readInteger(config: SchedulerConfig, key: string, fallback: number, min: number): number {
  const v = readNumber(config, key, fallback);
  if (!Number.isInteger(v) || v < min) {
    throw new SchedulerConfigError(`"${key}" must be a whole number >= ${min}, got ${JSON.stringify(config[key])}.`);
  }
  return v;
}

export function readBoolean(config: SchedulerConfig, key: string, fallback: boolean): boolean {
  if (!present(config, key)) return fallback;
  const v = config[key];
  if (typeof v === "boolean") return v;
  throw new SchedulerConfigError(`"${key}" must be true or false, got ${JSON.stringify(v)}.`);
}

/** A string option restricted to the values this port implements. */
export function readChoice<T extends string>(
  config: SchedulerConfig,
  key: string,
  fallback: T,
  allowed: readonly T[],
): T {
  if (!present(config, key)) return fallback;
  const v = config[key];
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  throw new SchedulerConfigError(
    `"${key}" is ${JSON.stringify(v)}; this scheduler supports ${allowed.map((a) => `"${a}"`).join(", ")}.`,
  );
}

/** `trained_betas`: an explicit beta per training timestep, or null. */
export function readTrainedBetas(config: SchedulerConfig): number[] | null {
  if (!present(config, "trained_betas")) return null;
  const v = config.trained_betas;
  if (Array.isArray(v) && v.length > 0 && v.every((b) => typeof b === "number" && Number.isFinite(b))) return v;
  throw new SchedulerConfigError(`"trained_betas" must be a non-empty list of numbers or null.`);
}

/** Options that change the maths in ways this port does not implement must not pass silently. */
export function rejectIfSet(config: SchedulerConfig, key: string, offValue: unknown, why: string): void {
  if (present(config, key) && config[key] !== offValue) {
    throw new SchedulerConfigError(`"${key}" = ${JSON.stringify(config[key])} is not supported (${why}).`);
  }
}
