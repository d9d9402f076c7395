/**
 * The few numpy routines diffusers builds its timestep/sigma schedules with, reproduced with
 * numpy's own arithmetic (float64, round-half-to-even) so schedules match value for value.
 */

/** numpy's `round`/`around`: halves go to the even neighbour (0.5 → 0, 1.5 → 2, 812.5 → 812). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x); // halves go up
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * `np.arange(start, stop, step)` for floats: numpy computes the first two values and then
 * `start + i * ((start + step) - start)`.
 */
export function npArange(start: number, stop: number, step: number): number[] {
  const length = Math.max(Math.ceil((stop - start) / step), 0);
  const delta = start + step - start;
  const out: number[] = [];
  for (let i = 0; i < length; i++) out.push(i === 0 ? start : i === 1 ? start + step : start + i * delta);
  return out;
}

/** `np.linspace(start, stop, num, endpoint)` in float64: `i * step + start`, last value exact. */
export function npLinspace(start: number, stop: number, num: number, endpoint = true): number[] {
  const div = endpoint ? num - 1 : num;
  const step = div > 0 ? (stop - start) / div : NaN;
  const out: number[] = [];
  for (let i = 0; i < num; i++) out.push(div > 0 ? i * step + start : start);
  if (endpoint && num > 1) out[num - 1] = stop;
  return out;
}

/** `np.interp(x, arange(len(fp)), fp)`: linear interpolation on the integer grid, clamped. */
export function interpOnIndexGrid(x: number, fp: ArrayLike<number>): number {
  const last = fp.length - 1;
  if (x <= 0) return fp[0];
  if (x >= last) return fp[last];
  const j = Math.floor(x);
  const slope = fp[j + 1] - fp[j];
  const y = slope * (x - j) + fp[j];
  if (!Number.isNaN(y)) return y;
  const y2 = slope * (x - (j + 1)) + fp[j + 1];
  return Number.isNaN(y2) && fp[j] === fp[j + 1] ? fp[j] : y2;
}

/**
 * diffusers' `_sigma_to_t`: the (fractional) training timestep whose log-sigma, interpolated
 * linearly in log space, equals log(sigma). `logSigmas` increases with the timestep.
 */
export function sigmaToT(sigma: number, logSigmas: ArrayLike<number>): number {
  const logSigma = Math.log(Math.max(sigma, 1e-10));
  // Index of the last log-sigma <= log(sigma) (0 when there is none), kept below the top entry.
  let count = 0;
  for (let i = 0; i < logSigmas.length; i++) if (logSigma - logSigmas[i] >= 0) count++;
  const lowIdx = Math.min(Math.max(count - 1, 0), logSigmas.length - 2);
  const low = logSigmas[lowIdx];
  const high = logSigmas[lowIdx + 1];
  const w = Math.min(Math.max((low - logSigma) / (low - high), 0), 1);
  return (1 - w) * lowIdx + w * (lowIdx + 1);
}

/** Karras et al. (2022) sigmas: uniform in sigma^(1/7) from sigmaMax down to sigmaMin. */
export function karrasSigmas(sigmaMin: number, sigmaMax: number, n: number): number[] {
  const rho = 7.0;
  const minInvRho = sigmaMin ** (1 / rho);
  const maxInvRho = sigmaMax ** (1 / rho);
  return npLinspace(0, 1, n).map((ramp) => (maxInvRho + ramp * (minInvRho - maxInvRho)) ** rho);
}

/** Sigmas uniform in log space from sigmaMax down to sigmaMin. */
export function exponentialSigmas(sigmaMin: number, sigmaMax: number, n: number): number[] {
  return npLinspace(Math.log(sigmaMax), Math.log(sigmaMin), n).map(Math.exp);
}
