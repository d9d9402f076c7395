/**
 * The 32-bit Mersenne Twister (MT19937), as torch's CPU generator uses it: seeded with the standard
 * `init_genrand` recurrence, twisted lazily on the first draw, tempered on output. Nothing here is
 * torch-specific except that torch seeds it with the low 32 bits of the user's seed.
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class MT19937 {
  private readonly state = new Uint32Array(N);
  private next = N;

  constructor(seed32: number) {
    this.seed(seed32);
  }

  /** `seed32` must already be reduced to an unsigned 32-bit integer. */
  seed(seed32: number): void {
    const mt = this.state;
    mt[0] = seed32 >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1];
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.next = N; // twist on the first draw, like torch (left_ = 1)
  }

  /** Next tempered 32-bit output as an unsigned integer. */
  nextUint32(): number {
    if (this.next >= N) this.twist();
    let y = this.state[this.next++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const mt = this.state;
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & UPPER_MASK) | (mt[(i + 1) % N] & LOWER_MASK);
      mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.next = 0;
  }
}
