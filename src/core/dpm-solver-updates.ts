/**
 * The multistep DPM-Solver++ updates (Lu et al. 2022), first to third order, deterministic and
 * SDE variants, in diffusers' float32 operation order. Each update is a linear combination
 *   x_t = c_x·x_s + c_0·D0 + c_1·D1 + c_2·D2 (+ c_ε·noise)
 * with scalar coefficients from the log-SNR gaps and element-wise differences D of the history of
 * x̂₀ predictions (newest first).
 */

import { SchedulerStateError } from "./errors";
import { torchExpF32 } from "./torch-math";

const f32 = Math.fround;

export type DpmAlgorithm = "dpmsolver++" | "sde-dpmsolver++";
export type DpmSolverType = "midpoint" | "heun";

/** α_t = 1/√(σ²+1), σ_t = σ·α_t, λ = ln α_t − ln σ_t for a (variance-exploding) sigma. */
export interface NoiseLevel {
  alpha: number;
  sigma: number;
  lambda: number;
}

export function noiseLevel(sigma: number): NoiseLevel {
  const alpha = f32(1 / f32(Math.sqrt(f32(f32(sigma * sigma) + 1))));
  const sigmaT = f32(sigma * alpha);
  // σ = 0 (the final level) gives λ = +∞, h = ∞, e^{-h} = 0: the update returns x̂₀ exactly.
  const lambda = f32(f32(Math.log(alpha)) - f32(Math.log(sigmaT)));
  return { alpha, sigma: sigmaT, lambda };
}

export interface UpdateInputs {
  algorithm: DpmAlgorithm;
  solverType: DpmSolverType;
  /** Target level t, then the current level s0 and the earlier ones s1, s2 (as many as the order). */
  t: NoiseLevel;
  s: NoiseLevel[];
  /** x̂₀ history, newest first: m[0] at s0, m[1] at s1, m[2] at s2. */
  m: Float32Array[];
  sample: Float32Array;
  noise: Float32Array | null;
  out: Float32Array;
}

/** Runs the update of order `m.length` (1, 2 or 3). `out` may alias `sample`. */
export function dpmSolverUpdate(u: UpdateInputs): Float32Array {
  const { t, s, m, sample, noise, out } = u;
  const sde = u.algorithm === "sde-dpmsolver++";
  const h = f32(t.lambda - s[0].lambda);
  const expNegH = torchExpF32(-h);
  const expM1 = f32(expNegH - 1); // e^{-h} − 1
  const oneMinusExp2 = f32(1 - torchExpF32(f32(-2 * h))); // 1 − e^{-2h}

  // Coefficients of x_s, D0, D1, D2 and the noise, signs folded in.
  const cX = sde ? f32(f32(t.sigma / s[0].sigma) * expNegH) : f32(t.sigma / s[0].sigma);
  const c0 = sde ? f32(t.alpha * oneMinusExp2) : -f32(t.alpha * expM1);
  let c1 = 0;
  let c2 = 0;
  const order = m.length;
  if (order === 2) {
    if (u.solverType === "midpoint") c1 = sde ? f32(0.5 * f32(t.alpha * oneMinusExp2)) : -f32(0.5 * f32(t.alpha * expM1));
    else c1 = heunD1Coefficient(t.alpha, h, expM1, oneMinusExp2, sde);
  } else if (order === 3) {
    c1 = heunD1Coefficient(t.alpha, h, expM1, oneMinusExp2, sde);
    c2 = sde
      ? f32(t.alpha * f32(f32(f32(oneMinusExp2 - f32(2 * h)) / f32(f32(2 * h) * f32(2 * h))) - 0.5))
      : -f32(t.alpha * f32(f32(f32(expM1 + h) / f32(h * h)) - 0.5));
  }
  const cNoise = sde ? f32(t.sigma * f32(Math.sqrt(oneMinusExp2))) : 0;
  if (sde && !noise) throw new SchedulerStateError("sde-dpmsolver++ needs noise for every step.");

  const n = out.length;
  if (order === 1) {
    const m0 = m[0];
    for (let i = 0; i < n; i++) out[i] = finish(f32(f32(cX * sample[i]) + f32(c0 * m0[i])), cNoise, noise, i);
  } else if (order === 2) {
    const [m0, m1] = m;
    const invR0 = f32(1 / f32(f32(s[0].lambda - s[1].lambda) / h)); // 1 / r0
    for (let i = 0; i < n; i++) {
      const d1 = f32(invR0 * f32(m0[i] - m1[i]));
      const acc = f32(f32(f32(cX * sample[i]) + f32(c0 * m0[i])) + f32(c1 * d1));
      out[i] = finish(acc, cNoise, noise, i);
    }
  } else {
    const [m0, m1, m2] = m;
    const r0 = f32(f32(s[0].lambda - s[1].lambda) / h);
    const r1 = f32(f32(s[1].lambda - s[2].lambda) / h);
    const invR0 = f32(1 / r0);
    const invR1 = f32(1 / r1);
    const k1 = f32(r0 / f32(r0 + r1));
    const k2 = f32(1 / f32(r0 + r1));
    for (let i = 0; i < n; i++) {
      const d10 = f32(invR0 * f32(m0[i] - m1[i]));
      const d11 = f32(invR1 * f32(m1[i] - m2[i]));
      const diff = f32(d10 - d11);
      const d1 = f32(d10 + f32(k1 * diff));
      const d2 = f32(k2 * diff);
      let acc = f32(f32(cX * sample[i]) + f32(c0 * m0[i]));
      acc = f32(f32(acc + f32(c1 * d1)) + f32(c2 * d2));
      out[i] = finish(acc, cNoise, noise, i);
    }
  }
  return out;
}

/** D1 coefficient of the Heun-type (and third-order) update. */
function heunD1Coefficient(alpha: number, h: number, expM1: number, oneMinusExp2: number, sde: boolean): number {
  return sde ? f32(alpha * f32(f32(oneMinusExp2 / f32(-2 * h)) + 1)) : f32(alpha * f32(f32(expM1 / h) + 1));
}

function finish(acc: number, cNoise: number, noise: Float32Array | null, i: number): number {
  return noise ? f32(acc + f32(cNoise * noise[i])) : acc;
}
