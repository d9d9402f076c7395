/** bin/genfill.mjs in a child process: inputs checked before the model loads, results never lost. */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { repoRoot } from "../support/fixture-dirs";
import { tinyCasesDir, tinyModelsDir } from "../engine/support/tiny-models";

const exec = promisify(execFile);
const cli = join(repoRoot, "bin", "genfill.mjs");
const ids = ["--token-ids", "0,17,345,2", "--negative-token-ids", "0,2"];
const genfill = (...args: string[]) =>
  exec(process.execPath, [cli, "--model-dir", tinyModelsDir, ...args], { cwd: repoRoot }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );
const out = () => mkdtempSync(join(tmpdir(), "genfill-rel-"));

describe("genfill process", () => {
  it("reports a missing --image before loading the model, in one sentence", async () => {
    const r = await genfill(...ids, "--image", "/no/such/photo.png", "--out", out());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^genfill: --image \/no\/such\/photo\.png: no such file; check the path\.$/m);
    expect(r.stderr).not.toMatch(/ENOENT|at .*\.ts/);
    expect(r.stdout).not.toMatch(/loaded/);
  });

  it("names the empty negative prompt when none was given (not 'the negative prompt must be token ids')", async () => {
    const r = await genfill("--token-ids", "0,5,2", "--out", out());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/guidance 7\.5 needs the empty negative prompt's ids: pass --negative-token-ids .* or --guidance 1/);
  });

  it("reports a JPEG renamed .png in one sentence before loading", async () => {
    const fake = join(out(), "photo.png");
    writeFileSync(fake, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]));
    const r = await genfill(...ids, "--image", fake, "--out", out());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`genfill: PngError: --image ${fake} is a JPEG image, not a PNG: convert it to PNG and try again.`);
    expect(r.stdout).not.toMatch(/loaded/);
  });

  it("writes both images of --seeds 5,5 under two names", async () => {
    const dir = out();
    const r = await genfill(...ids, "--guidance", "1", "--steps", "1", "--width", "64", "--height", "64", "--seeds", "5,5", "--out", dir);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["genfill-seed5-2.png", "genfill-seed5.png"]);
  }, 120_000);

  it("composites a --mask result: pixels far from the mask stay the input's", async () => {
    const dir = out();
    const caseDir = join(tinyCasesDir, "inpaint_ddim_rect");
    const r = await genfill(...ids, "--image", join(caseDir, "input_image.png"), "--mask", join(caseDir, "mask.png"), "--steps", "2", "--seed", "1", "--out", dir);
    expect(r.code, r.stderr).toBe(0);
    const input = PNG.sync.read(readFileSync(join(caseDir, "input_image.png")));
    const mask = PNG.sync.read(readFileSync(join(caseDir, "mask.png")));
    const result = PNG.sync.read(readFileSync(join(dir, readdirSync(dir)[0])));
    expect([result.width, result.height]).toEqual([input.width, input.height]);
    let far = 0;
    let farSame = 0;
    for (let y = 0; y < input.height; y++) {
      for (let x = 0; x < input.width; x++) {
        // 16 px from any white mask pixel: beyond grow + feather (8 + 8).
        let near = false;
        for (let dy = -16; dy <= 16 && !near; dy++) for (let dx = -16; dx <= 16 && !near; dx++) {
          const yy = y + dy, xx = x + dx;
          if (yy >= 0 && xx >= 0 && yy < input.height && xx < input.width && mask.data[(yy * input.width + xx) * 4] >= 128) near = true;
        }
        if (near) continue;
        far++;
        const i = (y * input.width + x) * 4;
        if (result.data[i] === input.data[i] && result.data[i + 1] === input.data[i + 1] && result.data[i + 2] === input.data[i + 2]) farSame++;
      }
    }
    expect(far).toBeGreaterThan(0);
    expect(farSame).toBe(far);
  }, 120_000);
});
