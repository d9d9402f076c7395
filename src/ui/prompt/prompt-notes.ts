/** The prompt box's notes (pure, so they are tested in Node): token count near the limit, a cut paste. */
import { LIMITS } from "../settings/panel-settings";
import { estimateTokens, PROMPT_TOKEN_LIMIT } from "./token-estimate";

/** The counter shows from this share of the window on. */
const SHOW_FROM = 0.75;

export function tokenNote(prompt: string): { text: string; over: boolean } | null {
  const tokens = estimateTokens(prompt);
  if (tokens < SHOW_FROM * PROMPT_TOKEN_LIMIT) return null;
  if (tokens <= PROMPT_TOKEN_LIMIT) return { text: `About ${tokens} of ${PROMPT_TOKEN_LIMIT} tokens: the model reads no further.`, over: false };
  return { text: `About ${tokens} tokens: the model reads only the first ${PROMPT_TOKEN_LIMIT}, so the end of the prompt is ignored. Shorten it to keep every word.`, over: true };
}

export function cutNote(typedLength: number): string {
  const n = (v: number) => v.toLocaleString("en-US");
  return `The text was ${n(typedLength)} characters; the prompt keeps the first ${n(LIMITS.promptLength)}.`;
}

