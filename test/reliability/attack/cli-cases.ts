/** Attacks on bin/genfill.mjs, each in a child process (exit code + stderr judged). */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { judgeProcess, type Verdict } from "./judge";
import type { AttackCase } from "./case";
import { TINY, folderWith } from "./folder-cases";

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, "../../..");
const CLI = join(ROOT, "bin", "genfill.mjs");
const CASE = join(ROOT, "test/fixtures/tiny-sd/cases/inpaint_ddim_rect");
const IDS = ["--token-ids", "0,17,345,2", "--negative-token-ids", "0,2"];

function genfill(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; signal: string | null }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, timeout: 240_000 }, (error, stdout, stderr) => {
      const e = error as (Error & { code?: number; signal?: string }) | null;
      resolve({ code: e ? (typeof e.code === "number" ? e.code : null) : 0, stdout, stderr, signal: e?.signal ?? null });
    });
  });
}

const tmp = () => mkdtempSync(join(tmpdir(), "attack-cli-"));
const noPartials = (dir: string) => readdirSync(dir).every((f) => !f.includes(".partial-"));

function refusal(name: string, args: (out: string) => string[], intact?: (out: string) => boolean): AttackCase {
  const out = tmp();
  return {
    area: "CLI",
    name,
    expect: "refuse",
    run: async () => undefined,
    judge: async (): Promise<Verdict> => {
      const r = await genfill(args(out));
      const v = judgeProcess(r);
      if (v.outcome === "clear" && /^loaded /m.test(r.stdout) && /before|missing|no such/.test(name)) return { outcome: "unclear", detail: `${v.detail} (only after loading the model)` };
      return v;
    },
    intact: () => noPartials(out) && (intact ? intact(out) : true),
  };
}

/** A 4096² PNG (one colour, so it compresses to almost nothing), made once on first use. */
let bigImagePath: string | undefined;
function bigImage(): string {
  if (!bigImagePath) {
    const { PNG } = require("pngjs") as typeof import("pngjs");
    const p = new PNG({ width: 4096, height: 4096 });
    p.data.fill(128);
    bigImagePath = join(tmp(), "big-4096.png");
    writeFileSync(bigImagePath, PNG.sync.write(p));
  }
  return bigImagePath;
}

export function cliCases(): AttackCase[] {
  const img = join(CASE, "input_image.png");
  const mask = join(CASE, "mask.png");
  const fakeJpeg = join(tmp(), "photo.png");
  writeFileSync(fakeJpeg, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70]));
  const big = join(tmp(), "mask-big.png");
  writeFileSync(big, readFileSync(join(ROOT, "assets/icons/icon-144.png")));
  const earlier = tmp();
  writeFileSync(join(earlier, "genfill-seed5.png"), "an earlier result");
  const m = (...rest: string[]) => (out: string) => ["--model-dir", TINY, ...IDS, "--out", out, ...rest];
  return [
    refusal("--strength -0.5 without '='", m("--image", img, "--strength", "-0.5")),
    refusal("--seeds ,", m("--seeds", ",")),
    refusal("--seeds 5,,6", m("--seeds", "5,,6")),
    refusal("--seed above 2^64", m("--seed", "18446744073709551616")),
    refusal("--seed not a number", m("--seed", "abc")),
    refusal("missing --image reported before the model loads", m("--image", "/no/such.png")),
    refusal("--image is a folder, before the model loads", m("--image", ROOT)),
    refusal("--image is a JPEG renamed .png", m("--image", fakeJpeg)),
    refusal("--mask of another size", m("--image", img, "--mask", big)),
    refusal("--mask without --image", m("--mask", mask)),
    refusal("unknown option", m("--stepz", "3")),
    refusal("option without its value", m("--steps")),
    refusal("unquoted prompt words", m("fox")),
    refusal("--out is a file", (out) => { writeFileSync(join(out, "f"), "x"); return ["--model-dir", TINY, ...IDS, "--out", join(out, "f")]; }),
    refusal("--prompt on a folder without a tokenizer, before loading", (out) => ["--model-dir", TINY, "--prompt", "a fox", "--out", out]),
    refusal("no negative ids with guidance, before loading", (out) => ["--model-dir", TINY, "--token-ids", "0,5,2", "--out", out]),
    refusal("token id outside the vocabulary", m("--token-ids", "0,99999,2", "--guidance", "1", "--steps", "1", "--width", "64", "--height", "64")),
    refusal("--width 2048 that cannot fit", m("--width", "2048", "--height", "2048", "--memory-limit-mb", "4000")),
    refusal("--max-side 4096 on a 4096² image that cannot fit", (out) => m("--image", bigImage(), "--max-side", "4096", "--memory-limit-mb", "2000")(out)),
    refusal("--steps 1000 with DPM-Solver", m("--steps", "1000", "--scheduler", "DPMSolverMultistepScheduler")),
    refusal("--steps 1000 with DDIM", m("--steps", "1000")),
    refusal("--scheduler that does not exist", m("--scheduler", "Foo")),
    refusal("--strength that leaves no step", m("--image", img, "--steps", "2", "--strength", "0.1")),
    refusal("--width 500 (not a multiple of 8)", m("--width", "500")),
    refusal("--model-dir missing", (out) => ["--model-dir", "/no/model", ...IDS, "--out", out]),
    refusal("--model-dir with scaling_factor 0", (out) => ["--model-dir", folderWith({ "vae_decoder/config.json": { scaling_factor: 0 } }), ...IDS, "--out", out]),
    refusal("--backend gpu", m("--backend", "gpu")),
    {
      area: "CLI",
      name: "--seeds 5,5 into a folder with an earlier genfill-seed5.png",
      expect: "succeed",
      run: async () => undefined,
      judge: async () => {
        const r = await genfill(["--model-dir", TINY, ...IDS, "--guidance", "1", "--steps", "1", "--width", "64", "--height", "64", "--seeds", "5,5", "--out", earlier]);
        if (r.code !== 0) return { ...judgeProcess(r), outcome: "crash" };
        return { outcome: "clear", detail: `wrote ${readdirSync(earlier).length - 1} new files` };
      },
      intact: () => readFileSync(join(earlier, "genfill-seed5.png"), "utf8") === "an earlier result" && readdirSync(earlier).length === 3 && noPartials(earlier),
    },
    {
      area: "CLI",
      name: "--mask result composited into the input",
      expect: "succeed",
      run: async () => undefined,
      judge: async () => {
        const out = tmp();
        const r = await genfill(["--model-dir", TINY, ...IDS, "--image", img, "--mask", mask, "--steps", "2", "--seed", "1", "--out", out]);
        if (r.code !== 0) return { ...judgeProcess(r), outcome: "crash" };
        const written = readFileSync(join(out, readdirSync(out)[0]));
        const input = readFileSync(img);
        // Same size, and every pixel beyond grow + feather reach of the mask (16 px outside its box) is
        // the input's, byte for byte, after decoding.
        const { PNG } = await import("pngjs");
        const a = PNG.sync.read(written);
        const b = PNG.sync.read(input);
        const k = PNG.sync.read(readFileSync(mask));
        let x0 = k.width, y0 = k.height, x1 = -1, y1 = -1;
        for (let y = 0; y < k.height; y++) for (let x = 0; x < k.width; x++) {
          if (k.data[(y * k.width + x) * 4] >= 128) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
        }
        let ok = a.width === b.width && a.height === b.height && x1 >= 0;
        for (let y = 0; ok && y < a.height; y++) for (let x = 0; x < a.width; x++) {
          if (x >= x0 - 16 && x <= x1 + 16 && y >= y0 - 16 && y <= y1 + 16) continue;
          const i = (y * a.width + x) * 4;
          if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2]) { ok = false; break; }
        }
        return ok ? { outcome: "clear", detail: "composited; far pixels unchanged" } : { outcome: "data lost", detail: "pixels away from the mask changed" };
      },
    },
    {
      area: "CLI",
      name: "a 2048² --image runs planned down (peak memory bounded)",
      expect: "succeed",
      run: async () => undefined,
      judge: async () => {
        const dir = tmp();
        const { PNG } = await import("pngjs");
        const p = new PNG({ width: 2048, height: 2048 });
        for (let i = 0; i < p.data.length; i++) p.data[i] = (i * 13) % 256;
        const path = join(dir, "big.png");
        writeFileSync(path, PNG.sync.write(p));
        mkdirSync(join(dir, "out"));
        const r = await genfill(["--model-dir", TINY, ...IDS, "--image", path, "--steps", "2", "--strength", "0.5", "--max-side", "128", "--out", join(dir, "out")]);
        if (r.code !== 0) return { ...judgeProcess(r), outcome: "crash" };
        return /runs at 128×128/.test(r.stdout) ? { outcome: "clear", detail: "ran at 128×128, written at 2048×2048" } : { outcome: "unclear", detail: "no planning note" };
      },
    },
  ];
}
