/**
 * float32 elementary functions as torch's CPU kernels compute them, where the result differs from
 * the correctly rounded value often enough to matter.
 *
 * torch.exp on float32 (any size, 0-d included) runs through its vectorised "VML" map, i.e. SLEEF's
 * expf with a 1-ulp bound, which lands on the other neighbour of the exact value for roughly one
 * input in five. DPM-Solver feeds exp(−h) into every coefficient of its update, so using the
 * correctly rounded exp there drifts by an ulp per affected step (measured on the reference runs).
 * The routine below is the same textbook scheme — Cody–Waite reduction by ln 2 split in two,
 * a degree-6 minimax polynomial, scaling by 2^q — with fused multiply-adds, as the AVX2 build does.
 */

import { roundHalfEven } from "./numpy-like";

const f32 = Math.fround;
const LOG2E_F = f32(1.4426950408889634);
const LN2_HI_F = f32(0.693145751953125); // ln 2 split: high part exact in few bits,
const LN2_LO_F = f32(1.428606765330187e-6); // low part carries the rest
const P = [
  f32(0.000198527617612853646278381),
  f32(0.00139304355252534151077271),
  f32(0.00833336077630519866943359),
  f32(0.0416664853692054748535156),
  f32(0.166666671633720397949219),
  0.5,
];

/** Next float32 after x in the direction of `toward`. */
function nextFloat32(x: number, toward: number): number {
  const buf = new Float32Array([x]);
  const bits = new Int32Array(buf.buffer);
  if (x === 0) bits[0] = toward > 0 ? 1 : -0x7fffffff;
  else bits[0] += (toward > x) === (x > 0) ? 1 : -1;
  return buf[0];
}

/**
 * fma(a, b, c) rounded once to float32, for float32 a, b, c: a·b is exact in double; the sum's
 * double rounding is undone when it lands exactly on a float32 tie.
 */
export function fmaF32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const bb = s - p;
  const err = p - (s - bb) + (c - bb); // exact: p + c = s + err
  const r = f32(s);
  if (err === 0 || r === s) return r;
  const other = nextFloat32(r, s);
  if (Math.abs(s - r) !== Math.abs(other - s)) return r; // not a tie: s decides
  return (err > 0) === (other > r) ? other : r;
}

/** torch.exp for a float32 value on CPU (SLEEF expf, 1-ulp variant). */
export function torchExpF32(d: number): number {
  if (Number.isNaN(d)) return NaN;
  if (d < -104) return 0;
  if (d > 100) return Infinity;
  const x = f32(d);
  const q = roundHalfEven(f32(x * LOG2E_F));
  let s = fmaF32(q, -LN2_HI_F, x);
  s = fmaF32(q, -LN2_LO_F, s);
  let u = P[0];
  for (let i = 1; i < P.length; i++) u = fmaF32(u, s, P[i]);
  u = f32(1 + fmaF32(f32(s * s), u, s));
  return f32(u * 2 ** q);
}
