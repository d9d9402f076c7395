/**
 * torch CPU generator parity: every case in $TORCH_RANDN_DIR/cases.json (default
 * test/fixtures/golden/torch-randn) — the whole tensor, then the `then_3x5` second call on the
 * same generator — within 1e-6 absolute.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TorchGenerator } from "../../src/core/torch-generator";
import { fixturePath, readFloat32, requireEntries } from "../support/fixture-dirs";

interface RandnCase {
  name: string;
  fn: "randn" | "rand";
  seed: number;
  shape: number[];
  dtype: string;
  file: string;
  first: number[];
  then_3x5: number[];
}

const dir = fixturePath("TORCH_RANDN_DIR", "test/fixtures/golden/torch-randn");
requireEntries(dir, (n) => n === "cases.json", "torch-randn parity");
const cases = (JSON.parse(readFileSync(join(dir, "cases.json"), "utf8")) as { cases?: RandnCase[] }).cases ?? [];

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe("TorchGenerator vs torch.Generator('cpu')", () => {
  it("has cases to check", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const c of cases) {
    it(`${c.name}: ${c.fn}(${JSON.stringify(c.shape)}) seed ${c.seed}, then ${c.fn}([3,5])`, () => {
      expect(["randn", "rand"]).toContain(c.fn);
      expect(c.dtype).toBe("float32");
      const expected = readFloat32(join(dir, c.file));
      const g = new TorchGenerator(c.seed);
      const got = c.fn === "randn" ? g.randn(c.shape) : g.rand(c.shape);
      expect(got.length).toBe(expected.length);
      expect(maxAbsDiff(got, expected)).toBeLessThanOrEqual(1e-6);
      expect(maxAbsDiff(got.subarray(0, c.first.length), c.first)).toBeLessThanOrEqual(1e-6);
      const then = c.fn === "randn" ? g.randn([3, 5]) : g.rand([3, 5]);
      expect(then.length).toBe(c.then_3x5.length);
      expect(maxAbsDiff(then, c.then_3x5)).toBeLessThanOrEqual(1e-6);
    });
  }
});
