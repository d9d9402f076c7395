/**
 * CLIP's word split (openai/CLIP simple_tokenizer, kept by transformers' CLIPTokenizer):
 * the two literal special tokens, ASCII-apostrophe contractions, runs of letters, ONE digit at
 * a time ("2024" → 4 words), and runs of anything else that is neither space, letter nor digit.
 * Python compiles it with re.IGNORECASE; the `i` flag here keeps that (e.g. "'S" after a
 * lowercase pass that leaves the long s 'ſ' is still a contraction, as in Python).
 */
const CLIP_WORD_PATTERN =
  /<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+/giu;

/** Cleaned, lowercased text → the words BPE runs on (spaces are dropped). */
export function splitWords(text: string): string[] {
  return text.match(CLIP_WORD_PATTERN) ?? [];
}
