/** Bad input to the schedulers: every case must be a named Error subclass, never NaN output. */
import { describe, expect, it } from "vitest";
import { createScheduler, SCHEDULER_CLASS_NAMES } from "../../src/core/create-scheduler";
import type { Scheduler, SchedulerConfig } from "../../src/core/scheduler";
import { SD15_WITHOUT_CLASS as SD15 } from "../support/sd15-scheduler";

function make(className: string, extra: SchedulerConfig = {}): Scheduler {
  return createScheduler({ ...SD15, ...extra }, { className });
}

/** Runs fn and returns the error it throws (failing the test if it does not throw). */
function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    return e as Error;
  }
  throw new Error("expected an error, none was thrown");
}

describe("createScheduler", () => {
  it("rejects an unknown _class_name and names the supported ones", () => {
    const e = caught(() => createScheduler({ ...SD15, _class_name: "PNDMScheduler" }));
    expect(e.name).toBe("UnknownSchedulerError");
    expect(e.message).toContain("PNDMScheduler");
    expect(e.message).toContain("EulerDiscreteScheduler");
  });

  it("rejects an unknown override class, and a config with no class at all", () => {
    expect(caught(() => createScheduler(SD15, { className: "HeunDiscreteScheduler" })).name).toBe("UnknownSchedulerError");
    expect(caught(() => createScheduler(SD15)).name).toBe("SchedulerConfigError");
    expect(caught(() => createScheduler(null as unknown as SchedulerConfig)).name).toBe("SchedulerConfigError");
  });

  it.each(["DDIMScheduler", "EulerDiscreteScheduler", "EulerAncestralDiscreteScheduler", "DPMSolverMultistepScheduler"])(
    "%s rejects an unknown timestep_spacing",
    (cls) => {
      const e = caught(() => make(cls, { timestep_spacing: "middle" }));
      expect(e.name).toBe("SchedulerConfigError");
      expect(e.message).toContain("timestep_spacing");
      expect(e.message).toContain("trailing");
    },
  );

  it.each(SCHEDULER_CLASS_NAMES)("%s rejects malformed or unsupported config values", (cls) => {
    expect(caught(() => make(cls, { beta_schedule: "sigmoid" })).name).toBe("SchedulerConfigError");
    expect(caught(() => make(cls, { beta_start: "small" as unknown as number })).name).toBe("SchedulerConfigError");
    expect(caught(() => make(cls, { prediction_type: "noise" })).name).toBe("SchedulerConfigError");
    expect(caught(() => make(cls, { num_train_timesteps: 0 })).name).toBe("SchedulerConfigError");
  });

  it("rejects options whose maths is not implemented instead of ignoring them", () => {
    expect(caught(() => make("DDIMScheduler", { thresholding: true })).name).toBe("SchedulerConfigError");
    expect(caught(() => make("EulerDiscreteScheduler", { use_beta_sigmas: true })).name).toBe("SchedulerConfigError");
    expect(caught(() => make("DPMSolverMultistepScheduler", { algorithm_type: "dpmsolver" })).name).toBe(
      "SchedulerConfigError",
    );
    expect(caught(() => make("DPMSolverMultistepScheduler", { use_karras_sigmas: true, use_lu_lambdas: true })).name).toBe(
      "SchedulerConfigError",
    );
    expect(caught(() => make("EulerAncestralDiscreteScheduler", { prediction_type: "sample" })).name).toBe(
      "SchedulerConfigError",
    );
  });
});

describe.each(SCHEDULER_CLASS_NAMES)("%s.setTimesteps", (cls) => {
  it.each([0, -3, 2.5, Number.NaN, Infinity])("rejects %s inference steps", (n) => {
    const e = caught(() => make(cls).setTimesteps(n));
    expect(e.name).toBe("InferenceStepsError");
    expect(e.message).toMatch(/at least 1|at most/);
  });

  it("rejects more steps than the schedule allows", () => {
    expect(caught(() => make(cls).setTimesteps(1001)).name).toBe("InferenceStepsError");
  });

  it.each([-0.1, 1.01, Number.NaN, Infinity])("rejects strength %s", (strength) => {
    const e = caught(() => make(cls).setTimesteps(10, { strength }));
    expect(e.name).toBe("StrengthError");
    expect(e.message).toContain("between 0 and 1");
  });

  it("rejects a strength that leaves no step, under both pipeline rules", () => {
    const e = caught(() => make(cls).setTimesteps(10, { strength: 0.05, strengthPipeline: "stable-diffusion" }));
    expect(e.name).toBe("StrengthError");
    expect(e.message).toMatch(/no denoising step|fewer than/);
    expect(caught(() => make(cls).setTimesteps(4, { strength: 0 })).name).toBe("StrengthError");
  });

  it("keeps its previous schedule when a call is rejected", () => {
    const s = make(cls);
    s.setTimesteps(4);
    const before = [...s.timesteps];
    caught(() => s.setTimesteps(4, { strength: 2 }));
    expect([...s.timesteps]).toEqual(before);
  });

  it("refuses to step before setTimesteps, and on mismatched tensors", () => {
    const s = make(cls);
    const x = new Float32Array(16);
    expect(caught(() => s.step(x, 999, x)).name).toBe("SchedulerStateError");
    s.setTimesteps(4);
    expect(caught(() => s.step(new Float32Array(8), s.timesteps[0], x)).name).toBe("TensorShapeError");
  });
});

describe("stepping errors", () => {
  const x = new Float32Array(16).fill(0.5);

  it("stochastic schedulers demand a noise source", () => {
    for (const cls of ["EulerAncestralDiscreteScheduler", "LCMScheduler"]) {
      const s = make(cls);
      s.setTimesteps(4);
      const e = caught(() => s.step(x, s.timesteps[0], x));
      expect(e.name).toBe("SchedulerStateError");
      expect(e.message).toContain("NoiseSource");
    }
  });

  it("Euler rejects a timestep that is not in its schedule, and stepping past the end", () => {
    const s = make("EulerDiscreteScheduler");
    s.setTimesteps(2);
    expect(caught(() => s.step(x, 500.5, x)).name).toBe("SchedulerStateError");
    let latents: Float32Array = x;
    for (const t of s.timesteps) latents = s.step(x, t, latents).prevSample;
    expect(latents.every(Number.isFinite)).toBe(true);
    expect(caught(() => s.step(x, s.timesteps[1], latents)).name).toBe("SchedulerStateError");
  });

  it("DDIM and LCM reject timesteps outside the training range", () => {
    for (const cls of ["DDIMScheduler", "LCMScheduler"]) {
      const s = make(cls);
      s.setTimesteps(4);
      expect(caught(() => s.step(x, 1000, x)).name).toBe("SchedulerStateError");
      expect(caught(() => s.addNoise(x, x, -1)).name).toBe("SchedulerStateError");
      expect(caught(() => s.addNoise(x, x, 10.5)).name).toBe("SchedulerStateError");
    }
  });

  it("only LCM accepts the latent-consistency strength rule", () => {
    const e = caught(() => make("DDIMScheduler").setTimesteps(10, { strength: 0.5, strengthPipeline: "latent-consistency" }));
    expect(e.name).toBe("SchedulerStateError");
  });
});
