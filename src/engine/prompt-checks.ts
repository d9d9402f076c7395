/**
 * A prompt crosses from callers that are not type-checked (worker messages, stored settings, the
 * CLI): a number, an array or an object without ids must be one clear sentence here, not an
 * exception deep in the tokenizer ("prompt.normalize is not a function") or the text encoder.
 */
import { InvalidInputError } from "./errors";
import type { PromptInput } from "./pipelines/options";

const MAX_TOKEN_IDS = 77;

export function checkPromptInput(value: unknown, what: "prompt" | "negative prompt"): asserts value is PromptInput {
  if (typeof value === "string") return;
  if (value === undefined || value === null) {
    if (what === "negative prompt") return;
    throw new InvalidInputError("A prompt is required (it may be empty text).");
  }
  const ids = (value as { inputIds?: unknown }).inputIds;
  if (typeof value === "object" && !Array.isArray(value) && ids instanceof Int32Array) {
    if (ids.length === 0 || ids.length > MAX_TOKEN_IDS) {
      throw new InvalidInputError(`The ${what}'s token ids must be 1 to ${MAX_TOKEN_IDS} ids (got ${ids.length}).`);
    }
    return;
  }
  const kind = Array.isArray(value) ? "a list" : typeof value === "object" ? "an object without inputIds (an Int32Array)" : `a ${typeof value}`;
  throw new InvalidInputError(`The ${what} is ${kind}; give it as text, or as token ids in { inputIds: Int32Array }.`);
}
