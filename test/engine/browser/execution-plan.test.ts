/** The execution plan and fallback policy: which variant on which backend, and why not the others. */
import { describe, expect, it } from "vitest";
import type { DeviceReport } from "../../../src/contract/worker-protocol";
import { cpuPathBlocker, estimateMemoryFromWeights, memoryReportOf, planExecution, type PlannableVariant } from "../../../src/engine/browser/execution-plan";
import { GpuDeviceLostError, ShaderF16UnavailableError } from "../../../src/engine/browser/errors";
import { OutOfMemoryError } from "../../../src/engine/errors";
import { classifyGpuMessage } from "../../../src/engine/browser/gpu-device-monitor";
import { explainFailure, nextAttempt } from "../../../src/engine/worker/fallback-policy";
import { ModelRunError, InvalidInputError } from "../../../src/engine/errors";

const GiB = 1024 ** 3;
const fp16: PlannableVariant = { id: "fp16", precision: "fp16", memory: { gpuBytes: 2.7e9, wasmHeapBytes: 4.8e9 }, minMaxBufferSize: 128 * 1024 ** 2, cpuPossible: false };
const fp32: PlannableVariant = { id: "fp32", precision: "fp32", memory: { gpuBytes: 1.2e9, wasmHeapBytes: 2.5e9 }, minMaxBufferSize: 256 * 1024 ** 2 };

function gpuDevice(shaderF16: boolean, maxBufferSize = 2 * GiB): DeviceReport {
  return {
    backend: "webgpu",
    precision: shaderF16 ? "fp16" : "fp32",
    reasons: [],
    adapter: { vendor: "test", architecture: "", description: "", shaderF16, maxBufferSize, maxStorageBufferBindingSize: maxBufferSize },
    wasmThreads: false,
    wasmHeapLimitBytes: 4 * GiB,
  };
}
const cpuDevice: DeviceReport = { backend: "wasm", precision: "fp32", reasons: ["no WebGPU"], adapter: null, wasmThreads: false, wasmHeapLimitBytes: 4 * GiB };

describe("planExecution", () => {
  it("tries fp16 on a GPU with shader-f16, then fp32, then the CPU", () => {
    const plan = planExecution([fp32, fp16], gpuDevice(true), { displayName: "M" });
    expect(plan.attempts.map((a) => `${a.backend}:${a.variant.id}`)).toEqual(["webgpu:fp16", "webgpu:fp32", "wasm:fp32"]);
  });

  it("never puts fp16 weights on a GPU without shader-f16", () => {
    const plan = planExecution([fp16, fp32], gpuDevice(false), { displayName: "M" });
    expect(plan.attempts.map((a) => `${a.backend}:${a.variant.id}`)).toEqual(["webgpu:fp32", "wasm:fp32"]);
    expect(plan.skipped[0].error).toBeInstanceOf(ShaderF16UnavailableError);
  });

  it("skips the GPU when a weight exceeds maxBufferSize, naming both sizes", () => {
    const plan = planExecution([fp32], gpuDevice(false, 128 * 1024 ** 2), { displayName: "M" });
    expect(plan.attempts.map((a) => a.backend)).toEqual(["wasm"]);
    expect(plan.skipped[0].error.name).toBe("GpuBufferLimitError");
    expect(plan.skipped[0].error.message).toMatch(/256 MiB.*128 MiB/);
  });

  it("refuses the CPU path for fp16 graphs and for models over the shared wasm heap", () => {
    const big = { ...fp32, memory: { gpuBytes: 3e9, wasmHeapBytes: 4.5 * GiB } };
    const plan = planExecution([fp16, big], cpuDevice, { displayName: "Big model" });
    expect(plan.attempts).toEqual([]);
    const messages = plan.skipped.filter((s) => s.backend === "wasm").map((s) => s.error.message);
    expect(messages[0]).toMatch(/Big model cannot run on the CPU here: it is an fp16 model/);
    expect(messages[1]).toMatch(/needs about 4\.50 GiB of memory, and every model shares one 4\.00 GiB wasm heap \(single-threaded here/);
    expect(memoryReportOf("big", plan, big)).toMatchObject({ fits: false, message: messages[0] });
  });

  it("counts the preview decoder against the heap", () => {
    const tight = { ...fp32, memory: { gpuBytes: 1e9, wasmHeapBytes: 4 * GiB - 100e6 } };
    expect(cpuPathBlocker(tight, 4 * GiB, 0, false)).toBeNull();
    expect(cpuPathBlocker(tight, 4 * GiB, 200e6, false)).toMatch(/wasm heap/);
  });

  it("reports the estimate of the backend that will be used", () => {
    const gpu = memoryReportOf("m", planExecution([fp32], gpuDevice(false), { displayName: "M" }), fp32);
    expect(gpu).toMatchObject({ backend: "webgpu", estimatedBytes: 1.2e9, fits: true });
    const cpu = memoryReportOf("m", planExecution([fp32], cpuDevice, { displayName: "M" }), fp32);
    expect(cpu).toMatchObject({ backend: "wasm", estimatedBytes: 2.5e9, fits: true });
    const estimate = estimateMemoryFromWeights(1e9, "fp32");
    expect(estimate.wasmHeapBytes).toBeGreaterThan(2e9);
    expect(estimate.gpuBytes).toBeLessThan(estimate.wasmHeapBytes);
  });
});

describe("fallback policy", () => {
  const attempts = planExecution([fp16, fp32], gpuDevice(true), { displayName: "M" }).attempts;

  it("goes from fp16 to fp32 on the GPU after a load failure, and to the CPU after a lost device", () => {
    expect(nextAttempt(new ModelRunError("unet/model.onnx", new Error("f16 kernel")), 0, attempts)).toBe(1);
    expect(nextAttempt(new ShaderF16UnavailableError(), 0, attempts)).toBe(1);
    expect(nextAttempt(new GpuDeviceLostError("destroyed"), 0, attempts)).toBe(2);
    expect(nextAttempt(new OutOfMemoryError("gpu", null, "oom"), 1, attempts)).toBe(2);
    expect(nextAttempt(new GpuDeviceLostError("destroyed"), 2, attempts)).toBeNull();
  });

  it("does not fall back from bad input or a cancel", () => {
    expect(nextAttempt(new InvalidInputError("bad"), 0, attempts)).toBeNull();
    const cancelled = new Error("Generation cancelled.");
    cancelled.name = "GenerationCancelledError";
    expect(nextAttempt(cancelled, 0, attempts)).toBeNull();
  });

  it("finds the GPU failure behind a wrapped session error", () => {
    const wrapped = new ModelRunError("unet/model.onnx", new GpuDeviceLostError("destroyed"));
    expect(explainFailure(wrapped, null, "webgpu")).toBeInstanceOf(GpuDeviceLostError);
    const quoted = new ModelRunError("vae_decoder/model.onnx", new Error("Buffer size (4294967296) exceeds the max buffer size limit (2147483648)."));
    const explained = explainFailure(quoted, null, "webgpu");
    expect(explained.name).toBe("GpuBufferLimitError");
    expect(explained.message).toMatch(/4\.00 GiB.*2\.00 GiB/);
    expect(explainFailure(quoted, null, "wasm")).toBe(quoted);
  });

  it("recognises GPU failures in error text", () => {
    expect(classifyGpuMessage("Out of memory while allocating")?.name).toBe("OutOfMemoryError");
    expect(classifyGpuMessage("Device is lost")?.name).toBe("GpuDeviceLostError");
    expect(classifyGpuMessage("shape mismatch")).toBeNull();
  });
});
