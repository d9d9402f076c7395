/**
 * The training noise schedule (betas → alphas_cumprod) every scheduler starts from, computed the
 * way torch computes it in float32 so timesteps, sigmas and steps line up with the reference.
 *
 * torch.linspace(float32) on x86 CPU (torch 1.13, AVX2 build) is reproduced exactly: the step is
 * (end - start) / (n - 1) in float32; blocks of 8 values start at `start + step * i` (first half)
 * or `end - step * (n - i - 1)` (second half) — a fused multiply-add, hence ONE rounding — and
 * continue as `base + j * step`; the tail that does not fill two blocks of 8 uses the scalar
 * formula. torch.cumprod on CPU accumulates float32 in double. Measured: the SD 1.5 scaled_linear
 * alphas_cumprod matches diffusers' bit for bit.
 */

import { SchedulerConfigError } from "./errors";
import { readBoolean, readChoice, readInteger, readNumber, readTrainedBetas } from "./config";
import type { SchedulerConfig } from "./scheduler";

const f32 = Math.fround;

export interface NoiseSchedule {
  numTrainTimesteps: number;
  /** [numTrainTimesteps] float32. */
  betas: Float32Array;
  /** ᾱ_t = Π(1 - β), [numTrainTimesteps] float32. */
  alphasCumprod: Float32Array;
}

export interface BetaDefaults {
  betaStart: number;
  betaEnd: number;
  betaSchedule: "linear" | "scaled_linear" | "squaredcos_cap_v2";
}

/** `torch.linspace(start, end, n, dtype=torch.float32)` on CPU. */
export function torchLinspaceF32(start: number, end: number, n: number): Float32Array {
  const out = new Float32Array(n);
  if (n === 1) {
    out[0] = start;
    return out;
  }
  const s = f32(start);
  const e = f32(end);
  const step = f32(f32(e - s) / (n - 1));
  const half = Math.floor(n / 2);
  // fma: step * i is exact in double for these sizes, so one final rounding reproduces it.
  const at = (i: number): number => (i < half ? f32(s + step * i) : f32(e - step * (n - i - 1)));
  const width = 8;
  let i = 0;
  for (; i <= n - 2 * width; i += width) {
    const base = at(i);
    for (let j = 0; j < width; j++) out[i + j] = f32(base + j * step);
  }
  for (; i < n; i++) out[i] = at(i);
  return out;
}

/** diffusers' `betas_for_alpha_bar` with the cosine ᾱ (beta_schedule "squaredcos_cap_v2"). */
function cosineBetas(n: number, maxBeta = 0.999): Float32Array {
  const alphaBar = (t: number) => Math.cos(((t + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.min(1 - alphaBar((i + 1) / n) / alphaBar(i / n), maxBeta);
  return out;
}

/** `torch.cumprod` of float32 on CPU: double accumulator, float32 results. */
export function cumprodF32(values: Float32Array): Float32Array {
  const out = new Float32Array(values.length);
  let acc = 1;
  for (let i = 0; i < values.length; i++) {
    acc *= values[i];
    out[i] = acc;
  }
  return out;
}

/**
 * Rescale betas to zero terminal SNR (Lin et al. 2023, algorithm 1), in float32 like diffusers'
 * `rescale_zero_terminal_snr`.
 */
export function rescaleZeroTerminalSnr(betas: Float32Array): Float32Array {
  const n = betas.length;
  const alphas = betas.map((b) => f32(1 - b));
  const sqrtBar = cumprodF32(alphas).map((a) => f32(Math.sqrt(a)));
  const first = sqrtBar[0];
  const last = sqrtBar[n - 1];
  const scale = f32(first / f32(first - last));
  const bar = sqrtBar.map((v) => {
    const shifted = f32(f32(v - last) * scale);
    return f32(shifted * shifted);
  });
  const out = new Float32Array(n);
  out[0] = f32(1 - bar[0]);
  for (let i = 1; i < n; i++) out[i] = f32(1 - f32(bar[i] / bar[i - 1]));
  return out;
}

/** Builds betas and ᾱ from a config (`trained_betas` wins over beta_start/beta_end/beta_schedule). */
export function noiseScheduleFromConfig(
  config: SchedulerConfig,
  defaults: BetaDefaults,
  options: { pinTerminalAlphaForZeroSnr: boolean },
): NoiseSchedule {
  const trained = readTrainedBetas(config);
  let betas: Float32Array;
  if (trained) {
    betas = Float32Array.from(trained);
    const n = readInteger(config, "num_train_timesteps", betas.length, 2);
    if (n !== betas.length) {
      throw new SchedulerConfigError(
        `"trained_betas" has ${betas.length} values but "num_train_timesteps" is ${n}; they must agree.`,
      );
    }
  } else {
    const n = readInteger(config, "num_train_timesteps", 1000, 2);
    const start = readNumber(config, "beta_start", defaults.betaStart);
    const end = readNumber(config, "beta_end", defaults.betaEnd);
    const kind = readChoice(config, "beta_schedule", defaults.betaSchedule, [
      "linear",
      "scaled_linear",
      "squaredcos_cap_v2",
    ]);
    if (kind === "linear") betas = torchLinspaceF32(start, end, n);
    else if (kind === "scaled_linear") betas = torchLinspaceF32(Math.sqrt(start), Math.sqrt(end), n).map((b) => b * b);
    else betas = cosineBetas(n);
  }
  const zeroSnr = readBoolean(config, "rescale_betas_zero_snr", false);
  if (zeroSnr) betas = rescaleZeroTerminalSnr(betas);
  const alphasCumprod = cumprodF32(betas.map((b) => f32(1 - b)));
  // Euler/DPM replace ᾱ_T = 0 by 2^-24 so the terminal sigma stays finite (DDIM/LCM do not).
  if (zeroSnr && options.pinTerminalAlphaForZeroSnr) alphasCumprod[alphasCumprod.length - 1] = 2 ** -24;
  return { numTrainTimesteps: betas.length, betas, alphasCumprod };
}

/** Training sigmas √((1-ᾱ)/ᾱ) in float32, indexed by training timestep (increasing). */
export function trainingSigmas(alphasCumprod: Float32Array): Float32Array {
  return alphasCumprod.map((a) => f32(Math.sqrt(f32(f32(1 - a) / a))));
}
