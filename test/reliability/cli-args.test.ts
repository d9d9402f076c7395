/** genfill's argument parsing: each mistake the attack found is one sentence, one test per case. */
import { describe, expect, it } from "vitest";
import { CliUsageError, parseCliArgs } from "../../src/engine/node/cli-args";

const base = ["--model-dir", "m", "--token-ids", "0,2"];
const refusal = (args: string[]) => {
  try {
    parseCliArgs([...base, ...args]);
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return (error as Error).message;
  }
  throw new Error("expected a CliUsageError");
};

describe("genfill arguments", () => {
  it("reads a negative number without '=' as the option's value and refuses it by range, not with a stack trace", () => {
    expect(refusal(["--image", "a.png", "--strength", "-0.5"])).toBe('--strength must be a number above 0 and at most 1; got "-0.5".');
  });

  it("accepts --strength=-0.5 the same way (refused by range)", () => {
    expect(refusal(["--image", "a.png", "--strength=-0.5"])).toMatch(/--strength must be a number above 0/);
  });

  it("refuses an empty seed list instead of running seed 0", () => {
    expect(refusal(["--seeds", ","])).toMatch(/--seeds "," has an empty item \(number 1\)/);
  });

  it("refuses an empty item inside a seed list", () => {
    expect(refusal(["--seeds", "5,,6"])).toMatch(/empty item \(number 2\)/);
  });

  it("keeps a seed above 2^53 exact as a BigInt", () => {
    expect(parseCliArgs([...base, "--seed", "18446744073709551615"]).seed).toBe(18446744073709551615n);
  });

  it("keeps each seed of a list above 2^53 exact", () => {
    expect(parseCliArgs([...base, "--seeds", "9007199254740993,5"]).seeds).toEqual([9007199254740993n, 5]);
  });

  it("refuses a seed beyond torch's range", () => {
    expect(refusal(["--seed", "18446744073709551616"])).toMatch(/outside the seeds torch accepts/);
  });

  it("accepts a negative seed without '=' (torch takes them)", () => {
    expect(parseCliArgs([...base, "--seed", "-3"]).seed).toBe(-3);
  });

  it("allows duplicate seeds (file names are made unique when writing)", () => {
    expect(parseCliArgs([...base, "--seeds", "5,5"]).seeds).toEqual([5, 5]);
  });

  it("names an unknown option in one sentence", () => {
    expect(refusal(["--stepz", "3"])).toBe("Unknown option --stepz: check its spelling against the list below.");
  });

  it("says how to pass a value that is missing", () => {
    expect(refusal(["--steps"])).toMatch(/--steps needs a value/);
  });

  it("refuses --mask without --image", () => {
    expect(refusal(["--mask", "m.png"])).toMatch(/--mask needs --image/);
  });

  it("refuses fractional steps", () => {
    expect(refusal(["--steps", "2.5"])).toBe('--steps must be a whole number from 1 to 1000; got "2.5".');
  });

  it("refuses token ids that are not whole numbers", () => {
    expect(refusal(["--negative-token-ids", "0,-1"])).toMatch(/must be whole numbers ≥ 0/);
  });

  it("refuses --count that contradicts --seeds", () => {
    expect(refusal(["--seeds", "1,2", "--count", "3"])).toMatch(/--count 3 does not match the 2 seed/);
  });

  it("refuses a stray positional argument (an unquoted prompt)", () => {
    expect(refusal(["fox"])).toMatch(/Unexpected argument "fox"/);
  });
});
