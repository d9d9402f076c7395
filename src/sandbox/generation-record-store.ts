/**
 * GenerationRecord ↔ node.addOnData. One JSON string under one key; the SDK allows 3 KB and 20
 * keys per node and add-on, so the record is checked against the node's remaining quota BEFORE
 * anything is written.
 */
import { GENERATION_MODES, pickGenerationRecord, type GenerationRecord } from "../contract/generation-record";
import type { AddOnDataSurface } from "./express-surface";
import { GenerationRecordTooLargeError, InvalidInsertRequestError } from "./errors";

export const GENERATION_RECORD_KEY = "localGenerativeFill.generation";

export function serializeGenerationRecord(record: GenerationRecord): string {
  const problem = recordProblem(record);
  if (problem) throw new InvalidInsertRequestError(`The generation settings are incomplete: ${problem}. Generate again.`);
  // Fixed field order: the stored text is stable and easy to read in a debugger.
  const ordered: GenerationRecord = {
    model: record.model,
    prompt: record.prompt,
    negativePrompt: record.negativePrompt,
    seed: record.seed,
    steps: record.steps,
    strength: record.strength,
    guidanceScale: record.guidanceScale,
    mode: record.mode,
    ...(record.expand ? { expand: { target: record.expand.target, anchor: record.expand.anchor } } : {}),
    addOnVersion: record.addOnVersion,
    createdAt: record.createdAt,
  };
  return JSON.stringify(ordered);
}

/** UTF-8 byte length without TextEncoder (not promised in the document sandbox). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Throws (writing nothing) when the record does not fit the node's add-on data quota. */
export function assertRecordFits(data: AddOnDataSurface, json: string): void {
  const quota = data.remainingQuota;
  const existing = data.getItem(GENERATION_RECORD_KEY);
  const needed = utf8Length(GENERATION_RECORD_KEY) + utf8Length(json) - (existing === undefined ? 0 : utf8Length(GENERATION_RECORD_KEY) + utf8Length(existing));
  if ((existing === undefined && quota.numKeys < 1) || needed > quota.sizeInBytes) {
    throw new GenerationRecordTooLargeError(
      `The prompt and settings take ${utf8Length(json)} bytes, more than the ${quota.sizeInBytes} bytes Express lets an add-on store on a layer. Shorten the prompt or negative prompt, generate again and keep the new result.`,
    );
  }
}

export function writeGenerationRecord(data: AddOnDataSurface, json: string): void {
  data.setItem(GENERATION_RECORD_KEY, json);
}

/** The record stored on a node, or undefined when absent or not ours / corrupted. */
export function readGenerationRecord(data: AddOnDataSurface): GenerationRecord | undefined {
  const raw = data.getItem(GENERATION_RECORD_KEY);
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  // Unknown keys are dropped here, so the panel only ever sees a record's own fields.
  return recordProblem(parsed) === undefined ? pickGenerationRecord(parsed as GenerationRecord) : undefined;
}

/** First thing wrong with a would-be record, or undefined. */
function recordProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return "not an object";
  const r = value as Record<string, unknown>;
  for (const key of ["model", "prompt", "negativePrompt", "addOnVersion", "createdAt"] as const) {
    if (typeof r[key] !== "string") return `${key} must be text`;
  }
  for (const key of ["seed", "steps", "strength", "guidanceScale"] as const) {
    if (typeof r[key] !== "number" || !Number.isFinite(r[key])) return `${key} must be a finite number`;
  }
  if (!GENERATION_MODES.includes(r.mode as GenerationRecord["mode"])) return `mode must be one of ${GENERATION_MODES.join(", ")}`;
  if (r.expand !== undefined) {
    const e = r.expand as Record<string, unknown> | null;
    if (typeof e !== "object" || e === null || typeof e.target !== "string" || typeof e.anchor !== "string") return "expand must hold a target and an anchor";
  }
  return undefined;
}
