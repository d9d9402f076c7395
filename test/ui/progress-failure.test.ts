import { describe, expect, it } from "vitest";
import { describeFailure, isCancellation } from "../../src/ui/flow/describe-failure";
import { etaSeconds, formatEta, progressFraction } from "../../src/ui/flow/progress-eta";
import { modelSizeFor } from "../../src/ui/flow/plan-generation";
import { describeDevice } from "../../src/ui/components/device-badge";

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe("progress and time left", () => {
  it("counts the decode as one more step, so 100 % means finished", () => {
    expect(progressFraction({ step: 0, totalSteps: 4, stepMs: [] })).toBe(0);
    expect(progressFraction({ step: 4, totalSteps: 4, stepMs: [] })).toBe(0.8);
    expect(progressFraction({ step: 9, totalSteps: 4, stepMs: [] })).toBe(0.8);
  });

  it("estimates from recent steps, skipping the warm-up step", () => {
    expect(etaSeconds({ step: 0, totalSteps: 10, stepMs: [] })).toBeNull();
    // warm-up 5 s, then 1 s steps: 8 steps + decode left at 1 s each
    expect(etaSeconds({ step: 2, totalSteps: 10, stepMs: [5000, 1000] })).toBeCloseTo(9, 9);
    expect(formatEta(null)).toBe("estimating time left");
    expect(formatEta(42.4)).toBe("about 42 s left");
    expect(formatEta(150)).toBe("about 3 min left");
  });
});

describe("failures in plain words", () => {
  it("adds what to do next and says nothing was lost", () => {
    const oom = describeFailure(named("OutOfMemoryError", "The GPU ran out of memory."), "generate");
    expect(oom).toMatchObject({ title: "Not enough memory", message: "The GPU ran out of memory." });
    expect(oom.action).toMatch(/fewer images.*not changed/);
    expect(describeFailure(named("PageChangedError", "You moved to another page."), "keep").action).toMatch(/press Keep/);
    expect(describeFailure(new Error("boom"), "keep")).toMatchObject({ title: "Could not add the layer", action: "Your result is still here: press Keep again." });
    expect(describeFailure("odd", "generate").message).toBe("odd");
  });

  it("treats cancellations as such, not as failures", () => {
    expect(isCancellation(named("GenerationCancelledError", "x"))).toBe(true);
    expect(isCancellation(named("AbortError", "x"))).toBe(true);
    expect(isCancellation(new Error("x"))).toBe(false);
  });
});

describe("model sizes and the device badge", () => {
  it("fits whole images to the model's long side in multiples of 8", () => {
    expect(modelSizeFor(960, 640, 512)).toEqual({ width: 512, height: 344 });
    expect(modelSizeFor(300, 900, 64)).toEqual({ width: 24, height: 64 });
  });

  it("names the backend and explains slow ones in one line", () => {
    const base = { reasons: ["no WebGPU adapter"], adapter: null, wasmThreads: false, wasmHeapLimitBytes: 1 };
    expect(describeDevice({ ...base, backend: "webgpu", precision: "fp16" })).toEqual({ badge: "WebGPU fp16", slow: null });
    expect(describeDevice({ ...base, backend: "webgpu", precision: "fp32" }).slow).toMatch(/no 16-bit/);
    expect(describeDevice({ ...base, backend: "wasm", precision: "fp32" })).toEqual({ badge: "CPU", slow: "Running on the CPU: expect minutes per image. No WebGPU adapter." });
  });
});
