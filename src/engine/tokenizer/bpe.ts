import { TokenizerFileError } from "./errors";

/** Marks the last symbol of a word in CLIP's vocabulary ("cat</w>" vs the prefix "cat"). */
export const END_OF_WORD = "</w>";

/**
 * transformers' CLIPTokenizer reads at most this many merges (49152 - 256 - 2), whatever the
 * file holds, so a longer merges.txt gives the same ids as in Python.
 */
const MAX_MERGES = 49152 - 256 - 2;

/** Words the reference never runs through BPE (its cache is seeded with them). */
const LITERAL_SPECIAL_WORDS = new Set(["<|startoftext|>", "<|endoftext|>"]);

const MAX_CACHED_WORDS = 20_000;

/**
 * Parses merges.txt: line 1 is always skipped (the "#version" header, skipped unconditionally
 * by the reference too), then one "left right" pair per line; rank = line order (a blank line
 * uses up a rank, as in the reference). A duplicated pair keeps its LAST rank, as the Python
 * dict built from the list does. With `vocab`, every merged symbol must be in it — that catches
 * a merges.txt and vocab.json from different tokenizers, or the two files swapped.
 */
export function parseMerges(
  mergesText: string,
  vocab?: ReadonlyMap<string, number>,
  file = "merges.txt",
): Map<string, number> {
  if (typeof mergesText !== "string") throw new TokenizerFileError(file, "expected the text of merges.txt");
  const lines = mergesText.trim().split("\n");
  const ranks = new Map<string, number>();
  const last = Math.min(lines.length - 1, MAX_MERGES);
  for (let lineIndex = 1; lineIndex <= last; lineIndex++) {
    let line = lines[lineIndex];
    // Fast path for the usual "left right" line: the line itself is the key, no split needed.
    let space = line.indexOf(" ");
    // (Byte-level symbols never contain whitespace; a CR means a CRLF file.)
    if (space <= 0 || space === line.length - 1 || line.indexOf(" ", space + 1) !== -1 || line.includes("\r") || line.includes("\t")) {
      line = line.trim();
      if (line === "") continue;
      const parts = line.split(/\s+/);
      if (parts.length !== 2) {
        throw new TokenizerFileError(file, `line ${lineIndex + 1} is not a merge rule "left right": ${JSON.stringify(line.slice(0, 60))}`);
      }
      line = `${parts[0]} ${parts[1]}`;
      space = parts[0].length;
    }
    const merged = line.slice(0, space) + line.slice(space + 1);
    if (vocab && !vocab.has(merged)) {
      throw new TokenizerFileError(
        file,
        `line ${lineIndex + 1} merges into "${merged}", which vocab.json does not have (are the two files from the same tokenizer?)`,
      );
    }
    ranks.set(line, lineIndex - 1);
  }
  if (ranks.size === 0) throw new TokenizerFileError(file, "holds no merge rule (expected a '#version' line, then lines like 'i n')");
  return ranks;
}

/** Byte-level BPE over CLIP's merges, with a word cache (prompts repeat words a lot). */
export class BytePairEncoder {
  private readonly cache = new Map<string, readonly string[]>();

  /** @param ranks "left right" → merge priority (lower merges first), from {@link parseMerges}. */
  constructor(private readonly ranks: ReadonlyMap<string, number>) {}

  /** One byte-level word → its BPE symbols; the last symbol carries "</w>". */
  encodeWord(word: string): readonly string[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const symbols = LITERAL_SPECIAL_WORDS.has(word) ? [word] : this.merge(word);
    if (this.cache.size >= MAX_CACHED_WORDS) this.cache.clear();
    this.cache.set(word, symbols);
    return symbols;
  }

  private merge(word: string): string[] {
    // Byte-level characters are all in the BMP, so splitting by UTF-16 unit is per character.
    let symbols = word.split("");
    symbols[symbols.length - 1] += END_OF_WORD;
    while (symbols.length > 1) {
      let bestRank = Infinity;
      let bestLeft = "";
      let bestRight = "";
      for (let i = 0; i < symbols.length - 1; i++) {
        const rank = this.ranks.get(`${symbols[i]} ${symbols[i + 1]}`);
        if (rank !== undefined && rank < bestRank) {
          bestRank = rank;
          bestLeft = symbols[i];
          bestRight = symbols[i + 1];
        }
      }
      if (bestRank === Infinity) break;
      // Merge every non-overlapping occurrence, scanning left to right like the reference.
      const merged: string[] = [];
      for (let i = 0; i < symbols.length; i++) {
        if (i < symbols.length - 1 && symbols[i] === bestLeft && symbols[i + 1] === bestRight) {
          merged.push(bestLeft + bestRight);
          i++;
        } else {
          merged.push(symbols[i]);
        }
      }
      symbols = merged;
    }
    return symbols;
  }
}
