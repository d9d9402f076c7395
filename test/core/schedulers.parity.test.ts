/**
 * Scheduler parity with diffusers v0.40.0: every JSON run in $GOLDEN_SCHEDULERS_DIR (default
 * test/fixtures/golden/schedulers) is replayed from its own config — timesteps, sigmas,
 * init_noise_sigma, ᾱ, the starting latents, every step's scaled input / prev_sample / x̂₀, the
 * final sample and add_noise — within 1e-5 absolute + 1e-5 relative. Stochastic steps consume the
 * recorded noise; a step that recorded none must not draw any.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BaseScheduler } from "../../src/core/base-scheduler";
import { createScheduler } from "../../src/core/create-scheduler";
import { ReplayNoise } from "../../src/core/replay-noise";
import type { Scheduler, SchedulerConfig, SetTimestepsOptions } from "../../src/core/scheduler";
import { fixturePath, requireEntries } from "../support/fixture-dirs";
import { assertClose, formulaNoise0 } from "./support/compare";

interface GoldenStep {
  k: number;
  t: number;
  model_output: number[];
  scaled_model_input: number[];
  step_index?: number;
  noise?: number[] | null;
  prev_sample: number[];
  pred_original_sample?: number[];
  x0_pred?: number[];
  denoised?: number[];
  solver_update_order?: number;
}

interface GoldenAddNoise {
  t: number;
  schedule_num_inference_steps: number;
  schedule_strength: number;
  sigma_index?: number;
  sigma?: number;
  alpha_cumprod?: number;
  result: number[];
}

interface GoldenRun {
  name: string;
  source?: { scheduler_class?: string };
  config: SchedulerConfig;
  num_inference_steps: number;
  strength: number;
  order: number;
  img2img?: { method?: string };
  timesteps: number[];
  sigmas?: number[];
  init_noise_sigma: number;
  shape: number[];
  alphas_cumprod: number[];
  sample: number[];
  original?: number[];
  noise0?: number[];
  x_start_timestep?: number;
  x_start: number[];
  steps: GoldenStep[];
  final_sample: number[];
  add_noise: GoldenAddNoise[];
}

const dir = fixturePath("GOLDEN_SCHEDULERS_DIR", "test/fixtures/golden/schedulers");
const files = requireEntries(dir, (n) => n.endsWith(".json"), "scheduler parity");

/** The configs are the resolved ones the reference used: no pipeline fix-ups on top. */
function build(run: GoldenRun): Scheduler {
  const className = run.config._class_name ?? run.source?.scheduler_class;
  return createScheduler(run.config, { className, stableDiffusionFixups: false });
}

/**
 * img2img runs name the rule they emulate: the SD pipelines' get_timesteps (slice + begin index)
 * or LCM's own set_timesteps(strength); without a name each scheduler's default rule applies.
 */
function strengthOption(run: GoldenRun): SetTimestepsOptions | undefined {
  if (!run.img2img) return undefined;
  const method = String(run.img2img.method ?? "");
  return /Pipeline\.get_timesteps/.test(method)
    ? { strength: run.strength, strengthPipeline: "stable-diffusion" }
    : { strength: run.strength };
}

function replayRun(run: GoldenRun): void {
  const scheduler = build(run);
  expect(scheduler.order, "order").toBe(run.order);
  scheduler.setTimesteps(run.num_inference_steps, strengthOption(run));
  assertClose("timesteps", scheduler.timesteps, run.timesteps);
  if (run.sigmas) assertClose("sigmas", scheduler.sigmas ?? [], run.sigmas);
  assertClose("init_noise_sigma", [scheduler.initNoiseSigma], [run.init_noise_sigma]);
  if (scheduler instanceof BaseScheduler) assertClose("alphas_cumprod", scheduler.alphasCumprod, run.alphas_cumprod);

  const sample = Float32Array.from(run.sample);
  let x: Float32Array;
  if (run.img2img) {
    expect(run.x_start_timestep, "x_start_timestep").toBe(scheduler.timesteps[0]);
    const noise0 = Float32Array.from(run.noise0 ?? formulaNoise0(sample.length));
    x = scheduler.addNoise(Float32Array.from(run.original ?? run.sample), noise0, scheduler.timesteps[0]);
  } else {
    x = sample.map((v) => v * scheduler.initNoiseSigma);
  }
  assertClose("x_start", x, run.x_start);

  expect(run.steps.length, "number of steps").toBe(scheduler.timesteps.length);
  for (const s of run.steps) {
    const where = `step ${s.k} (t=${s.t})`;
    const t = scheduler.timesteps[s.k];
    assertClose(`${where} timestep`, [t], [s.t]);
    const scaled = scheduler.scaleModelInput(x, t);
    assertClose(`${where} scaled_model_input`, scaled, s.scaled_model_input);
    const noise = new ReplayNoise(s.noise ? [Float32Array.from(s.noise)] : []);
    const out = scheduler.step(Float32Array.from(s.model_output), t, x, { noise, shape: run.shape });
    expect(noise.remaining, `${where}: recorded noise draws left unused`).toBe(0);
    if (s.step_index !== undefined) expect(scheduler.stepIndex, `${where} step_index`).toBe(s.step_index + 1);
    if (s.solver_update_order !== undefined) {
      expect((scheduler as { lastUpdateOrder?: number }).lastUpdateOrder, `${where} solver order`).toBe(
        s.solver_update_order,
      );
    }
    assertClose(`${where} prev_sample`, out.prevSample, s.prev_sample);
    const x0 = s.pred_original_sample ?? s.x0_pred ?? s.denoised;
    if (!x0) throw new Error(`${where}: the case records no x̂₀ (pred_original_sample / x0_pred / denoised)`);
    assertClose(`${where} x̂₀`, out.predOriginalSample, x0);
    x = out.prevSample;
  }
  assertClose("final_sample", x, run.final_sample);

  const noise0 = Float32Array.from(run.noise0 ?? formulaNoise0(sample.length));
  expect(run.add_noise.length, "add_noise checks").toBeGreaterThan(0);
  for (const a of run.add_noise) {
    const fresh = build(run);
    fresh.setTimesteps(
      a.schedule_num_inference_steps,
      a.schedule_strength !== 1 ? { strength: a.schedule_strength } : undefined,
    );
    if (a.sigma_index !== undefined && a.sigma !== undefined) {
      assertClose(`add_noise t=${a.t} sigma`, [fresh.sigmas![a.sigma_index]], [a.sigma]);
    }
    assertClose(`add_noise t=${a.t}`, fresh.addNoise(sample, noise0, a.t), a.result);
  }
}

describe("schedulers vs diffusers v0.40.0", () => {
  for (const file of files) {
    it(file, () => {
      const run = JSON.parse(readFileSync(join(dir, file), "utf8")) as GoldenRun;
      expect(Array.isArray(run.steps) && run.steps.length > 0, "the case has steps").toBe(true);
      replayRun(run);
    });
  }
});
