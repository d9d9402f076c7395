import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ClipTokenizer } from "../../../src/engine/tokenizer";
import { fixturePath, repoRoot } from "../../support/fixture-dirs";

export const DEFAULT_CLIP_FIXTURE_DIR = join(repoRoot, "test/fixtures/clip-tokenizer");

/** The cases file named by $CLIP_TOKENIZER_CASES, else the project's copy. */
export function clipCasesPath(): string {
  return fixturePath("CLIP_TOKENIZER_CASES", "test/fixtures/clip-tokenizer/cases.json");
}

/** A tokenizer file from the cases file's folder when it has one, else from the project's copy. */
export function readTokenizerFile(casesPath: string, relative: string): string {
  const beside = join(dirname(casesPath), relative);
  return readFileSync(existsSync(beside) ? beside : join(DEFAULT_CLIP_FIXTURE_DIR, relative), "utf8");
}

/** The SD 1.x or SD 2.x tokenizer built from a fixture folder's vocab, merges and configs. */
export function loadFixtureTokenizer(casesPath: string, variant: "sd1" | "sd2"): ClipTokenizer {
  return ClipTokenizer.fromFiles({
    vocab: readTokenizerFile(casesPath, "vocab.json"),
    merges: readTokenizerFile(casesPath, "merges.txt"),
    tokenizerConfig: readTokenizerFile(casesPath, `${variant}/tokenizer_config.json`),
    specialTokensMap: readTokenizerFile(casesPath, `${variant}/special_tokens_map.json`),
  });
}
