/**
 * The tokenizer the add-on ships (one merges file, the vocabulary rebuilt from it, the special
 * tokens of each catalogue family) against the published tokenizer folders and the reference ids
 * of both families (CLIP_TOKENIZER_CASES, default test/fixtures/clip-tokenizer/cases.json).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLIP_MERGES_URL, clipVocabFromMerges, loadBundledClipTokenizer } from "../../../src/engine/tokenizer";
import { clipCasesPath, readTokenizerFile } from "./load-fixture";

const casesPath = clipCasesPath();
const cases: { id: string; prompt: string; input_ids_sd1: number[]; input_ids_sd2: number[]; length_sd1: number; length_sd2: number }[] =
  JSON.parse(readFileSync(casesPath, "utf8")).cases;
const shippedMerges = readFileSync(fileURLToPath(CLIP_MERGES_URL), "utf8");

describe("the bundled CLIP tokenizer", () => {
  it("ships merges identical to the published merges.txt, and rebuilds vocab.json from them entry for entry", () => {
    expect(shippedMerges).toBe(readTokenizerFile(casesPath, "merges.txt"));
    const published = JSON.parse(readTokenizerFile(casesPath, "vocab.json")) as Record<string, number>;
    const rebuilt = clipVocabFromMerges(shippedMerges);
    expect(Object.keys(rebuilt).length).toBe(49408);
    expect(rebuilt).toEqual(published);
  });

  it(`gives the reference ids of every case for both families (${cases.length} cases, ${casesPath})`, async () => {
    expect(cases.length).toBeGreaterThan(0);
    const sd1 = await loadBundledClipTokenizer("clip-sd1");
    const sd2 = await loadBundledClipTokenizer("clip-sd2");
    expect([sd1.padTokenId, sd2.padTokenId]).toEqual([49407, 0]);
    const wrong: string[] = [];
    let sd1Matches = 0;
    let sd2Matches = 0;
    for (const c of cases) {
      const one = sd1.encode(c.prompt);
      const two = sd2.encode(c.prompt);
      if (JSON.stringify([...one.inputIds]) === JSON.stringify(c.input_ids_sd1) && one.length === c.length_sd1) sd1Matches++;
      else wrong.push(`${c.id} (clip-sd1)`);
      if (JSON.stringify([...two.inputIds]) === JSON.stringify(c.input_ids_sd2) && two.length === c.length_sd2) sd2Matches++;
      else wrong.push(`${c.id} (clip-sd2)`);
    }
    console.log(`bundled tokenizer: clip-sd1 ${sd1Matches}/${cases.length}, clip-sd2 ${sd2Matches}/${cases.length} reference cases`);
    expect(wrong).toEqual([]);
  });

  it("reads the data once and shares one tokenizer per family", async () => {
    expect(loadBundledClipTokenizer("clip-sd2")).toBe(loadBundledClipTokenizer("clip-sd2"));
    expect(await loadBundledClipTokenizer("clip-sd1")).not.toBe(await loadBundledClipTokenizer("clip-sd2"));
  });
});
