/**
 * The FLOP formulas against figures found independently of them: onnx-tool's counts of the SD 1.4
 * ONNX exports (which also count element-wise ops, so ours must come out a little below), the
 * TAESD export's size in the model catalogue (the synthetic TAESD graph must hold the same number
 * of weights), and the tiny fixture's UNet, whose FLOPs must grow with the latent area.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modelFlops, PUBLISHED_ARCHITECTURES, taesdDecoderFlops, unetFlops, vaeDecoderFlops } from "../../bench/lib/flops";
import { PUBLISHED_SD14_GFLOP_512 } from "../../bench/lib/flops-report";
import { buildTaesdDecoder, buildTaesdEncoder } from "../../bench/lib/synthetic-models";
import { sdVaeDecoderLayers } from "../../bench/lib/sd-vae-decoder-graph";
import { repoRoot } from "../support/fixture-dirs";

describe("FLOPs per call", () => {
  const sd15 = modelFlops(PUBLISHED_ARCHITECTURES["SD 1.5"], 512, 512);

  it("SD 1.5 at 512² sits up to 12 % below onnx-tool's all-op counts", () => {
    for (const key of ["textEncoder", "unetCall", "vaeEncode", "vaeDecode"] as const) {
      const ratio = sd15[key] / 1e9 / PUBLISHED_SD14_GFLOP_512[key];
      expect(ratio, key).toBeGreaterThan(0.88);
      expect(ratio, key).toBeLessThanOrEqual(1);
    }
    expect(sd15.unetCall / 1e12).toBeGreaterThan(0.75); // "~0.8 TFLOP per UNet call"
    expect(sd15.unetCall / 1e12).toBeLessThan(0.85);
  });

  it("the VAE decoder costs about 3 UNet calls; TAESD's decoder under a tenth of the VAE's", () => {
    expect(sd15.vaeDecode / sd15.unetCall).toBeGreaterThan(2.8);
    expect(sd15.vaeDecode / sd15.unetCall).toBeLessThan(3.4);
    expect(sd15.taesdDecode / sd15.vaeDecode).toBeLessThan(0.1);
  });

  it("batch and area scale the count (attention makes the UNet super-linear in area)", () => {
    const unet = PUBLISHED_ARCHITECTURES["SD 1.5"].unet;
    expect(unetFlops(unet, 64, 64, 4)).toBeCloseTo(4 * unetFlops(unet, 64, 64, 1), -3);
    expect(unetFlops(unet, 64, 64) / unetFlops(unet, 48, 48)).toBeGreaterThan((64 / 48) ** 2);
    expect(taesdDecoderFlops(64, 64) / taesdDecoderFlops(32, 32)).toBeCloseTo(4, 5); // convs only: exactly ∝ area
    const tiny = JSON.parse(readFileSync(join(repoRoot, "test/fixtures/tiny-sd/models/config.json"), "utf8"));
    expect(vaeDecoderFlops(tiny.vae, 64, 64)).toBeGreaterThan(vaeDecoderFlops(tiny.vae, 8, 8) * 60);
  });
});

describe("synthetic TAESD graphs", () => {
  it("hold as many weights as the TAESD export in the catalogue (≈ 4.91 MB of float32 each)", () => {
    const catalogue = JSON.parse(readFileSync(join(repoRoot, "src/engine/models/catalogue.json"), "utf8"));
    const taesd = JSON.stringify(catalogue);
    expect(taesd).toContain("4910000");
    for (const bytes of [buildTaesdEncoder(), buildTaesdDecoder()]) {
      expect(Math.abs(bytes.length - 4_910_000) / 4_910_000).toBeLessThan(0.01);
    }
  });
});

describe("SD-width VAE decoder graph (P4)", () => {
  it("holds the published decoder's 49,490,179 parameters (madebyollin/taesd README's comparison table) plus post_quant_conv", () => {
    const g = sdVaeDecoderLayers();
    // Not parameters: GroupNorm written as InstanceNormalization adds a unit scale and zero shift
    // of 32 per norm, each Resize has 4 scales, the attention's 1/√C is one scalar.
    const count = (op: string) => g.nodes.filter((n) => n.op === op).length;
    const constants = count("InstanceNormalization") * 2 * 32 + count("Resize") * 4 + 1;
    const floats = g.initializers.reduce((sum, i) => sum + (i.data instanceof Float32Array ? i.data.length : 0), 0);
    const postQuantConv = 4 * 4 + 4; // 1×1 conv 4 → 4 with bias, run before the decoder proper
    expect(floats - constants).toBe(49_490_179 + postQuantConv);
  });
});
