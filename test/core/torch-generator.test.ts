import { describe, expect, it } from "vitest";
import { seedToUint32, TorchGenerator } from "../../src/core/torch-generator";

describe("TorchGenerator seeds", () => {
  it("uses the low 32 bits of the seed, like torch's manual_seed", () => {
    expect(seedToUint32(2 ** 32 + 7)).toBe(7);
    expect(seedToUint32(2 ** 53)).toBe(0);
    expect(seedToUint32(-1)).toBe(2 ** 32 - 1);
    expect(seedToUint32((1n << 63n) + 42n)).toBe(42);
    expect(Array.from(new TorchGenerator(2 ** 32 + 7).randn([20]))).toEqual(Array.from(new TorchGenerator(7).randn([20])));
  });

  it.each([1.5, Number.NaN, Infinity, 2 ** 53 + 2, -(2 ** 54)])("rejects seed %s with a SeedError", (seed) => {
    expect(() => new TorchGenerator(seed)).toThrow(expect.objectContaining({ name: "SeedError" }));
  });

  it("rejects bigint seeds outside torch's range and bad shapes", () => {
    expect(() => new TorchGenerator(1n << 64n)).toThrow(expect.objectContaining({ name: "SeedError" }));
    expect(() => new TorchGenerator(0).randn([2, -1])).toThrow(expect.objectContaining({ name: "TensorShapeError" }));
    expect(() => new TorchGenerator(0).rand([1.5])).toThrow(expect.objectContaining({ name: "TensorShapeError" }));
  });
});

describe("TorchGenerator state", () => {
  it("carries state across calls and resets on manualSeed", () => {
    const g = new TorchGenerator(3);
    const a = g.randn([4, 8]);
    const b = g.randn([4, 8]);
    expect(Array.from(a)).not.toEqual(Array.from(b));
    g.manualSeed(3);
    expect(Array.from(g.randn([4, 8]))).toEqual(Array.from(a));
  });

  it("only the element count matters, not the shape", () => {
    expect(Array.from(new TorchGenerator(11).randn([1, 4, 8, 8]))).toEqual(Array.from(new TorchGenerator(11).randn([256])));
  });

  it("manualSeed drops the cached scalar normal", () => {
    const g = new TorchGenerator(5);
    const first = g.randn([1]); // leaves the pair's sin value cached
    g.manualSeed(5);
    expect(g.randn([1])[0]).toBe(first[0]);
  });

  it("draws uniforms in [0, 1) and finite normals; empty shapes draw nothing", () => {
    const g = new TorchGenerator(123);
    const u = g.rand([10000]);
    expect(u.every((v) => v >= 0 && v < 1)).toBe(true);
    const n = g.randn([10000]);
    expect(n.every(Number.isFinite)).toBe(true);
    const mean = n.reduce((s, v) => s + v, 0) / n.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    const before = new TorchGenerator(9);
    expect(before.randn([0]).length).toBe(0);
    expect(Array.from(before.randn([4]))).toEqual(Array.from(new TorchGenerator(9).randn([4])));
  });
});
