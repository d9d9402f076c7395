/** Every config number a model folder brings is checked, and the error names the file and field. */
import { describe, expect, it } from "vitest";
import { readModelDir } from "../../src/engine/node/model-dir";
import { SD15_SCHEDULER_CONFIG } from "../../src/engine/model-layout";
import { tinyFolderWith } from "./support/model-folder";

const refusal = (configs: Record<string, unknown>) => {
  try {
    readModelDir(tinyFolderWith(configs));
  } catch (error) {
    expect((error as Error).name).toBe("ModelConfigError");
    return (error as Error).message;
  }
  throw new Error("expected a ModelConfigError");
};
const scheduler = (overrides: Record<string, unknown>) => ({ "scheduler/scheduler_config.json": { ...SD15_SCHEDULER_CONFIG, ...overrides } });

describe("model folder config numbers", () => {
  it("refuses VAE scaling_factor 0 (it decoded to an all-black image and exited 0)", () => {
    expect(refusal({ "vae_decoder/config.json": { scaling_factor: 0 } })).toBe(
      'vae_decoder/config.json: "scaling_factor" is 0; it must be a number above 0 and at most 10 (Stable Diffusion 1.x/2.x use 0.18215). Fix the value or download the model\'s config again.',
    );
  });

  it("refuses a negative scaling_factor in vae/config.json", () => {
    expect(refusal({ "vae/config.json": { scaling_factor: -0.18 } })).toMatch(/^vae\/config\.json: "scaling_factor" is -0\.18/);
  });

  it("refuses a scaling_factor written as text", () => {
    expect(refusal({ "vae_decoder/config.json": { scaling_factor: "0.18215" } })).toMatch(/"scaling_factor" is "0\.18215"/);
  });

  it("refuses unet in_channels other than 4 or 9", () => {
    expect(refusal({ "unet/config.json": { in_channels: 7 } })).toMatch(/^unet\/config\.json: "in_channels" is 7; it must be 4 \(a plain UNet\) or 9/);
  });

  it("refuses a unet sample_size of 0", () => {
    expect(refusal({ "unet/config.json": { sample_size: 0 } })).toMatch(/"sample_size" is 0/);
  });

  it("refuses NaN betas (written as the string Python uses)", () => {
    expect(refusal(scheduler({ beta_start: "nan" }))).toMatch(/^scheduler\/scheduler_config\.json: "beta_start" is "nan"/);
  });

  it("refuses beta_end of 1 or more", () => {
    expect(refusal(scheduler({ beta_end: 1.5 }))).toMatch(/"beta_end" is 1\.5; it must be a number above 0 and below 1/);
  });

  it("refuses beta_start above beta_end", () => {
    expect(refusal(scheduler({ beta_start: 0.02, beta_end: 0.012 }))).toMatch(/"beta_start" is 0\.02; it must not exceed beta_end/);
  });

  it("refuses trained_betas with a value out of range, naming its index", () => {
    const betas = Array.from({ length: 1000 }, () => 0.01);
    betas[17] = 0;
    expect(refusal(scheduler({ trained_betas: betas }))).toMatch(/"trained_betas\[17\]" is 0/);
  });

  it("refuses num_train_timesteps that is not a whole number", () => {
    expect(refusal(scheduler({ num_train_timesteps: 999.5 }))).toMatch(/"num_train_timesteps" is 999\.5/);
  });

  it("refuses an unknown beta_schedule", () => {
    expect(refusal(scheduler({ beta_schedule: "cubic" }))).toMatch(/"beta_schedule" is "cubic"; it must be one of linear, scaled_linear, squaredcos_cap_v2/);
  });

  it("refuses a text_encoder vocab_size that is not a count", () => {
    expect(refusal({ "text_encoder/config.json": { vocab_size: -5 } })).toMatch(/^text_encoder\/config\.json: "vocab_size" is -5/);
  });

  it("reads good values and the working size from sample_size", () => {
    const folder = readModelDir(tinyFolderWith({ "unet/config.json": { in_channels: 4, sample_size: 96 }, "vae_decoder/config.json": { scaling_factor: 0.13025 } }));
    expect(folder.settings.vaeScalingFactor).toBe(0.13025);
    expect(folder.facts.workingSide).toBe(768);
  });

  it("says that config.json is not JSON", () => {
    expect(() => readModelDir(tinyFolderWith({ "unet/config.json": "{ in_channels: 4" }))).toThrow(/unet\/config\.json is not valid JSON/);
  });
});
