/**
 * The panel's token counter without the tokenizer: checked against the real CLIP tokenizer (the
 * project's fixture vocabulary) on all 1,632 PartiPrompts, and the notes it drives.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cutNote, tokenNote } from "../../src/ui/prompt/prompt-notes";
import { estimateTokens, PROMPT_TOKEN_LIMIT } from "../../src/ui/prompt/token-estimate";
import { repoRoot } from "../support/fixture-dirs";
import { clipCasesPath, loadFixtureTokenizer } from "../engine/tokenizer/load-fixture";

const prompts = readFileSync(join(repoRoot, "test/fixtures/partiprompts/PartiPrompts.tsv"), "utf8")
  .split("\n")
  .slice(1)
  .filter(Boolean)
  .map((line) => line.split("\t")[0]);

describe("token estimate", () => {
  it("is within 2 tokens of CLIP's count for 95 % of PartiPrompts, and never off by more than 8", () => {
    const tokenizer = loadFixtureTokenizer(clipCasesPath(), "sd1");
    const errors = prompts.map((p) => {
      const real = tokenizer.encode(p);
      return estimateTokens(p) - (real.length - 2 + real.droppedTokens);
    });
    const close = errors.filter((e) => Math.abs(e) <= 2).length / errors.length;
    expect(close).toBeGreaterThanOrEqual(0.95);
    expect(Math.max(...errors.map(Math.abs))).toBeLessThanOrEqual(8);
  });

  it("says nothing for short prompts, counts near the limit, warns past it", () => {
    expect(tokenNote("a red balloon")).toBeNull();
    const near = Array.from({ length: 60 }, () => "cat").join(" ");
    expect(tokenNote(near)).toEqual({ over: false, text: `About 60 of ${PROMPT_TOKEN_LIMIT} tokens: the model reads no further.` });
    const over = Array.from({ length: 90 }, () => "cat").join(" ");
    expect(tokenNote(over)?.over).toBe(true);
    expect(tokenNote(over)?.text).toMatch(/^About 90 tokens: the model reads only the first 75/);
  });

  it("names both lengths when a paste was cut", () => {
    expect(cutNote(2000)).toBe("The text was 2,000 characters; the prompt keeps the first 1,000.");
  });
});
