/**
 * Behaviour the parity files do not pin on their own: diffusers' add_noise index rules (the
 * legacy inpaint loop), duplicate timesteps, LCM's two strength rules, output ownership, the
 * pipelines' config fix-ups, and timestep spacing edge cases.
 */
import { describe, expect, it } from "vitest";
import { createScheduler, withStableDiffusionFixups } from "../../src/core/create-scheduler";
import { DDIMScheduler } from "../../src/core/ddim";
import { DPMSolverMultistepScheduler } from "../../src/core/dpm-solver-multistep";
import { EulerDiscreteScheduler } from "../../src/core/euler";
import type { SchedulerConfig } from "../../src/core/scheduler";
import { SD15_WITHOUT_CLASS as SD15 } from "../support/sd15-scheduler";
import { spacedTimesteps } from "../../src/core/timesteps";

const ones = (n: number) => new Float32Array(n).fill(1);
const zeros = (n: number) => new Float32Array(n);

describe("Euler add_noise picks its sigma like diffusers", () => {
  it("text-to-image (no begin index): looks the timestep up", () => {
    const s = new EulerDiscreteScheduler(SD15);
    s.setTimesteps(10);
    expect(s.beginIndex).toBeNull();
    const noisy = s.addNoise(zeros(4), ones(4), s.timesteps[3]);
    expect(noisy[0]).toBe(s.sigmas[3]);
  });

  it("img2img before the first step: the begin index, whatever timestep is passed", () => {
    const s = new EulerDiscreteScheduler(SD15);
    s.setTimesteps(10, { strength: 0.7 });
    expect(s.beginIndex).toBe(3);
    expect(s.timesteps[0]).toBe(s.scheduleTimesteps[3]);
    expect(s.addNoise(zeros(4), ones(4), s.timesteps[0])[0]).toBe(s.sigmas[3]);
    expect(s.addNoise(zeros(4), ones(4), 1)[0]).toBe(s.sigmas[3]);
  });

  it("inside the loop: the step index already advanced by step (legacy inpaint blending)", () => {
    const s = new EulerDiscreteScheduler(SD15);
    s.setTimesteps(10, { strength: 1 });
    const x = ones(4);
    s.scaleModelInput(x, s.timesteps[0]);
    s.step(zeros(4), s.timesteps[0], x);
    expect(s.stepIndex).toBe(1);
    // The pipeline passes timesteps[i + 1]; diffusers ignores it and uses sigmas[step_index].
    expect(s.addNoise(zeros(4), ones(4), s.timesteps[1])[0]).toBe(s.sigmas[1]);
    expect(s.addNoise(zeros(4), ones(4), s.timesteps[5])[0]).toBe(s.sigmas[1]);
  });
});

describe("timestep lookup", () => {
  it("takes the second of duplicated timesteps (diffusers index_for_timestep)", () => {
    const s = new DPMSolverMultistepScheduler({ ...SD15, use_karras_sigmas: true });
    s.setTimesteps(100);
    const ts = s.scheduleTimesteps;
    const dup = ts.findIndex((t, i) => i > 0 && ts[i - 1] === t);
    expect(dup).toBeGreaterThan(0); // Karras rounding repeats small timesteps with many steps
    expect(s.indexForTimestep(ts[dup])).toBe(dup);
    expect(s.indexForTimestep(12345)).toBe(ts.length - 1); // DPM: unknown → last
  });
});

describe("LCM strength rules", () => {
  const LCM: SchedulerConfig = { ...SD15, _class_name: "LCMScheduler", set_alpha_to_one: true, original_inference_steps: 50 };

  it("default (LatentConsistencyModelImg2ImgPipeline): shortens the distillation schedule, runs all n steps", () => {
    const s = createScheduler(LCM);
    s.setTimesteps(4, { strength: 0.6 });
    expect([...s.timesteps]).toEqual([599, 459, 299, 159]);
    expect(s.beginIndex).toBeNull();
  });

  it("stable-diffusion rule (StableDiffusionImg2ImgPipeline): slices and sets the begin index", () => {
    const s = createScheduler(LCM);
    s.setTimesteps(4, { strength: 0.6, strengthPipeline: "stable-diffusion" });
    expect([...s.scheduleTimesteps]).toEqual([999, 759, 499, 259]);
    expect([...s.timesteps]).toEqual([499, 259]);
    expect(s.beginIndex).toBe(2);
  });
});

describe("output ownership", () => {
  it("prevSample is a fresh array each step unless an output buffer is given", () => {
    const s = new DDIMScheduler(SD15);
    s.setTimesteps(4);
    const x = ones(8);
    const eps = new Float32Array(8).fill(0.3);
    const a = s.step(eps, s.timesteps[0], x);
    expect(a.prevSample).not.toBe(x);
    expect(a.prevSample).not.toBe(a.predOriginalSample);
    const kept = a.prevSample.slice();
    const b = s.step(eps, s.timesteps[1], a.prevSample);
    expect(b.prevSample).not.toBe(a.prevSample);
    expect(a.prevSample).toEqual(kept); // the caller's reference is untouched

    const inPlace = a.prevSample.slice();
    const c = s.step(eps, s.timesteps[1], inPlace, { prevSampleOut: inPlace });
    expect(c.prevSample).toBe(inPlace);
    expect(inPlace).toEqual(b.prevSample);
  });

  it("DPM-Solver's returned x̂₀ is not its history buffer", () => {
    const s = new DPMSolverMultistepScheduler(SD15);
    s.setTimesteps(5);
    let x: Float32Array = ones(8);
    const first = s.step(new Float32Array(8).fill(0.2), s.timesteps[0], x);
    const snapshot = first.predOriginalSample.slice();
    x = first.prevSample;
    for (const t of s.timesteps.slice(1)) x = s.step(new Float32Array(8).fill(-0.4), t, x).prevSample;
    expect(first.predOriginalSample).toEqual(snapshot);
    expect(x.every(Number.isFinite)).toBe(true);
  });
});

describe("config handling", () => {
  it("overrides the class and config values like from_config(config, **kwargs)", () => {
    const s = createScheduler(
      { ...SD15, _class_name: "PNDMScheduler", skip_prk_steps: true },
      { className: "DPMSolverMultistepScheduler", overrides: { use_karras_sigmas: true } },
    );
    expect(s.className).toBe("DPMSolverMultistepScheduler");
    s.setTimesteps(20);
    expect(s.timesteps[0]).toBe(999);
    expect(s.config.use_karras_sigmas).toBe(true);
  });

  it("applies the Stable Diffusion pipelines' fix-ups to outdated configs", () => {
    expect(withStableDiffusionFixups({ beta_schedule: "linear" }, "DDIMScheduler")).toMatchObject({
      steps_offset: 1,
      clip_sample: false,
    });
    const euler = createScheduler({ ...SD15, steps_offset: 0, _class_name: "EulerDiscreteScheduler" });
    euler.setTimesteps(10);
    expect(euler.timesteps[0]).toBe(901);
    const raw = createScheduler({ ...SD15, steps_offset: 0, _class_name: "EulerDiscreteScheduler" }, { stableDiffusionFixups: false });
    raw.setTimesteps(10);
    expect(raw.timesteps[0]).toBe(900);
  });

  it("reads '-inf' strings and keeps unknown keys", () => {
    const s = createScheduler({ ...SD15, _class_name: "DPMSolverMultistepScheduler", lambda_min_clipped: "-inf", foo: 1 });
    expect((s as DPMSolverMultistepScheduler).lambdaMinClipped).toBe(-Infinity);
    expect(s.config.foo).toBe(1);
  });

  it("trailing spacing rounds halves to even, like numpy", () => {
    expect(spacedTimesteps("trailing", 1000, 16, 1, true)).toEqual([
      999, 937, 874, 811, 749, 687, 624, 561, 499, 437, 374, 311, 249, 187, 124, 61,
    ]);
    expect(spacedTimesteps("linspace", 1000, 4, 0, true)).toEqual([999, 666, 333, 0]);
  });
});
