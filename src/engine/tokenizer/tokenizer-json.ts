import { TokenizerFileError } from "./errors";
import { parseJsonObject } from "./special-tokens";

const FILE = "tokenizer.json";

export interface TokenizerJsonParts {
  readonly vocab: Record<string, unknown>;
  /** The merges written as merges.txt text (header line first), so one parser serves both. */
  readonly mergesText: string;
  /** A special_tokens_map.json equivalent built from the file's added tokens and post-processor. */
  readonly specialTokensMap: Record<string, unknown>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** bos/eos as the post-processor adds them (RobertaProcessing cls/sep, or a TemplateProcessing). */
function boundaryTokens(postProcessor: unknown): { bos?: string; eos?: string } {
  if (!isObject(postProcessor)) return {};
  if (Array.isArray(postProcessor.cls) && Array.isArray(postProcessor.sep)) {
    return { bos: String(postProcessor.cls[0]), eos: String(postProcessor.sep[0]) };
  }
  if (Array.isArray(postProcessor.single)) {
    const specials = postProcessor.single
      .map((step) => (isObject(step) && isObject(step.SpecialToken) ? String(step.SpecialToken.id) : undefined))
      .filter((id): id is string => id !== undefined);
    return { bos: specials[0], eos: specials[specials.length - 1] };
  }
  if (Array.isArray(postProcessor.processors)) {
    for (const inner of postProcessor.processors) {
      const found = boundaryTokens(inner);
      if (found.bos !== undefined) return found;
    }
  }
  return {};
}

export function readTokenizerJson(source: string | object): TokenizerJsonParts {
  const json = parseJsonObject(source, FILE);
  const model = json.model;
  if (!isObject(model) || !isObject(model.vocab) || !Array.isArray(model.merges)) {
    throw new TokenizerFileError(FILE, 'has no BPE "model" with "vocab" and "merges"');
  }
  const mergeLines = model.merges.map((merge, index) => {
    if (typeof merge === "string") return merge;
    if (Array.isArray(merge) && merge.length === 2) return `${merge[0]} ${merge[1]}`;
    throw new TokenizerFileError(FILE, `model.merges[${index}] is neither "left right" nor ["left", "right"]`);
  });

  const added = Array.isArray(json.added_tokens) ? json.added_tokens.filter(isObject) : [];
  const addedToken = (content: string) => {
    const entry = added.find((t) => t.content === content);
    return { content, lstrip: entry?.lstrip === true, rstrip: entry?.rstrip === true };
  };
  const { bos = "<|startoftext|>", eos = "<|endoftext|>" } = boundaryTokens(json.post_processor);
  const unk = typeof model.unk_token === "string" ? model.unk_token : eos;
  const others = added
    .filter((t) => t.special === true && typeof t.content === "string" && ![bos, eos, unk].includes(t.content))
    .map((t) => t.content as string);
  const padding = json.padding;
  // Without the folder's configs, a padding section or a further special token (SD 2.x: "!")
  // names the pad token; otherwise CLIP pads with its end token.
  const pad = isObject(padding) && typeof padding.pad_token === "string" ? padding.pad_token : others[0] ?? eos;

  return {
    vocab: model.vocab,
    mergesText: ["#version: 0.2", ...mergeLines].join("\n"),
    specialTokensMap: {
      bos_token: addedToken(bos),
      eos_token: addedToken(eos),
      unk_token: addedToken(unk),
      pad_token: addedToken(pad),
      additional_special_tokens: others.filter((c) => c !== pad).map(addedToken),
    },
  };
}
