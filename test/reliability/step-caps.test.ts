/** Step counts a scheduler cannot take are refused with the reason and the largest that works. */
import { describe, expect, it } from "vitest";
import { createScheduler } from "../../src/core/create-scheduler";
import { checkInferenceSteps } from "../../src/core/step-limit";
import { SD15_SCHEDULER_CONFIG } from "../../src/engine/model-layout";

const check = (className: string, steps: number, spacing = "leading") => () =>
  checkInferenceSteps(() => createScheduler({ ...SD15_SCHEDULER_CONFIG, timestep_spacing: spacing }, { className }), steps);

describe("inference step caps per scheduler", () => {
  it("caps DDIM with leading spacing at 999 steps: 1000 would need timestep 1000", () => {
    expect(check("DDIMScheduler", 1000)).toThrow(/1000 steps is more than DDIMScheduler can take .*timestep 1000, outside the model's 1000 training timesteps \(0–999\)\. Use at most 999 steps\./);
  });

  it("caps DPM-Solver with leading spacing where its timesteps start to repeat", () => {
    expect(check("DPMSolverMultistepScheduler", 1000)).toThrow(/its timesteps repeat .* divides by zero\. Use at most 998 steps\./);
  });

  it("caps DPM-Solver with linspace spacing where its timesteps start to repeat", () => {
    expect(check("DPMSolverMultistepScheduler", 1000, "linspace")).toThrow(/InferenceStepsError|its timesteps repeat \(t=500 twice\)/);
  });

  it("names the error InferenceStepsError (the panel's 'Too many steps' notice)", () => {
    expect(check("DDIMScheduler", 1000)).toThrow(expect.objectContaining({ name: "InferenceStepsError" }));
  });

  it("lets DDIM with trailing spacing take 1000 steps", () => {
    expect(check("DDIMScheduler", 1000, "trailing")).not.toThrow();
  });

  it("lets Euler take 1000 steps", () => {
    expect(check("EulerDiscreteScheduler", 1000)).not.toThrow();
  });

  it("keeps LCM's own limit message", () => {
    expect(check("LCMScheduler", 60)).toThrow(/original_inference_steps = 50\). Use at most 50 steps/);
  });
});
