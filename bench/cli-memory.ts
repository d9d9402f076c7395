/**
 * genfill's peak memory per input size (issue 20): one img2img step of the tiny model on
 * onnxruntime-node (wasm when it is missing), input images of 256², 1024² and 2048². Before
 * planning, 1024² peaked at 9.1 GB and 2048² passed 12 GB (the VAE's attention grows with the
 * fourth power of the side); now larger inputs run at the model's working size, so the peak stays
 * near the 512² figure. Each size runs in its own process (peak RSS = that process's VmHWM).
 * Alone: `npx tsx bench/cli-memory.ts`.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { REPO_ROOT, TINY_MODELS_DIR } from "./lib/node-models";

export interface CliMemoryRow {
  input: number;
  /** The size the model ran at (from genfill's planning note), e.g. "512×512". */
  ranAt: string;
  peakRssMiB: number | null;
  seconds: number;
  error?: string;
}

function testImage(dir: string, side: number): string {
  const png = new PNG({ width: side, height: side });
  for (let i = 0; i < png.data.length; i++) png.data[i] = (i * 37 + (i >> 12)) % 256;
  const path = join(dir, `input-${side}.png`);
  writeFileSync(path, PNG.sync.write(png));
  return path;
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["-r", join(REPO_ROOT, "bench/lib/print-peak.cjs"), join(REPO_ROOT, "bin/genfill.mjs"), ...args], { cwd: REPO_ROOT, timeout: 300_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export async function measureCliMemory(sides: readonly number[] = [256, 1024, 2048], deadline = Infinity): Promise<CliMemoryRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "bench-cli-memory-"));
  const rows: CliMemoryRow[] = [];
  for (const side of sides) {
    if (Date.now() > deadline) break;
    const started = performance.now();
    const r = await run([
      "--model-dir", TINY_MODELS_DIR, "--token-ids", "0,17,345,2", "--guidance", "1", "--image", testImage(dir, side),
      "--steps", "1", "--strength", "1", "--threads", "1", "--out", join(dir, "out"),
    ]);
    const peak = /peak-rss-kib (\d+)/.exec(r.stderr);
    const ranAt = /runs at (\d+×\d+)/.exec(r.stdout)?.[1] ?? `${side - (side % 8)}×${side - (side % 8)}`;
    rows.push({
      input: side,
      ranAt,
      peakRssMiB: peak ? Math.round(Number(peak[1]) / 1024) : null,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      error: r.code === 0 ? undefined : r.stderr.split("\n").find((l) => l.startsWith("genfill:")),
    });
  }
  return rows;
}

export function formatCliMemory(rows: readonly CliMemoryRow[]): string {
  const cells = rows.map((r) => (r.error ? `${r.input}²: ${r.error}` : `${r.input}² → ran at ${r.ranAt}, peak RSS ${r.peakRssMiB ?? "?"} MiB (${r.seconds} s)`));
  return `genfill peak memory per input size (tiny model, 1 img2img step, own process): ${cells.join("; ")}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatCliMemory(await measureCliMemory()));
}
