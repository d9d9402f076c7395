/**
 * About how many CLIP tokens a prompt takes, without the tokenizer's 1.7 MB of vocabulary in the
 * panel (the engine has the exact count, and warns after a run when it cut the prompt). Words are
 * split as CLIP's pre-tokenizer splits them (letters, single digits, runs of punctuation); a common
 * word is one token, a long or rare one a few. Checked against the real tokenizer on PartiPrompts
 * (test/ui/token-estimate.test.ts).
 */

/** The model's text window: 77 positions, of which the start and end markers take two. */
export const PROMPT_TOKEN_LIMIT = 75;

const PIECES = /'s|'t|'re|'ve|'m|'ll|'d|\p{L}+|\p{N}|[^\s\p{L}\p{N}]+/gu;

export function estimateTokens(text: string): number {
  let count = 0;
  for (const [piece] of text.toLowerCase().matchAll(PIECES)) {
    if (/^\p{L}/u.test(piece)) count += wordTokens(piece);
    else count += /^\p{N}$/u.test(piece) ? 1 : Math.ceil(piece.length / 2);
  }
  return count;
}

function wordTokens(word: string): number {
  if (word.length <= LONG_WORD) return 1;
  return 1 + Math.ceil((word.length - LONG_WORD) / EXTRA_LETTERS_PER_TOKEN);
}

const LONG_WORD = 8;
const EXTRA_LETTERS_PER_TOKEN = 4;
