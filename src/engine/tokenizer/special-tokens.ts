import { TokenizerFileError } from "./errors";

/**
 * Special tokens as transformers 4.19 resolves them for a slow CLIPTokenizer loaded with
 * from_pretrained(folder): class defaults, then tokenizer_config.json, then EVERY key of
 * special_tokens_map.json on top. That order is what makes the SD 2.x folder pad with "!" (id 0)
 * although its tokenizer_config.json says "<|endoftext|>".
 */

export const SPECIAL_TOKEN_ATTRIBUTES = [
  "bos_token",
  "eos_token",
  "unk_token",
  "sep_token",
  "pad_token",
  "cls_token",
  "mask_token",
] as const;
export type SpecialTokenAttribute = (typeof SPECIAL_TOKEN_ATTRIBUTES)[number];

export interface SpecialToken {
  readonly content: string;
  /**
   * Written as an object (transformers' AddedToken) rather than a plain string. The two are split
   * out of the text the same way but strip the whitespace around them differently.
   */
  readonly isAddedToken: boolean;
  readonly lstrip: boolean;
  readonly rstrip: boolean;
}

export interface SpecialTokenSet {
  readonly byAttribute: Partial<Record<SpecialTokenAttribute, SpecialToken>>;
  readonly additional: readonly SpecialToken[];
  /** model_max_length from tokenizer_config.json, when it holds a usable one. */
  readonly modelMaxLength?: number;
}

type Json = Record<string, unknown>;

/** Accepts the file's text or its parsed JSON; must be a JSON object. */
export function parseJsonObject(source: unknown, file: string): Json {
  let value = source;
  if (typeof source === "string") {
    try {
      value = JSON.parse(source);
    } catch (error) {
      throw new TokenizerFileError(file, `is not valid JSON (${(error as Error).message})`);
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TokenizerFileError(file, "must hold a JSON object");
  }
  return value as Json;
}

function readToken(value: unknown, file: string, key: string): SpecialToken | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return { content: value, isAddedToken: false, lstrip: false, rstrip: false };
  if (typeof value === "object" && typeof (value as Json).content === "string") {
    const token = value as Json;
    return { content: token.content as string, isAddedToken: true, lstrip: token.lstrip === true, rstrip: token.rstrip === true };
  }
  throw new TokenizerFileError(file, `"${key}" must be a string or an object with a "content" string`);
}

function readTokenList(value: unknown, file: string, key: string): SpecialToken[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new TokenizerFileError(file, `"${key}" must be a list`);
  return value.map((item) => readToken(item, file, key)).filter((t): t is SpecialToken => t !== null);
}

const asAddedToken = (content: string): SpecialToken => ({ content, isAddedToken: true, lstrip: false, rstrip: false });

export function resolveSpecialTokens(tokenizerConfig?: unknown, specialTokensMap?: unknown): SpecialTokenSet {
  const config = tokenizerConfig === undefined ? {} : parseJsonObject(tokenizerConfig, "tokenizer_config.json");
  const map = specialTokensMap === undefined ? undefined : parseJsonObject(specialTokensMap, "special_tokens_map.json");

  // CLIPTokenizer.__init__ defaults; a key present in the config (even null) replaces them.
  const tokens: Partial<Record<SpecialTokenAttribute, SpecialToken | null>> = {
    unk_token: { content: "<|endoftext|>", isAddedToken: false, lstrip: false, rstrip: false },
    bos_token: { content: "<|startoftext|>", isAddedToken: false, lstrip: false, rstrip: false },
    eos_token: { content: "<|endoftext|>", isAddedToken: false, lstrip: false, rstrip: false },
    pad_token: { content: "<|endoftext|>", isAddedToken: false, lstrip: false, rstrip: false },
  };
  for (const key of SPECIAL_TOKEN_ATTRIBUTES) {
    if (key in config) tokens[key] = readToken(config[key], "tokenizer_config.json", key);
  }
  // __init__ wraps plain-string bos/eos/unk into AddedToken(lstrip=False, rstrip=False); pad stays as given.
  for (const key of ["bos_token", "eos_token", "unk_token"] as const) {
    const token = tokens[key];
    if (token && !token.isAddedToken) tokens[key] = asAddedToken(token.content);
  }
  let additional = readTokenList(config.additional_special_tokens, "tokenizer_config.json", "additional_special_tokens");

  if (map) {
    for (const key of SPECIAL_TOKEN_ATTRIBUTES) {
      if (key in map) tokens[key] = readToken(map[key], "special_tokens_map.json", key);
    }
    if ("additional_special_tokens" in map) {
      additional = readTokenList(map.additional_special_tokens, "special_tokens_map.json", "additional_special_tokens");
    }
  }

  const byAttribute: Partial<Record<SpecialTokenAttribute, SpecialToken>> = {};
  for (const key of SPECIAL_TOKEN_ATTRIBUTES) {
    const token = tokens[key];
    if (token) byAttribute[key] = token;
  }
  const maxLength = config.model_max_length;
  const modelMaxLength =
    typeof maxLength === "number" && Number.isInteger(maxLength) && maxLength >= 3 && maxLength <= 4096 ? maxLength : undefined;
  return { byAttribute, additional, modelMaxLength };
}

/** All special tokens in transformers' order (bos, eos, unk, sep, pad, cls, mask, additional…). */
export function specialTokensInOrder(set: SpecialTokenSet): SpecialToken[] {
  const ordered: SpecialToken[] = [];
  for (const key of SPECIAL_TOKEN_ATTRIBUTES) {
    const token = set.byAttribute[key];
    if (token) ordered.push(token);
  }
  return ordered.concat(set.additional);
}
