import { pyLstrip, pyRstrip } from "./clip-text";
import type { SpecialToken } from "./special-tokens";

export type PromptPiece = { readonly special: true; readonly content: string } | { readonly special: false; readonly text: string };

/**
 * Cuts a raw prompt around literal special tokens before any clean-up, as transformers' slow
 * tokenizers do (their "no split" tokens): "<|endoftext|>" typed in a prompt becomes that
 * token, and with the SD 2.x folder — whose pad token is "!" — every "!" becomes its own token.
 * Whitespace next to a special token is stripped the way transformers 4.19 does it: a token
 * given as a plain string strips both neighbours, an AddedToken only on its lstrip/rstrip sides.
 */
export class SpecialTokenSplitter {
  /** content → strip both sides? (plain string) or its AddedToken flags */
  private readonly stripRules = new Map<string, { left: boolean; right: boolean }>();
  private readonly contentsLongestFirst: string[];
  private readonly firstChars: Set<string>;

  constructor(specialTokens: readonly SpecialToken[]) {
    const plainOnly = new Set<string>();
    for (const token of specialTokens) {
      if (token.content === "") continue;
      if (token.isAddedToken) {
        // the last AddedToken with this content decides, as in transformers' dict of them
        this.stripRules.set(token.content, { left: token.lstrip, right: token.rstrip });
        plainOnly.delete(token.content);
      } else if (!this.stripRules.has(token.content)) {
        plainOnly.add(token.content);
      }
    }
    for (const content of plainOnly) this.stripRules.set(content, { left: true, right: true });
    this.contentsLongestFirst = [...this.stripRules.keys()].sort((a, b) => b.length - a.length);
    this.firstChars = new Set(this.contentsLongestFirst.map((c) => c[0]));
  }

  split(prompt: string): PromptPiece[] {
    const parts: string[] = [];
    const isSpecial: boolean[] = [];
    let textStart = 0;
    for (let i = 0; i < prompt.length; ) {
      const match = this.firstChars.has(prompt[i]) ? this.contentsLongestFirst.find((c) => prompt.startsWith(c, i)) : undefined;
      if (match === undefined) {
        i++;
        continue;
      }
      if (i > textStart) {
        parts.push(prompt.slice(textStart, i));
        isSpecial.push(false);
      }
      parts.push(match);
      isSpecial.push(true);
      i += match.length;
      textStart = i;
    }
    if (textStart < prompt.length) {
      parts.push(prompt.slice(textStart));
      isSpecial.push(false);
    }
    // Strip neighbours in place, left to right, exactly as the reference loop does.
    for (let i = 0; i < parts.length; i++) {
      if (!isSpecial[i]) continue;
      const rule = this.stripRules.get(parts[i])!;
      if (rule.right && i + 1 < parts.length && parts[i + 1]) parts[i + 1] = pyLstrip(parts[i + 1]);
      if (rule.left && i > 0 && parts[i - 1]) parts[i - 1] = pyRstrip(parts[i - 1]);
    }
    const pieces: PromptPiece[] = [];
    parts.forEach((part, i) => {
      if (part === "") return;
      pieces.push(isSpecial[i] ? { special: true, content: part } : { special: false, text: part });
    });
    return pieces;
  }
}
