import { describe, expect, it } from "vitest";
import {
  combineGuidance,
  doClassifierFreeGuidance,
  guidedNoisePrediction,
  rescaleNoiseCfg,
} from "../../src/core/guidance";
import { epsilonFromAlpha, predOriginalFromAlpha, predOriginalFromSigma, velocityFromAlpha } from "../../src/core/prediction";

describe("classifier-free guidance", () => {
  it("is on only above 1 and rejects non-finite scales", () => {
    expect(doClassifierFreeGuidance(7.5)).toBe(true);
    expect(doClassifierFreeGuidance(1)).toBe(false);
    expect(doClassifierFreeGuidance(0)).toBe(false);
    expect(() => doClassifierFreeGuidance(Number.NaN)).toThrow(expect.objectContaining({ name: "CoreError" }));
  });

  it("combines ε_u + g(ε_c − ε_u) per batch item (unconditional half first)", () => {
    // [2B = 4, 2 values]: uncond for items 0,1 then cond for items 0,1.
    const unet = Float32Array.from([1, 2, 3, 4, 2, 2, 5, 0]);
    const out = guidedNoisePrediction(unet, 3);
    expect(Array.from(out)).toEqual([1 + 3 * (2 - 1), 2 + 3 * (2 - 2), 3 + 3 * (5 - 3), 4 + 3 * (0 - 4)]);
  });

  it("returns the UNet output itself when guidance is off", () => {
    const unet = Float32Array.from([1, 2]);
    expect(guidedNoisePrediction(unet, 1)).toBe(unet);
  });

  it("rejects halves of different sizes and odd batches", () => {
    expect(() => combineGuidance(new Float32Array(3), new Float32Array(4), 2)).toThrow(
      expect.objectContaining({ name: "TensorShapeError" }),
    );
    expect(() => guidedNoisePrediction(new Float32Array(3), 2)).toThrow(expect.objectContaining({ name: "TensorShapeError" }));
  });

  it("rescale_noise_cfg matches the std-ratio formula and is a no-op at 0", () => {
    const cond = Float32Array.from([1, -1, 1, -1]); // std 1.1547
    const cfg = Float32Array.from([2, -2, 2, -2]); // std 2.3094 → ratio 0.5
    rescaleNoiseCfg(cfg, cond, 0.7, 1);
    const expected = 0.7 * (2 * 0.5) + 0.3 * 2;
    expect(cfg[0]).toBeCloseTo(expected, 6);
    expect(cfg[1]).toBeCloseTo(-expected, 6);
    const untouched = Float32Array.from([2, -2]);
    rescaleNoiseCfg(untouched, Float32Array.from([1, -1]), 0, 1);
    expect(Array.from(untouched)).toEqual([2, -2]);
    expect(() => rescaleNoiseCfg(untouched, untouched, 1.5, 1)).toThrow(expect.objectContaining({ name: "CoreError" }));
  });
});

describe("prediction types", () => {
  const alpha = 0.36; // √ᾱ = 0.6, √(1−ᾱ) = 0.8
  const x0 = Float32Array.from([0.5, -1.25]);
  const eps = Float32Array.from([1, 0.25]);
  const xt = x0.map((v, i) => 0.6 * v + 0.8 * eps[i]);

  it("v-prediction recovers x̂₀ and ε̂ from v = √ᾱ·ε − √(1−ᾱ)·x₀", () => {
    const v = velocityFromAlpha(x0, eps, alpha, new Float32Array(2));
    const gotX0 = predOriginalFromAlpha("v_prediction", v, xt, alpha, new Float32Array(2));
    const gotEps = epsilonFromAlpha("v_prediction", v, xt, alpha, gotX0, new Float32Array(2));
    for (let i = 0; i < 2; i++) {
      expect(gotX0[i]).toBeCloseTo(x0[i], 6);
      expect(gotEps[i]).toBeCloseTo(eps[i], 6);
    }
  });

  it("epsilon and sample predictions agree on x̂₀; the sigma form matches the alpha form", () => {
    const fromEps = predOriginalFromAlpha("epsilon", eps, xt, alpha, new Float32Array(2));
    const fromSample = predOriginalFromAlpha("sample", x0, xt, alpha, new Float32Array(2));
    const sigma = 0.8 / 0.6; // σ = √((1−ᾱ)/ᾱ); the sigma form works on x_t/√ᾱ
    const fromSigma = predOriginalFromSigma("epsilon", eps, xt.map((v) => v / 0.6), sigma, new Float32Array(2));
    for (let i = 0; i < 2; i++) {
      expect(fromEps[i]).toBeCloseTo(x0[i], 6);
      expect(fromSample[i]).toBe(x0[i]);
      expect(fromSigma[i]).toBeCloseTo(x0[i], 6);
    }
  });
});
