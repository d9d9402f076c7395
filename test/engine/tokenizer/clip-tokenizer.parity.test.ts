import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clipCasesPath, loadFixtureTokenizer } from "./load-fixture";

// Reference: transformers 4.19 python CLIPTokenizer + ftfy 6.3.1, loaded from each model's
// tokenizer/ folder and called as diffusers does (padding="max_length", max_length=77,
// truncation=True). Any cases.json in the fixture format can be run: CLIP_TOKENIZER_CASES=path.

interface ClipCase {
  id?: string;
  prompt: string;
  input_ids_sd1: number[];
  input_ids_sd2: number[];
  length_sd1: number;
  length_sd2: number;
}

function readCases(path: string): ClipCase[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`CLIP tokenizer cases: cannot read ${path}: ${(error as Error).message}`);
  }
  const cases = (parsed as { cases?: unknown }).cases;
  if (!Array.isArray(cases) || cases.length === 0) throw new Error(`CLIP tokenizer cases: no case in ${path}`);
  cases.forEach((c: ClipCase, index) => {
    const problems = [
      typeof c.prompt !== "string" && "prompt",
      !Array.isArray(c.input_ids_sd1) && "input_ids_sd1",
      !Array.isArray(c.input_ids_sd2) && "input_ids_sd2",
      typeof c.length_sd1 !== "number" && "length_sd1",
      typeof c.length_sd2 !== "number" && "length_sd2",
    ].filter(Boolean);
    if (problems.length > 0) throw new Error(`CLIP tokenizer cases: case ${c.id ?? index} in ${path} lacks ${problems.join(", ")}`);
  });
  return cases as ClipCase[];
}

const casesPath = clipCasesPath();
const cases = readCases(casesPath);
const sd1 = loadFixtureTokenizer(casesPath, "sd1");
const sd2 = loadFixtureTokenizer(casesPath, "sd2");

describe(`CLIP tokenizer parity (${casesPath})`, () => {
  it("reads at least one case", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it("resolves the pad token of each folder like transformers", () => {
    expect(sd1.padTokenId).toBe(49407);
    expect(sd2.padTokenId).toBe(0);
  });

  it.each(cases.map((c, index) => [c.id ?? `#${index}`, c] as const))("%s", (_id, c) => {
    const one = sd1.encode(c.prompt);
    const two = sd2.encode(c.prompt);
    expect({ ids: Array.from(one.inputIds), length: one.length }).toEqual({ ids: c.input_ids_sd1, length: c.length_sd1 });
    expect({ ids: Array.from(two.inputIds), length: two.length }).toEqual({ ids: c.input_ids_sd2, length: c.length_sd2 });
  });
});
