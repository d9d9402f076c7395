/**
 * Seeded noise identical to torch's CPU generator:
 *   g = torch.Generator('cpu').manual_seed(seed); torch.randn(shape, generator=g)   (float32)
 * so a seed typed here gives the same starting latents as the reference Python tooling.
 *
 * What torch does (ATen CPUGeneratorImpl + cpu/DistributionTemplates, torch 1.13 on x86/AVX2):
 * - MT19937 seeded with the LOW 32 BITS of the seed (seed 2^32 + 5 behaves like 5; a negative seed
 *   is taken as its 64-bit two's complement, whose low 32 bits are used the same way).
 * - `rand` float32: one 32-bit draw per value, 24 bits kept: (r & 0xFFFFFF) / 2^24.
 * - `randn` float32 with >= 16 elements: uniforms for the whole tensor first, then each block of 16
 *   becomes 8 Box–Muller pairs (u1 = 1 - x[i], u2 = x[i+8]; x[i] = r cos, x[i+8] = r sin) in float32.
 *   When the size is not a multiple of 16, the last 16 values are drawn again and re-transformed.
 * - `randn` with < 16 elements: a double-precision Box–Muller on 53-bit uniforms, whose spare
 *   sin value is cached in the generator and returned by the next scalar draw (even from a later
 *   call); the vectorised path neither reads nor clears that cache. manual_seed clears it.
 * The generator state carries over between calls, as with a reused torch.Generator.
 */

import { SeedError, TensorShapeError } from "./errors";
import { MT19937 } from "./mt19937";
import type { NoiseSource } from "./scheduler";

export type Seed = number | bigint;

const TWO_POW_24 = 16777216;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
const TWO_PI_F32 = Math.fround(2 * Math.PI);
const f32 = Math.fround;

/** Largest |seed| accepted as a JS number: every integer up to 2^53 is exact. */
export const MAX_NUMBER_SEED = TWO_POW_53;

/**
 * The 32 bits torch's engine is seeded with. Numbers: integers in [-2^53, 2^53]; bigints: the
 * range torch's manual_seed accepts, [-2^63, 2^64).
 */
export function seedToUint32(seed: Seed): number {
  if (typeof seed === "bigint") {
    if (seed < -(1n << 63n) || seed >= 1n << 64n) {
      throw new SeedError(`Seed ${seed} is outside the range torch accepts (-2^63 to 2^64 - 1). Use a smaller seed.`);
    }
    return Number(BigInt.asUintN(32, seed));
  }
  if (typeof seed !== "number" || !Number.isInteger(seed) || Math.abs(seed) > TWO_POW_53) {
    throw new SeedError(`Seed ${String(seed)} is not a whole number between 0 and 2^53. Enter a whole-number seed.`);
  }
  // ToUint32 is exactly "value mod 2^32" for integers of this size, negatives included.
  return seed >>> 0;
}

/** Number of elements of a C-order shape; [] is a scalar (1 element). */
export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new TensorShapeError(`Shape [${shape.join(", ")}] has a dimension that is not a non-negative integer.`);
    }
    n *= d;
  }
  return n;
}

export class TorchGenerator implements NoiseSource {
  private readonly engine = new MT19937(0);
  private cachedNormal: number | null = null;
  private seedValue: Seed = 0;

  constructor(seed: Seed = 0) {
    this.manualSeed(seed);
  }

  /** The seed last given to manualSeed (as passed, before reduction to 32 bits). */
  get initialSeed(): Seed {
    return this.seedValue;
  }

  /** torch's `Generator.manual_seed`: reseeds the engine and drops the cached normal. */
  manualSeed(seed: Seed): this {
    this.engine.seed(seedToUint32(seed));
    this.cachedNormal = null;
    this.seedValue = seed;
    return this;
  }

  /** `torch.rand(shape, generator=g)` float32: uniform on [0, 1). */
  rand(shape: readonly number[]): Float32Array {
    const out = new Float32Array(numelOf(shape));
    for (let i = 0; i < out.length; i++) out[i] = this.uniform24();
    return out;
  }

  /** `torch.randn(shape, generator=g)` float32: standard normal. Only the element count matters. */
  randn(shape: readonly number[]): Float32Array {
    const n = numelOf(shape);
    const out = new Float32Array(n);
    if (n < 16) {
      for (let i = 0; i < n; i++) out[i] = this.scalarNormal();
      return out;
    }
    for (let i = 0; i < n; i++) out[i] = this.uniform24();
    for (let i = 0; i + 16 <= n; i += 16) boxMuller16(out, i);
    if (n % 16 !== 0) {
      // torch redraws the tail block so every value comes from a full 16-block transform.
      const start = n - 16;
      for (let i = 0; i < 16; i++) out[start + i] = this.uniform24();
      boxMuller16(out, start);
    }
    return out;
  }

  /** float32 uniform: 24 random bits of one engine output. */
  private uniform24(): number {
    return (this.engine.nextUint32() & 0xffffff) / TWO_POW_24;
  }

  /** float64 uniform: 53 bits of two engine outputs (first one is the high word). */
  private uniform53(): number {
    const hi = this.engine.nextUint32() & 0x1fffff; // top 21 of the 53 bits
    const lo = this.engine.nextUint32();
    return (hi * TWO_POW_32 + lo) / TWO_POW_53;
  }

  /** torch's `normal_distribution<double>` with its cached second value. */
  private scalarNormal(): number {
    if (this.cachedNormal !== null) {
      const v = this.cachedNormal;
      this.cachedNormal = null;
      return v;
    }
    const u1 = this.uniform53();
    const u2 = this.uniform53();
    const r = Math.sqrt(-2 * Math.log(1 - u2));
    const theta = 2 * Math.PI * u1;
    this.cachedNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }
}

/** In-place Box–Muller of data[at .. at+16) in float32, as torch's vectorised normal fill. */
function boxMuller16(data: Float32Array, at: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = f32(1 - data[at + j]); // [0,1) -> (0,1] so the log is finite
    const u2 = data[at + j + 8];
    const radius = f32(Math.sqrt(f32(-2 * f32(Math.log(u1)))));
    const theta = f32(TWO_PI_F32 * u2);
    data[at + j] = radius * f32(Math.cos(theta));
    data[at + j + 8] = radius * f32(Math.sin(theta));
  }
}
