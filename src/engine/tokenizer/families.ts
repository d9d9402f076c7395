/**
 * The tokenizer families of the catalogue, built from the one copy of CLIP's BPE merges the
 * add-on ships (data/README.md). SD 1.x, SD 2.x, SD-Turbo and LCM share the vocabulary; a family
 * only decides the special tokens, as each model's own `special_tokens_map.json` does.
 */
import { BYTE_TO_CHAR } from "./byte-encoder";
import { END_OF_WORD } from "./bpe";
import { ClipTokenizer } from "./clip-tokenizer";
import { TokenizerFileError } from "./errors";

export const CLIP_TOKENIZER_FAMILIES = ["clip-sd1", "clip-sd2"] as const;
export type ClipTokenizerFamily = (typeof CLIP_TOKENIZER_FAMILIES)[number];

const addedToken = (content: string) => ({ content, lstrip: false, normalized: true, rstrip: false, single_word: false });

/**
 * The `special_tokens_map.json` of each family, as published: SD 1.5 pads with `<|endoftext|>`;
 * SD 2.x pads with "!" (id 0), which also makes every "!" of a prompt its own token, as
 * transformers does with that folder (and as diffusers feeds SD 2.x and SD-Turbo).
 */
const SPECIAL_TOKENS_MAPS: Record<ClipTokenizerFamily, object> = {
  "clip-sd1": { bos_token: addedToken("<|startoftext|>"), eos_token: addedToken("<|endoftext|>"), pad_token: "<|endoftext|>", unk_token: addedToken("<|endoftext|>") },
  "clip-sd2": { bos_token: addedToken("<|startoftext|>"), eos_token: addedToken("<|endoftext|>"), pad_token: "!", unk_token: addedToken("<|endoftext|>") },
};

export function isClipTokenizerFamily(value: unknown): value is ClipTokenizerFamily {
  return typeof value === "string" && (CLIP_TOKENIZER_FAMILIES as readonly string[]).includes(value);
}

/**
 * vocab.json rebuilt from merges.txt as OpenAI's simple_tokenizer.py builds it: the 256 byte
 * symbols in bytes_to_unicode order (which is code-point order), the same with `</w>`, one entry
 * per merge, then the start and end tokens.
 */
export function clipVocabFromMerges(mergesText: string): Record<string, number> {
  const symbols = [...BYTE_TO_CHAR].sort((a, b) => a.charCodeAt(0) - b.charCodeAt(0));
  const tokens = [...symbols, ...symbols.map((s) => s + END_OF_WORD)];
  const lines = mergesText.split("\n");
  if (!lines[0].startsWith("#version")) throw new TokenizerFileError("clip-bpe-merges.txt", "does not start with its #version header");
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line === "") continue;
    const space = line.indexOf(" ");
    if (space <= 0) throw new TokenizerFileError("clip-bpe-merges.txt", `line ${i + 1} is not a "left right" pair`);
    tokens.push(line.slice(0, space) + line.slice(space + 1));
  }
  tokens.push("<|startoftext|>", "<|endoftext|>");
  const vocab: Record<string, number> = {};
  tokens.forEach((token, id) => (vocab[token] = id));
  return vocab;
}

/** A family's tokenizer from the shipped merges text. */
export function clipTokenizerForFamily(family: ClipTokenizerFamily, mergesText: string): ClipTokenizer {
  return ClipTokenizer.fromFiles({
    vocab: clipVocabFromMerges(mergesText),
    merges: mergesText,
    tokenizerConfig: { model_max_length: 77 },
    specialTokensMap: SPECIAL_TOKENS_MAPS[family],
  });
}
