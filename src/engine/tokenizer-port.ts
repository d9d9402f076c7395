/**
 * What the pipelines need from a tokenizer (src/engine/tokenizer's ClipTokenizer has this shape):
 * a prompt → exactly the model's sequence length of ids (77 for SD), padded, with truncation
 * reported rather than silent.
 */
export interface TokenizedPrompt {
  inputIds: Int32Array;
  /** Tokens actually used (BOS and EOS included). */
  length: number;
  truncated: boolean;
  /** What did not fit (token strings or their count, depending on the tokenizer). */
  droppedTokens: readonly (string | number)[] | number;
}

export interface PromptTokenizer {
  encode(prompt: string): TokenizedPrompt;
}
