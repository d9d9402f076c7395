import { describe, expect, it } from "vitest";
import { float16BitsToFloat32, float32ToFloat16Bits, fromFloat16Array, toFloat16Array } from "../../src/engine/io/float16";

describe("float16 conversion", () => {
  it("encodes known values bit-exactly", () => {
    expect(float32ToFloat16Bits(0)).toBe(0x0000);
    expect(float32ToFloat16Bits(-0)).toBe(0x8000);
    expect(float32ToFloat16Bits(1)).toBe(0x3c00);
    expect(float32ToFloat16Bits(-2)).toBe(0xc000);
    expect(float32ToFloat16Bits(65504)).toBe(0x7bff); // max half
    expect(float32ToFloat16Bits(65520)).toBe(0x7c00); // rounds to +Inf
    expect(float32ToFloat16Bits(Infinity)).toBe(0x7c00);
    expect(float32ToFloat16Bits(NaN) & 0x7c00).toBe(0x7c00);
    expect(float32ToFloat16Bits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(float32ToFloat16Bits(2 ** -14)).toBe(0x0400); // smallest normal
    expect(float32ToFloat16Bits(0.1)).toBe(0x2e66);
  });

  it("rounds halfway cases to even", () => {
    // 1 + 2^-11 lies exactly between 1 and 1 + 2^-10: ties to the even mantissa (1).
    expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00);
    // 1 + 3·2^-11 lies between 1+2^-10 (odd) and 1+2^-9 (even): rounds up.
    expect(float32ToFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    // A subnormal tie: 1.5·2^-24 → 2·2^-24 (even).
    expect(float32ToFloat16Bits(1.5 * 2 ** -24)).toBe(0x0002);
    expect(float32ToFloat16Bits(0.5 * 2 ** -24)).toBe(0x0000);
  });

  it("round-trips every half value", () => {
    const all = new Uint16Array(65536).map((_, i) => i);
    const decoded = fromFloat16Array(all);
    const reencoded = toFloat16Array(decoded);
    for (let i = 0; i < 65536; i++) {
      const isNaN = (i & 0x7c00) === 0x7c00 && (i & 0x3ff) !== 0;
      if (isNaN) expect(Number.isNaN(decoded[i])).toBe(true);
      else expect(reencoded[i]).toBe(i);
    }
    expect(float16BitsToFloat32(0x3555)).toBeCloseTo(0.33325195, 7);
  });
});
