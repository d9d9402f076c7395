import { describe, expect, it } from "vitest";
import { probeModel, requireRunnableVariant, type AdapterDescription } from "../../../src/engine/models/capabilities";
import { ModelUnsupportedError } from "../../../src/engine/models/errors";
import { findModel, getCatalogue } from "../../../src/engine/models/catalogue";

const MiB = 1024 ** 2;
const catalogue = getCatalogue();
const model = (id: string) => findModel(catalogue, id);

const desktopF16: AdapterDescription = { hasWebGPU: true, shaderF16: true, maxBufferSize: 4096 * MiB, maxStorageBufferBindingSize: 2048 * MiB };
const swiftShader: AdapterDescription = { hasWebGPU: true, shaderF16: false, maxBufferSize: 1024 * MiB, maxStorageBufferBindingSize: 1024 * MiB };
const noGpu: AdapterDescription = { hasWebGPU: false, shaderF16: false, maxBufferSize: 0, maxStorageBufferBindingSize: 0 };
const tinyLimits: AdapterDescription = { hasWebGPU: true, shaderF16: true, maxBufferSize: 256 * MiB, maxStorageBufferBindingSize: 128 * MiB };

describe("probeModel (before any download)", () => {
  it("chooses fp16 on WebGPU with shader-f16, and passes on the SD 2.x fp16 caveat", () => {
    const r = probeModel(model("sd-turbo"), desktopF16);
    expect(r.ok && r.variant.id).toBe("fp16");
    expect(r.ok && r.backend).toBe("webgpu");
    expect(r.ok && r.warnings.join(" ")).toMatch(/black|NaN/);
  });

  it("refuses SD-Turbo without shader-f16 (it is published only in fp16), with a plain message", () => {
    const r = probeModel(model("sd-turbo"), swiftShader);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/cannot run on this device, so it was not downloaded/);
      expect(r.message).toMatch(/shader-f16|16-bit/);
    }
  });

  it("falls back to fp32 for LCM Dreamshaper when fp16 shaders are missing", () => {
    const r = probeModel(model("lcm-dreamshaper-v7"), swiftShader);
    expect(r.ok && r.variant.id).toBe("fp32");
  });

  it("refuses fp32 LCM when the GPU's buffer limits are too small, but fp16 still fits", () => {
    const r = probeModel(model("lcm-dreamshaper-v7"), tinyLimits);
    expect(r.ok && r.variant.id).toBe("fp16");
    const noF16 = probeModel(model("lcm-dreamshaper-v7"), { ...tinyLimits, shaderF16: false });
    expect(noF16.ok).toBe(false);
    if (!noF16.ok) expect(noF16.reasons.join(" ")).toMatch(/storage bindings of 256 MiB, this GPU allows 128 MiB/);
  });

  it("never puts a full Stable Diffusion on the 4 GiB wasm heap, but runs TAESD and the classifier there", () => {
    for (const id of ["sd-turbo", "sd15-inpainting", "lcm-dreamshaper-v7"]) {
      const r = probeModel(model(id), noGpu);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/WebGPU/);
    }
    expect(probeModel(model("taesd"), noGpu)).toMatchObject({ ok: true, backend: "wasm" });
    expect(probeModel(model("nsfw-vit-base"), noGpu)).toMatchObject({ ok: true, backend: "wasm" });
  });

  it("respects a smaller wasm heap and a forced backend", () => {
    const r = probeModel(model("nsfw-vit-base"), { ...noGpu, wasmHeapLimitBytes: 100 * MiB });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/wasm heap holds 100 MiB/);
    expect(probeModel(model("taesd"), desktopF16, { backend: "wasm" })).toMatchObject({ ok: true, backend: "wasm" });
    expect(probeModel(model("sd-turbo"), desktopF16, { backend: "wasm" }).ok).toBe(false);
  });

  it("requireRunnableVariant throws a named ModelUnsupportedError carrying the plain message", () => {
    expect(requireRunnableVariant(model("taesd"), noGpu).backend).toBe("wasm");
    let error: unknown;
    try {
      requireRunnableVariant(model("sd-turbo"), noGpu);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelUnsupportedError);
    expect((error as Error).name).toBe("ModelUnsupportedError");
    expect((error as Error).message).toMatch(/SD-Turbo cannot run on this device/);
  });
});
