import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ClipTokenizer, TokenizerFileError } from "../../../src/engine/tokenizer";
import { DEFAULT_CLIP_FIXTURE_DIR as DIR, loadFixtureTokenizer } from "./load-fixture";

const BOS = 49406;
const EOS = 49407;
const read = (name: string) => readFileSync(join(DIR, name), "utf8");
const casesPath = join(DIR, "cases.json");

let sd1: ClipTokenizer;
let sd2: ClipTokenizer;
let vocab: string;
let merges: string;
beforeAll(() => {
  sd1 = loadFixtureTokenizer(casesPath, "sd1");
  sd2 = loadFixtureTokenizer(casesPath, "sd2");
  vocab = read("vocab.json");
  merges = read("merges.txt");
});

function expectFileError(make: () => unknown, file: string): TokenizerFileError {
  let caught: unknown;
  try {
    make();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(TokenizerFileError);
  const error = caught as TokenizerFileError;
  expect(error.name).toBe("TokenizerFileError");
  expect(error.file).toBe(file);
  expect(error.message).toContain(file);
  return error;
}

describe("ClipTokenizer.encode", () => {
  it("keeps 75 prompt tokens and the end token, and reports what was dropped", () => {
    const prompt = Array.from({ length: 100 }, () => "cat").join(" ");
    expect(sd1.contentIds(prompt)).toHaveLength(100);
    for (const [tokenizer, pad] of [[sd1, EOS], [sd2, 0]] as const) {
      const encoding = tokenizer.encode(prompt);
      expect(encoding.truncated).toBe(true);
      expect(encoding.droppedTokens).toBe(25);
      expect(encoding.length).toBe(77);
      expect(encoding.inputIds).toBeInstanceOf(Int32Array);
      expect(encoding.inputIds).toHaveLength(77);
      expect(encoding.inputIds[0]).toBe(BOS);
      expect(encoding.inputIds[76]).toBe(EOS);
      expect(Array.from(encoding.inputIds.slice(1, 76))).not.toContain(pad === 0 ? 0 : EOS);
    }
  });

  it("does not warn at exactly 75 tokens, and does at 76", () => {
    const words = (n: number) => Array.from({ length: n }, () => "cat").join(" ");
    expect(sd1.encode(words(75))).toMatchObject({ truncated: false, droppedTokens: 0, length: 77 });
    expect(sd1.encode(words(76))).toMatchObject({ truncated: true, droppedTokens: 1, length: 77 });
  });

  it.each(["", " ", "   \t\n\u00a0\u3000 "])("empty or whitespace prompt %j → [bos, eos, pad…]", (prompt) => {
    const one = sd1.encode(prompt);
    const two = sd2.encode(prompt);
    expect(one).toMatchObject({ length: 2, truncated: false, droppedTokens: 0 });
    expect(Array.from(one.inputIds)).toEqual([BOS, EOS, ...new Array(75).fill(EOS)]);
    expect(Array.from(two.inputIds)).toEqual([BOS, EOS, ...new Array(75).fill(0)]);
  });

  it("pads SD 1.x with the end token and SD 2.x with '!' (id 0)", () => {
    expect(sd1.padTokenId).toBe(EOS);
    expect(sd2.padTokenId).toBe(0);
    const one = sd1.encode("a cat");
    const two = sd2.encode("a cat");
    expect(one.length).toBe(4);
    expect(Array.from(one.inputIds.slice(0, 4))).toEqual(Array.from(two.inputIds.slice(0, 4)));
    expect(one.inputIds[4]).toBe(EOS);
    expect(two.inputIds[4]).toBe(0);
  });

  it("splits every '!' out as the pad token with the SD 2.x folder only", () => {
    // ids from the fixture README: "WOW!!!" is [2781, 0, 0, 0] for SD 2 and [2781, 995] for SD 1
    expect(sd2.contentIds("WOW!!!")).toEqual([2781, 0, 0, 0]);
    expect(sd1.contentIds("WOW!!!")).toEqual([2781, 995]);
  });

  it("reads a literal <|endoftext|> in a prompt as the special token", () => {
    expect(sd1.contentIds("a <|endoftext|> b")).toContain(EOS);
  });

  it("rejects a prompt that is not a string", () => {
    expect(() => sd1.encode(42 as unknown as string)).toThrow(TypeError);
  });
});

describe("pad token resolution", () => {
  it("lets special_tokens_map.json override tokenizer_config.json, like transformers", () => {
    const configOnly = ClipTokenizer.fromFiles({ vocab, merges, tokenizerConfig: read("sd2/tokenizer_config.json") });
    expect(configOnly.padTokenId).toBe(EOS);
    const withMap = ClipTokenizer.fromFiles({
      vocab,
      merges,
      tokenizerConfig: read("sd2/tokenizer_config.json"),
      specialTokensMap: read("sd2/special_tokens_map.json"),
    });
    expect(withMap.padTokenId).toBe(0);
  });

  it("accepts parsed objects as well as file text", () => {
    const tokenizer = ClipTokenizer.fromFiles({
      vocab: JSON.parse(vocab),
      merges,
      specialTokensMap: JSON.parse(read("sd2/special_tokens_map.json")),
    });
    expect(Array.from(tokenizer.encode("WOW!!! ok").inputIds)).toEqual(Array.from(sd2.encode("WOW!!! ok").inputIds));
  });
});

describe("ClipTokenizer.fromTokenizerJson", () => {
  const tokenizerJson = (pad: "sd1" | "sd2", mergesAsPairs: boolean) => {
    const mergeLines = merges.trim().split("\n").slice(1);
    const added = [
      { id: BOS, content: "<|startoftext|>", single_word: false, lstrip: false, rstrip: false, normalized: true, special: true },
      { id: EOS, content: "<|endoftext|>", single_word: false, lstrip: false, rstrip: false, normalized: true, special: true },
    ];
    if (pad === "sd2") added.unshift({ id: 0, content: "!", single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
    return {
      version: "1.0",
      added_tokens: added,
      post_processor: { type: "RobertaProcessing", sep: ["<|endoftext|>", EOS], cls: ["<|startoftext|>", BOS] },
      model: {
        type: "BPE",
        vocab: JSON.parse(vocab),
        merges: mergesAsPairs ? mergeLines.map((line) => line.split(" ")) : mergeLines,
        unk_token: "<|endoftext|>",
        end_of_word_suffix: "</w>",
      },
    };
  };
  const prompts = ["a photo of a cat, golden hour, 35mm", "WOW!!! cafÃ© &amp; dogs", "<|endoftext|> 日本の桜", ""];

  it.each([
    ["sd1", false],
    ["sd2", true],
  ] as const)("%s tokenizer.json (pairs: %s) gives the same ids as the folder files", (variant, pairs) => {
    const fromJson = ClipTokenizer.fromTokenizerJson(JSON.stringify(tokenizerJson(variant, pairs)));
    const reference = variant === "sd1" ? sd1 : sd2;
    for (const prompt of prompts) {
      expect(Array.from(fromJson.encode(prompt).inputIds)).toEqual(Array.from(reference.encode(prompt).inputIds));
    }
  });

  it("uses the folder's configs for the pad token when they are given", () => {
    const fromJson = ClipTokenizer.fromTokenizerJson(tokenizerJson("sd1", false), {
      tokenizerConfig: read("sd2/tokenizer_config.json"),
      specialTokensMap: read("sd2/special_tokens_map.json"),
    });
    expect(fromJson.padTokenId).toBe(0);
  });
});

describe("bad tokenizer files", () => {
  it("names vocab.json when it is not JSON, not an object, or too small", () => {
    expectFileError(() => ClipTokenizer.fromFiles({ vocab: "{not json", merges }), "vocab.json");
    expectFileError(() => ClipTokenizer.fromFiles({ vocab: "[1, 2]", merges }), "vocab.json");
    expectFileError(() => ClipTokenizer.fromFiles({ vocab: '{"a": 1}', merges }), "vocab.json");
    expectFileError(() => ClipTokenizer.fromFiles({ vocab: '{"a": "x"}', merges }), "vocab.json");
  });

  it("names merges.txt when it is empty, malformed, or from another vocabulary", () => {
    expectFileError(() => ClipTokenizer.fromFiles({ vocab, merges: "" }), "merges.txt");
    expectFileError(() => ClipTokenizer.fromFiles({ vocab, merges: "#version: 0.2\ni n x\n" }), "merges.txt");
    const error = expectFileError(() => ClipTokenizer.fromFiles({ vocab, merges: "#version: 0.2\nq zz\n" }), "merges.txt");
    expect(error.message).toContain("vocab.json");
    // the two files swapped
    expectFileError(() => ClipTokenizer.fromFiles({ vocab: merges, merges: vocab }), "vocab.json");
  });

  it("names the config file that is broken", () => {
    expectFileError(() => ClipTokenizer.fromFiles({ vocab, merges, tokenizerConfig: "{" }), "tokenizer_config.json");
    expectFileError(() => ClipTokenizer.fromFiles({ vocab, merges, specialTokensMap: '"pad"' }), "special_tokens_map.json");
    expectFileError(() => ClipTokenizer.fromFiles({ vocab, merges, specialTokensMap: '{"pad_token": 5}' }), "special_tokens_map.json");
    expectFileError(
      () => ClipTokenizer.fromFiles({ vocab, merges, specialTokensMap: '{"bos_token": "<s>", "unk_token": null}' }),
      "special_tokens_map.json",
    );
  });

  it("names tokenizer.json when it has no BPE model", () => {
    expectFileError(() => ClipTokenizer.fromTokenizerJson("{}"), "tokenizer.json");
    expectFileError(() => ClipTokenizer.fromTokenizerJson("nope"), "tokenizer.json");
  });

  it("says what to do next", () => {
    const error = expectFileError(() => ClipTokenizer.fromFiles({ vocab: "{", merges }), "vocab.json");
    expect(error.message).toMatch(/re-download/i);
  });
});
