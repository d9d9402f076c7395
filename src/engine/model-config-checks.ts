/**
 * The numbers a model folder brings in its config files, checked before anything runs. A wrong
 * value here does not fail loudly later: a VAE scaling_factor of 0 decodes to an all-black image
 * and exits 0, NaN betas give NaN latents. So each value is checked against the range real
 * exports use, and the error names the file and the field.
 * Sources of the ranges: diffusers' AutoencoderKL (scaling_factor 0.18215 SD 1.x/2.x, 0.13025
 * SDXL, 1.5305 SD3), UNet2DConditionModel (in_channels 4, or 9 for inpainting; sample_size 64
 * SD 1.5, 96 SD 2.x-v, 128 SDXL), the schedulers' betas (beta_start 0.00085 / beta_end 0.012).
 */
import type { SchedulerConfig } from "../core/scheduler";
import { ModelConfigError } from "./errors";

const BETA_SCHEDULES = ["linear", "scaled_linear", "squaredcos_cap_v2"];

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return String(JSON.stringify(value) ?? value);
}

function fail(file: string, field: string, value: unknown, expected: string): never {
  throw new ModelConfigError(file, field, `is ${describe(value)}; ${expected}`);
}

/** `scaling_factor` of the VAE: latents are multiplied by it after encoding and divided before decoding. */
export function checkVaeScalingFactor(value: unknown, file = "vae/config.json"): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > 10) {
    fail(file, "scaling_factor", value, "it must be a number above 0 and at most 10 (Stable Diffusion 1.x/2.x use 0.18215)");
  }
  return value;
}

/** UNet `in_channels`: 4 (text-to-image, img2img) or 9 (inpainting). */
export function checkUnetInChannels(value: unknown, file = "unet/config.json"): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (value !== 4 && value !== 9) fail(file, "in_channels", value, "it must be 4 (a plain UNet) or 9 (an inpainting UNet)");
  return value;
}

/** UNet `sample_size`: the latent side the model was trained at (×8 = pixels). */
export function checkUnetSampleSize(value: unknown, file = "unet/config.json"): number | undefined {
  if (value === undefined || value === null) return undefined;
  const side = Array.isArray(value) && value.length === 2 && value[0] === value[1] ? value[0] : value;
  if (typeof side !== "number" || !Number.isInteger(side) || side < 8 || side > 512) {
    fail(file, "sample_size", value, "it must be a whole number of latent pixels from 8 to 512 (Stable Diffusion 1.5 uses 64, i.e. 512 px)");
  }
  return side;
}

/** Text encoder `vocab_size`: how many token ids the embedding table has. */
export function checkVocabSize(value: unknown, file = "text_encoder/config.json"): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 2 || value > 1_000_000) {
    fail(file, "vocab_size", value, "it must be a whole number of tokens (CLIP uses 49408)");
  }
  return value;
}

function finiteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/**
 * The noise schedule of scheduler_config.json: num_train_timesteps, beta_start/beta_end,
 * beta_schedule and trained_betas. Everything else is checked by the scheduler class itself.
 */
export function checkSchedulerNumbers(config: unknown, file = "scheduler/scheduler_config.json"): SchedulerConfig {
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new ModelConfigError(file, "(file)", "is not a JSON object; it must hold the scheduler's settings, like Stable Diffusion's scheduler_config.json");
  }
  const c = config as SchedulerConfig;
  const steps = c.num_train_timesteps;
  if (steps !== undefined && steps !== null && (!Number.isInteger(steps) || (steps as number) < 2 || (steps as number) > 100_000)) {
    fail(file, "num_train_timesteps", steps, "it must be a whole number from 2 to 100000 (Stable Diffusion uses 1000)");
  }
  for (const field of ["beta_start", "beta_end"] as const) {
    const v = c[field];
    if (v !== undefined && v !== null && (!finiteNumber(v) || v <= 0 || v >= 1)) fail(file, field, v, "it must be a number above 0 and below 1");
  }
  if (finiteNumber(c.beta_start) && finiteNumber(c.beta_end) && c.beta_start > c.beta_end) {
    fail(file, "beta_start", c.beta_start, `it must not exceed beta_end (${c.beta_end})`);
  }
  const schedule = c.beta_schedule;
  if (schedule !== undefined && schedule !== null && !BETA_SCHEDULES.includes(schedule as string)) {
    fail(file, "beta_schedule", schedule, `it must be one of ${BETA_SCHEDULES.join(", ")}`);
  }
  const trained = c.trained_betas;
  if (trained !== undefined && trained !== null) {
    if (!Array.isArray(trained) || trained.length < 2) fail(file, "trained_betas", trained, "it must be a list of betas or null");
    const bad = trained.findIndex((b) => !finiteNumber(b) || b <= 0 || b >= 1);
    if (bad >= 0) fail(file, `trained_betas[${bad}]`, trained[bad], "every beta must be a number above 0 and below 1");
    if (finiteNumber(steps) && trained.length !== steps) fail(file, "trained_betas", trained, `it must have num_train_timesteps (${steps}) values`);
  }
  return c;
}
