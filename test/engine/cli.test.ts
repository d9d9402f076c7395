/** bin/genfill.mjs end to end in a child process, on the tiny models (wasm backend). */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { repoRoot } from "../support/fixture-dirs";
import { tinyCasesDir, tinyModelsDir } from "./support/tiny-models";

const run = promisify(execFile);
const cli = join(repoRoot, "bin", "genfill.mjs");
const ids = ["--token-ids", "0,17,345,78,901,256,33,2", "--negative-token-ids", "0,2"];

describe("genfill CLI", () => {
  it("inpaints two variations and writes one PNG per seed with per-stage timings", async () => {
    const out = mkdtempSync(join(tmpdir(), "genfill-"));
    const caseDir = join(tinyCasesDir, "inpaint_ddim_rect");
    const { stdout } = await run(process.execPath, [
      cli, "--model-dir", tinyModelsDir, ...ids,
      "--image", join(caseDir, "input_image.png"), "--mask", join(caseDir, "mask.png"),
      "--steps", "3", "--seeds", "7,8", "--backend", "wasm", "--out", out,
    ], { cwd: repoRoot });
    expect(readdirSync(out).sort()).toEqual(["genfill-seed7.png", "genfill-seed8.png"]);
    const png = PNG.sync.read(readFileSync(join(out, "genfill-seed7.png")));
    expect([png.width, png.height]).toEqual([64, 64]);
    expect(stdout).toMatch(/inpainting: inpainting-unet/);
    expect(stdout).toMatch(/step 3\/3/);
    expect(stdout).toMatch(/timings: tokenize [\d.]+ ms, text encoder [\d.]+ ms, VAE encode [\d.]+ ms, VAE decode [\d.]+ ms/);
    expect(stdout).toMatch(/total [\d.]+ ms = in session.run [\d.]+ ms \+ outside [\d.]+ ms/);
  });

  it("runs an LCM folder (Optimum layout, timestep_cond) from its graph and configs, text-to-image and img2img", async () => {
    const lcmModels = join(repoRoot, "test/fixtures/tiny-sd-lcm/models");
    const lcmImage = join(repoRoot, "test/fixtures/tiny-sd-lcm/cases/lcm_img2img_s05/input_image.png");
    const out = mkdtempSync(join(tmpdir(), "genfill-lcm-"));
    const common = [cli, "--model-dir", lcmModels, "--token-ids", "0,402,11,998,5,640,2", "--steps", "4", "--guidance", "8", "--backend", "wasm"];
    const text = await run(process.execPath, [...common, "--width", "64", "--height", "48", "--seed", "3", "--out", out], { cwd: repoRoot });
    expect(text.stdout).toMatch(/LCM \(guidance embedding, no CFG\)/);
    expect(text.stdout).toMatch(/step 4\/4 \(t=259\)/); // LCMScheduler's 4 of 50 distillation steps: 999, 759, 499, 259
    const restyle = await run(process.execPath, [...common, "--image", lcmImage, "--strength", "0.5", "--seed", "4", "--out", out], { cwd: repoRoot });
    expect(restyle.stdout).toMatch(/step 1\/4 \(t=499\)[\s\S]*step 4\/4 \(t=139\)/); // strength goes to LCMScheduler
    expect(readdirSync(out).sort()).toEqual(["genfill-3-0.png", "genfill-4-0.png"]);
    const png = PNG.sync.read(readFileSync(join(out, "genfill-3-0.png")));
    expect([png.width, png.height]).toEqual([64, 48]);
  }, 300_000); // two child processes that each load the models, on a shared machine

  it("exits with a usage error before loading anything when the folder cannot read a text prompt", async () => {
    const error = await run(process.execPath, [cli, "--model-dir", tinyModelsDir, "--prompt", "a fox", "--steps", "2", "--backend", "wasm"], { cwd: repoRoot }).catch((e) => e);
    expect(error.code).toBe(2);
    expect(error.stderr).toMatch(/has no tokenizer\/ folder, so --prompt cannot be read: give the prompt as --token-ids/);
    expect(error.stdout).not.toMatch(/loaded/);
  });
});
