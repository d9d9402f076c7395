/** Comparison helpers for the core parity suites. */

/** The README's tolerance: |got − expected| ≤ abs + rel·|expected|, element by element. */
export function assertClose(
  what: string,
  got: ArrayLike<number>,
  expected: ArrayLike<number>,
  abs = 1e-5,
  rel = 1e-5,
): number {
  if (got.length !== expected.length) {
    throw new Error(`${what}: length ${got.length}, expected ${expected.length}`);
  }
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    const diff = Math.abs(got[i] - expected[i]);
    if (!(diff <= abs + rel * Math.abs(expected[i]))) {
      throw new Error(`${what}[${i}]: got ${got[i]}, expected ${expected[i]} (|diff| ${diff.toExponential(2)})`);
    }
    worst = Math.max(worst, diff);
  }
  return worst;
}

/** noise0[i] = cos(0.23 i), computed in float64 then rounded to float32 (schedulers README). */
export function formulaNoise0(n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => Math.cos(0.23 * i));
}
