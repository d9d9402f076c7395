import { fixText } from "./ftfy/fix-text";
import { PY_SPACE } from "./ftfy/python-classes";

const WHITESPACE_RUN = new RegExp(`[${PY_SPACE}]+`, "gu");
const PY_SPACE_CLASS = `[${PY_SPACE}]`;
const LEADING_SPACE = new RegExp(`^${PY_SPACE_CLASS}+`, "u");
const TRAILING_SPACE = new RegExp(`${PY_SPACE_CLASS}+$`, "u");

/**
 * CLIPTokenizer's text pass on one piece of a prompt (python transformers 4.19 with ftfy):
 * ftfy.fix_text, every whitespace run (Python's Unicode notion, NBSP and U+3000 included) → one
 * space, strip, then str.lower() — which is full Unicode lowercasing like JavaScript's
 * toLowerCase ("İ" → "i̇", a word-final "Σ" → "ς").
 */
export function cleanPromptText(piece: string): string {
  return fixText(piece).replace(WHITESPACE_RUN, " ").replace(/^ | $/g, "").toLowerCase();
}

/** Python's str.lstrip() / str.rstrip() with no argument. */
export function pyLstrip(text: string): string {
  return text.replace(LEADING_SPACE, "");
}
export function pyRstrip(text: string): string {
  return text.replace(TRAILING_SPACE, "");
}
