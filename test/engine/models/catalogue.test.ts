import { describe, expect, it } from "vitest";
import { describeDownload, findModel, findVariant, getCatalogue, parseCatalogue } from "../../../src/engine/models/catalogue";
import { CatalogueError } from "../../../src/engine/models/errors";
import data from "../../../src/engine/models/catalogue.json";

const GiB = 1024 ** 3;

describe("the product catalogue", () => {
  const catalogue = getCatalogue();

  it("offers the required models with their capabilities and licences", () => {
    const expectCap = (id: string, cap: string, licence: RegExp) => {
      const m = findModel(catalogue, id);
      expect(m.capabilities).toContain(cap);
      expect(m.licence.id + " " + m.licence.name).toMatch(licence);
    };
    expectCap("sd-turbo", "img2img", /non-commercial/i);
    expectCap("sd15-inpainting", "inpaint", /openrail-m/i);
    expectCap("lcm-dreamshaper-v7", "img2img", /LCM|MIT/);
    expectCap("taesd", "preview-decoder", /MIT/);
    expectCap("nsfw-vit-base", "safety", /Apache/);
    expect(findModel(catalogue, "sd-turbo").licence.commercialUse).toBe("not-allowed");
  });

  it("pins Hugging Face files to a full commit wherever the source is marked pinned", () => {
    for (const m of catalogue.models) {
      for (const v of m.variants) {
        for (const f of v.files) {
          expect(f.url.startsWith("https://huggingface.co/")).toBe(true);
          const source = v.source ?? m.source;
          if (source.pinned) expect(f.url).toContain(`/resolve/${source.revision}/`);
          // Never an invented hash: either a 64-hex LFS oid marked pinned, or null and trust-on-first-use.
          if (f.sha256 === null) expect(f.hashPinned).toBe(false);
          else expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
        }
      }
    }
  });

  it("keeps ONNX external data next to its graph (models over 2 GB)", () => {
    const lcm = findVariant(findModel(catalogue, "lcm-dreamshaper-v7"), "fp32");
    const data = lcm.files.find((f) => f.role === "unet-data")!;
    expect(data.externalDataPath).toBe("model.onnx_data");
    expect(data.size!).toBeGreaterThan(2 * 1e9);
    expect(lcm.files.some((f) => f.role === "unet" && f.path === "unet/model.onnx")).toBe(true);
  });

  it("describes the download before it starts (SD-Turbo fp16 is about 2.4 GiB)", () => {
    const d = describeDownload(findModel(catalogue, "sd-turbo"), "fp16");
    expect(d.totalBytes / GiB).toBeGreaterThan(2.2);
    expect(d.totalBytes / GiB).toBeLessThan(2.6);
    expect(d.exact).toBe(false);
    expect(d.trustOnFirstUse).toContain("unet/model.onnx");
    const lcm = describeDownload(findModel(catalogue, "lcm-dreamshaper-v7"), "fp32");
    expect(lcm.trustOnFirstUse).not.toContain("vae_encoder/model.onnx");
  });

  it("carries the recommended scheduler configs the engine builds its schedulers from", () => {
    expect(findModel(catalogue, "sd-turbo").recommended?.schedulerConfig).toMatchObject({ timestep_spacing: "trailing", _class_name: "EulerDiscreteScheduler" });
    expect(findModel(catalogue, "lcm-dreamshaper-v7").recommended?.schedulerConfig).toMatchObject({ _class_name: "LCMScheduler", original_inference_steps: 50 });
    expect(findModel(catalogue, "sd15-inpainting").recommended?.guidanceScale).toBe(7.5);
  });
});

describe("parseCatalogue", () => {
  const clone = () => JSON.parse(JSON.stringify(data));

  it("rejects a hash marked pinned without a value, a host outside allowedHosts and an unpinned URL", () => {
    const a = clone();
    a.models[0].variants[0].files[0].hashPinned = true;
    expect(() => parseCatalogue(a)).toThrow(CatalogueError);
    const b = clone();
    b.models[0].variants[0].files[0].url = "https://example.com/x.onnx";
    expect(() => parseCatalogue(b)).toThrow(/allowedHosts/);
    const c = clone();
    c.models[0].variants[0].files[0].url = c.models[0].variants[0].files[0].url.replace(c.models[0].source.revision, "main");
    expect(() => parseCatalogue(c)).toThrow(/not pinned/);
  });

  it("names an unknown model or variant", () => {
    expect(() => findModel(getCatalogue(), "sdxl")).toThrow(/Unknown model "sdxl"/);
    expect(() => findVariant(findModel(getCatalogue(), "taesd"), "fp16")).toThrow(/no variant "fp16"/);
  });
});
