import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { strengthSlice } from "../../src/core/timesteps";
import { LCMScheduler } from "../../src/core/lcm";
import { toEngineFailure, fromEngineFailure, EngineWorkerCrashedError } from "../../src/contract/worker-errors";
import { GpuDeviceLostError, GpuOperationError } from "../../src/engine/browser/errors";
import { ModelUnsupportedError } from "../../src/engine/models/errors";
import { checkPrompt } from "../../src/engine/safety/prompt-filter";
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

  it("a strength that leaves no denoising step says to raise Strength or change Steps, not to press Generate again", () => {
    const notices = [thrown(() => strengthSlice(2, 0.3)), thrown(() => lcmAtStrength(0.1, 8))].map((e) => describeFailure(acrossWorker(e), "generate"));
    for (const notice of notices) {
      expect(notice.title).toBe("Strength too low for these Steps");
      expect(notice.action).toMatch(/Raise Strength, or change Steps under Advanced/);
      expect(notice.action).not.toMatch(/try again/);
    }
    expect(notices[0].message).toMatch(/Strength 0.3 with 2 steps leaves no denoising step/);
  });

  it("device and worker failures suggest what works: reopen the add-on (the worker keeps a lost GPU) or another model", () => {
    const lost = describeFailure(acrossWorker(new GpuDeviceLostError("destroyed")), "generate");
    expect(lost.action).toMatch(/^Close and reopen the add-on to use the GPU again, or pick a smaller model under Advanced/);
    const crashed = describeFailure(new EngineWorkerCrashedError("script error"), "generate");
    expect(crashed.message).not.toMatch(/restarts on the next request/); // it does not: the client stays failed
    expect(crashed.action).toMatch(/^Close and reopen the add-on/);
    const rejected = describeFailure(acrossWorker(new GpuOperationError("validation")), "generate");
    expect(rejected.message).not.toMatch(/settings/); // the panel has no CPU switch
    expect(describeFailure(acrossWorker(new ModelUnsupportedError("needs WebGPU")), "generate").action).not.toMatch(/download/);
  });

  it("gives every engine, model and device error the panel can receive its own title and next step", () => {
    // Every error name declared in these files, minus the ones that never reach describeFailure.
    const files = ["src/core/errors.ts", "src/engine/errors.ts", "src/engine/browser/errors.ts", "src/engine/models/errors.ts", "src/engine/safety/result-screener.ts", "src/engine/tokenizer/errors.ts", "src/contract/worker-errors.ts", "src/sandbox/errors.ts", "src/engine/removal/migan-remover.ts", "src/engine/removal/removal-service.ts"];
    const notShown = new Set([
      "CoreError", "EngineError", "ModelDownloadError", // base classes, never thrown as such
      "SchedulerStateError", "TensorShapeError", "CatalogueError", // programming errors: the generic notice
      "GenerationCancelledError", "DownloadAbortedError", // cancellations (isCancellation)
      "ModelFileNotFoundError", "NetworkError", "HashMismatchError", "QuotaExceededError", // downloads: shown by Models
      "RateLimitedError", "ServerError", "RedirectError", "ModelLayoutError", // downloads: shown by Models
      "DocumentEditError", // "press Keep again" (the generic keep notice) is what works
    ]);
    const names = files.flatMap((f) => [...readFileSync(f, "utf8").matchAll(/name = "(\w+)"/g)].map((m) => m[1]));
    expect(names.length).toBeGreaterThan(30);
    const generic = new Set(["Generation failed", "Could not add the layer"]);
    for (const name of names.filter((n) => !notShown.has(n))) {
      const notice = describeFailure(named(name, "Cause."), "generate");
      expect({ name, generic: generic.has(notice.title) }).toEqual({ name, generic: false });
      expect({ name, ends: /[.!]$/.test(notice.action) && notice.action.length > 20 }).toEqual({ name, ends: true });
    }
    expect(describeFailure(named("TensorShapeError", "x"), "generate").action).toMatch(/^Press Generate to try again; if it fails the same way, pick another model under Advanced/);
  });

  it("a refused prompt: the filter's reason once, then one distinct next step", () => {
    const verdict = checkPrompt("a naked woman on a beach");
    const notice = describeFailure(named("PromptBlockedError", verdict.message!), "generate");
    expect(notice.message).toBe("This prompt asks for sexual content, which this add-on does not generate.");
    expect(notice.message).not.toMatch(/rephrase|change|try again/i);
    expect(notice.action).toBe("Describe something else in the prompt, then press Generate.");
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

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw");
}

/** What the panel receives: the worker sends { name, message } and the client rebuilds an Error. */
function acrossWorker(error: Error): Error {
  return fromEngineFailure(toEngineFailure(error));
}

/** LCM img2img: strength 0.1 keeps 5 of 50 distillation timesteps, fewer than `steps`. */
function lcmAtStrength(strength: number, steps: number): void {
  new LCMScheduler({}).setTimesteps(steps, { strength });
}
