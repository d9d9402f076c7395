import { describe, expect, it } from "vitest";
import { checkPrompt, promptWords } from "../../../src/engine/safety/prompt-filter";

describe("checkPrompt", () => {
  it("allows ordinary prompts, including words that merely contain a listed word", () => {
    for (const p of [
      "a red bicycle leaning on a brick wall, golden hour",
      "Scunthorpe town centre at night",
      "an assassin in a medieval cloak, concept art",
      "a cocktail on a bar counter, 4k, bokeh",
      "the therapist's office with plants",
      "class photo of adults at a reunion",
      "a bedroom with a large window and a cat",
      "a girl riding a bike in the park",
      "a child building a sandcastle",
      "a kid's bedroom with toys and a bunk bed",
      "sussex countryside, watercolour",
      "1girl, school uniform, smiling, anime style",
    ]) {
      const v = checkPrompt(p);
      expect({ p, allowed: v.allowed, matches: v.matches }).toEqual({ p, allowed: true, matches: [] });
    }
  });

  it("blocks explicit sexual prompts and explains why", () => {
    const v = checkPrompt("a naked woman on a beach");
    expect(v.allowed).toBe(false);
    expect(v.categories).toEqual(["sexual"]);
    expect(v.matches).toEqual([{ category: "sexual", term: "naked" }]);
    expect(v.message).toMatch(/sexual content/);
    expect(v.message).toBe("This prompt asks for sexual content, which this add-on does not generate.");
  });

  it("sees through case, accents, digit substitutions, spacing and plurals", () => {
    for (const p of ["NÜDE portrait", "nud3 portrait", "n.u.d.e portrait", "n u d e portrait", "s3x scene", "p0rn", "explicit NSFW", "two nudes"]) {
      expect({ p, allowed: checkPrompt(p).allowed }).toEqual({ p, allowed: false });
    }
  });

  it("refuses anything sexual or suggestive involving minors, even when other categories are off", () => {
    const v = checkPrompt("a sexy schoolgirl in lingerie", { categories: [] });
    expect(v.allowed).toBe(false);
    expect(v.categories).toContain("minors");
    expect(v.message).toMatch(/minors/);
    expect(checkPrompt("15 years old girl in a bikini").categories).toContain("minors");
    // A suggestive word alone, with no minor, is allowed (swimwear photography is normal).
    expect(checkPrompt("a woman in a bikini on a beach").allowed).toBe(true);
  });

  it("blocks graphic violence and abuse, and lets a caller switch off violence but not abuse-with-minors", () => {
    expect(checkPrompt("a decapitated soldier, gore").categories).toEqual(["violence"]);
    expect(checkPrompt("a decapitated soldier, gore", { categories: ["sexual"] }).allowed).toBe(true);
    expect(checkPrompt("rape scene").categories).toEqual(["abuse"]);
  });

  it("matches multi-word phrases only as whole phrases", () => {
    expect(checkPrompt("a severed head on a pike").matches).toEqual([{ category: "violence", term: "severed head" }]);
    expect(checkPrompt("a severed rope and a head of lettuce").allowed).toBe(true);
  });

  it("normalises words as documented", () => {
    expect(promptWords("Café-au-lait, N.U.D.E 4k")).toEqual(["cafe", "au", "lait", "nude", "4k"]);
  });
});
