/**
 * The engine worker in Chromium WITH WebGPU (SwiftShader here: no shader-f16, so fp32): the tiny
 * img2img_ddim_cfg case on the WebGPU backend agrees with the same case on wasm (a second worker
 * forced to the CPU) and with diffusers; a GPU whose buffers are too small for the model is refused
 * before loading and the model runs on wasm; a device lost mid-run (test fault: device.destroy()
 * after step 2) is reported, the run falls back to wasm and completes, and the next run works.
 * SwiftShader is slow: one GPU load, two GPU runs, 64×64.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type BrowserHarness } from "./support/browser-harness";
import { maxAbsDiff, plainCaseRequest, readCase, tinyModelSpec, type TinyCase } from "./support/tiny-fixture";

let h: BrowserHarness;
let tiny: TinyCase;
let gpuPixels: number[] = [];

beforeAll(async () => {
  tiny = readCase();
  h = await openHarness({ webgpu: true });
});

afterAll(async () => {
  await h?.close();
});

describe("engine worker in Chromium on WebGPU (SwiftShader)", () => {
  it("selects WebGPU in fp32 because the adapter has no shader-f16", async () => {
    const device = await h.call("start", "gpu", { allowTestFaults: true });
    expect(device.backend).toBe("webgpu");
    expect(device.adapter?.shaderF16).toBe(false);
    expect(device.precision).toBe("fp32");
    expect(device.reasons.join(" ")).toMatch(/shader-f16/);
    expect(device.adapter!.maxBufferSize).toBeGreaterThan(256 * 1024 ** 2);
  });

  it("runs img2img_ddim_cfg on WebGPU and agrees with wasm and with diffusers", async () => {
    const spec = tinyModelSpec(h.server.origin);
    const estimate = await h.call("estimate", "gpu", { kind: "spec", spec });
    expect(estimate).toMatchObject({ backend: "webgpu", fits: true });
    expect(estimate.message).toMatch(/GPU memory/);
    const loaded = await h.call("load", "gpu", { kind: "spec", spec });
    expect(loaded.error).toBeUndefined();
    expect(loaded.model).toMatchObject({ backend: "webgpu", precision: "fp32" });

    const gpu = await h.call("generate", "gpu", plainCaseRequest(tiny));
    expect(gpu.error).toBeUndefined();
    expect(gpu.backend).toBe("webgpu");
    expect(gpu.previews.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // encoder_hidden_states [2, 77, 32] went to the GPU once and was reused by the other 6 UNet steps.
    expect(gpu.residentInputs).toEqual({ uploads: 1, reuses: 6 });
    gpuPixels = gpu.pixels!;

    await h.call("start", "cpu", { forceBackend: "wasm" });
    expect((await h.call("load", "cpu", { kind: "spec", spec })).model?.backend).toBe("wasm");
    const cpu = await h.call("generate", "cpu", plainCaseRequest(tiny, { preview: { enabled: false } }));
    expect(cpu.backend).toBe("wasm");

    const gpuVsCpu = maxAbsDiff(gpuPixels, cpu.pixels!);
    const gpuVsRef = maxAbsDiff(gpuPixels, tiny.output);
    console.log(
      `img2img_ddim_cfg 64×64: WebGPU vs wasm max |Δ| = ${gpuVsCpu.toExponential(2)}, WebGPU vs diffusers ${gpuVsRef.toExponential(2)}; ` +
        `UNet step ms WebGPU [${gpu.unetStepMs!.map((m) => m.toFixed(0)).join(", ")}], wasm [${cpu.unetStepMs!.map((m) => m.toFixed(0)).join(", ")}]`,
    );
    expect(gpuVsCpu).toBeLessThan(1e-3);
    expect(gpuVsRef).toBeLessThan(1e-3);
  });

  it("survives a device lost mid-run: reports it, finishes on wasm, and the next run works", async () => {
    await h.call("fault", "gpu", { kind: "device-lost", afterStep: 2 });
    const run = await h.call("generate", "gpu", plainCaseRequest(tiny, { preview: { enabled: false } }));
    expect(run.error).toBeUndefined();
    const fallback = run.notices.find((n) => n.kind === "fallback");
    expect(fallback).toMatchObject({ kind: "fallback", from: { backend: "webgpu" }, to: { backend: "wasm" }, reason: { name: "GpuDeviceLostError" } });
    expect(fallback && "reason" in fallback ? fallback.reason.message : "").toMatch(/GPU stopped responding/);
    expect(run.backend).toBe("wasm");
    expect(maxAbsDiff(run.pixels!, tiny.output)).toBeLessThan(1e-4);
    // The fallback re-ran from the start: steps 1–2 on the GPU, then 1–7 on wasm.
    expect(run.steps.slice(-7)).toEqual([1, 2, 3, 4, 5, 6, 7]);

    const next = await h.call("generate", "gpu", plainCaseRequest(tiny, { preview: { enabled: false } }));
    expect(next.error).toBeUndefined();
    expect(next.backend).toBe("wasm");
    expect(next.notices).toEqual([]);
    expect(maxAbsDiff(next.pixels!, tiny.output)).toBeLessThan(1e-4);
  });

  it("refuses the GPU for a model whose buffers exceed maxBufferSize, before loading, and runs it on wasm", async () => {
    await h.call("start", "limits", {});
    const spec = tinyModelSpec(h.server.origin, { minMaxBufferSize: 64 * 1024 ** 3 });
    const loaded = await h.call("load", "limits", { kind: "spec", spec });
    expect(loaded.model?.backend).toBe("wasm");
    expect(loaded.notices).toHaveLength(1);
    expect(loaded.notices[0]).toMatchObject({ kind: "fallback", reason: { name: "GpuBufferLimitError", message: expect.stringMatching(/64.0 GiB/) } });
  });
});
