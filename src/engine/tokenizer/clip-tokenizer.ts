import { BytePairEncoder, parseMerges } from "./bpe";
import { toByteLevel } from "./byte-encoder";
import { cleanPromptText } from "./clip-text";
import { TokenizerFileError } from "./errors";
import { splitWords } from "./pre-tokenizer";
import { SpecialTokenSplitter } from "./special-token-splitter";
import { parseJsonObject, resolveSpecialTokens, specialTokensInOrder, type SpecialTokenSet } from "./special-tokens";
import { readTokenizerJson } from "./tokenizer-json";

/** CLIP text encoders have 77 positions: start token, up to 75 prompt tokens, end token. */
export const CLIP_MAX_LENGTH = 77;

export interface ClipEncoding {
  /** [maxLength] int32: bos, prompt tokens (at most maxLength - 2), eos, then the pad id. */
  readonly inputIds: Int32Array;
  /** Positions that are not padding: min(prompt tokens, maxLength - 2) + 2. */
  readonly length: number;
  /** The prompt had more tokens than fit; the UI should warn that its end is ignored. */
  readonly truncated: boolean;
  /** How many prompt tokens were cut off (0 when it fit). */
  readonly droppedTokens: number;
}

export interface ClipTokenizerFiles {
  /** vocab.json: its text or the parsed object (token → id). */
  readonly vocab: string | Record<string, number>;
  /** merges.txt text. */
  readonly merges: string;
  /** special_tokens_map.json (text or object); overrides tokenizer_config.json like transformers. */
  readonly specialTokensMap?: string | object;
  /** tokenizer_config.json (text or object). */
  readonly tokenizerConfig?: string | object;
}

export interface ClipTokenizerJsonOptions {
  /** Give the folder's configs too when it has them: they decide the pad token. */
  readonly specialTokensMap?: string | object;
  readonly tokenizerConfig?: string | object;
}

function readVocab(source: unknown, file: string): Map<string, number> {
  const object = parseJsonObject(source, file);
  const vocab = new Map<string, number>();
  for (const token in object) {
    const id = object[token];
    if (typeof id !== "number" || !Number.isInteger(id) || id < 0) {
      throw new TokenizerFileError(file, `token ${JSON.stringify(token)} has id ${JSON.stringify(id)}, expected a non-negative integer`);
    }
    vocab.set(token, id);
  }
  if (vocab.size < 512) throw new TokenizerFileError(file, `holds ${vocab.size} tokens; a CLIP vocabulary has 49,408`);
  return vocab;
}

/**
 * CLIP BPE tokenizer giving the same ids as the python CLIPTokenizer of transformers 4.19 with
 * ftfy (what Stable Diffusion 1.x/2.x pipelines were run with), called as diffusers calls it:
 * padding to 77, truncation keeping the end token. No file access: callers pass file contents,
 * so it runs in the browser worker and in Node alike.
 */
export class ClipTokenizer {
  readonly bosTokenId: number;
  readonly eosTokenId: number;
  /** 49407 (= eos) for SD 1.x folders, 0 ("!") for SD 2.x / SD-Turbo folders. */
  readonly padTokenId: number;
  readonly maxLength: number;

  private readonly addedTokenIds = new Map<string, number>();
  private readonly unknownId: number | undefined;
  private readonly splitter: SpecialTokenSplitter;
  private readonly bpe: BytePairEncoder;

  private constructor(
    private readonly vocab: ReadonlyMap<string, number>,
    ranks: ReadonlyMap<string, number>,
    specials: SpecialTokenSet,
    configFile: string,
  ) {
    this.bpe = new BytePairEncoder(ranks);
    const ordered = specialTokensInOrder(specials);
    const unk = specials.byAttribute.unk_token?.content;
    // Special tokens missing from the vocabulary get ids after it (transformers' added tokens).
    for (const token of ordered) {
      if (token.content === unk || vocab.has(token.content) || this.addedTokenIds.has(token.content)) continue;
      this.addedTokenIds.set(token.content, vocab.size + this.addedTokenIds.size);
    }
    this.unknownId = unk === undefined ? undefined : this.addedTokenIds.get(unk) ?? vocab.get(unk);
    this.splitter = new SpecialTokenSplitter(ordered);
    // transformers would give a missing bos/eos/pad a new id past the vocabulary, which the text
    // encoder's embedding table does not have: refuse such a folder instead.
    const required = (attribute: "bos_token" | "eos_token" | "pad_token", fallback?: string): number => {
      const content = specials.byAttribute[attribute]?.content ?? fallback;
      const id = content === undefined ? undefined : vocab.get(content);
      if (id === undefined) {
        throw new TokenizerFileError(configFile, `its ${attribute} ${JSON.stringify(content ?? null)} is not in the vocabulary`);
      }
      return id;
    };
    this.bosTokenId = required("bos_token");
    this.eosTokenId = required("eos_token");
    // transformers refuses to pad without a pad token; here such a folder pads with eos (SD 1.x).
    this.padTokenId = required("pad_token", specials.byAttribute.eos_token?.content);
    this.maxLength = specials.modelMaxLength ?? CLIP_MAX_LENGTH;
  }

  /** From a model's tokenizer/ folder: vocab.json + merges.txt (+ its two config files). */
  static fromFiles(files: ClipTokenizerFiles): ClipTokenizer {
    if (files === null || typeof files !== "object") throw new TypeError("ClipTokenizer.fromFiles expects { vocab, merges, ... }");
    if (files.vocab === undefined) throw new TokenizerFileError("vocab.json", "was not given");
    if (files.merges === undefined) throw new TokenizerFileError("merges.txt", "was not given");
    const vocab = readVocab(files.vocab, "vocab.json");
    const ranks = parseMerges(files.merges, vocab, "merges.txt");
    const specials = resolveSpecialTokens(files.tokenizerConfig, files.specialTokensMap);
    const configFile = files.specialTokensMap !== undefined ? "special_tokens_map.json" : "tokenizer_config.json";
    return new ClipTokenizer(vocab, ranks, specials, configFile);
  }

  /**
   * From a Hugging Face tokenizer.json (model.vocab / model.merges / added_tokens). Its own
   * normalizer settings are not used: the text pass is always the reference one (ftfy included).
   */
  static fromTokenizerJson(json: string | object, options: ClipTokenizerJsonOptions = {}): ClipTokenizer {
    const parsed = readTokenizerJson(json);
    const vocab = readVocab(parsed.vocab, "tokenizer.json");
    const ranks = parseMerges(parsed.mergesText, vocab, "tokenizer.json");
    const hasConfigs = options.tokenizerConfig !== undefined || options.specialTokensMap !== undefined;
    const specials = hasConfigs
      ? resolveSpecialTokens(options.tokenizerConfig, options.specialTokensMap)
      : resolveSpecialTokens(parsed.specialTokensMap);
    return new ClipTokenizer(vocab, ranks, specials, hasConfigs ? "special_tokens_map.json" : "tokenizer.json");
  }

  /** A token string → its id, as transformers' convert_tokens_to_ids (added tokens first). */
  private tokenId(token: string): number | undefined {
    return this.addedTokenIds.get(token) ?? this.vocab.get(token) ?? this.unknownId;
  }

  /** Prompt → its token ids without start/end tokens and without truncation. */
  contentIds(prompt: string): number[] {
    if (typeof prompt !== "string") throw new TypeError(`prompt must be a string, got ${typeof prompt}`);
    const ids: number[] = [];
    for (const piece of this.splitter.split(prompt)) {
      if (piece.special) {
        ids.push(this.tokenId(piece.content)!);
        continue;
      }
      for (const word of splitWords(cleanPromptText(piece.text))) {
        for (const symbol of this.bpe.encodeWord(toByteLevel(word))) {
          const id = this.tokenId(symbol);
          if (id === undefined) throw new TokenizerFileError("vocab.json", `has no id for ${JSON.stringify(symbol)} and no unknown token`);
          ids.push(id);
        }
      }
    }
    return ids;
  }

  /** Prompt → the text encoder's input: [bos, ≤75 tokens, eos, pad…], 77 ids. */
  encode(prompt: string): ClipEncoding {
    const ids = this.contentIds(prompt);
    const room = this.maxLength - 2;
    const kept = Math.min(ids.length, room);
    const inputIds = new Int32Array(this.maxLength).fill(this.padTokenId); // [77] int32
    inputIds[0] = this.bosTokenId;
    for (let i = 0; i < kept; i++) inputIds[i + 1] = ids[i];
    inputIds[kept + 1] = this.eosTokenId;
    const droppedTokens = ids.length - kept;
    return { inputIds, length: kept + 2, truncated: droppedTokens > 0, droppedTokens };
  }
}
