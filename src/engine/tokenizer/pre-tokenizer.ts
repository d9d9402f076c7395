/**
 * CLIP's word split (openai/CLIP simple_tokenizer, kept by transformers' CLIPTokenizer):
 * the two literal special tokens, ASCII-apostrophe contractions, runs of letters, ONE digit at
 * a time ("2024" → 4 words), and runs of anything else that is neither space, letter nor digit.
 * Python compiles it with re.IGNORECASE (`regex` module); the `i` flag keeps that, e.g. "'ſ"
 * (long s) still counts as the contraction "'s".
 */

/** The `regex` module's `\s` (Unicode White_Space: U+0085 yes, U+FEFF and U+001C-U+001F no). */
const REGEX_SPACE = "\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

const CLIP_WORD_PATTERN = new RegExp(
  `<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^${REGEX_SPACE}\\p{L}\\p{N}]+`,
  "giu",
);

/**
 * U+0345 (combining ypogegrammeni) case-folds to the letter ι: under IGNORECASE JavaScript calls
 * it a letter, Python's `regex` matches it with no branch at all, so it only separates words.
 */
const MATCHED_BY_NO_BRANCH = /\u0345/g;

/** Cleaned, lowercased text → the words BPE runs on (spaces are dropped). */
export function splitWords(text: string): string[] {
  return text.replace(MATCHED_BY_NO_BRANCH, " ").match(CLIP_WORD_PATTERN) ?? [];
}
