/**
 * P4, measured: what share of a 4-step CPU run the final decode takes with SD's VAE and with TAESD
 * (the "Fast" quality). Both decoders are timed on onnxruntime-web wasm (the panel's CPU path, one
 * thread as in Express) through the engine's own VaeDecoderModel:
 *   - SD's VAE decoder: a graph with the published layer widths and random weights
 *     (lib/sd-vae-decoder-graph.ts; 49.5 M parameters, as the real one);
 *   - TAESD's decoder: the real export with `--taesd-dir`, else TAESD's exact layers with random
 *     weights (lib/synthetic-models.ts).
 * A dense conv costs the same whatever its weights, so these are the real decoders' times.
 *
 * The UNet is not built (865 M parameters, 3.5 GB of random floats): its time is estimated from
 * its FLOPs (lib/flops.ts, SD-Turbo's UNet, batch 1, no CFG as SD-Turbo runs) at two rates
 * measured here on the same backend: the conv probe's (one 320→320 3×3 conv, the UNet's most
 * common layer) and the SD VAE graph's own achieved rate (norms, attention and memory traffic
 * included, as the UNet also has them). Both shares are printed; the target takes the worse.
 *
 * The decoders run at `size`² (default 128: SD's VAE takes ~20 s there on 2 busy cores, ~16× that
 * at 512²); the 512² line scales each measured time by its network's FLOPs ratio.
 *
 * Part of `npm run bench`; alone: `npx tsx bench/vae-share.ts [--size 128] [--taesd-dir DIR]`.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { VaeDecoderModel } from "../src/engine/components/vae";
import type { ExecutionBackend, GraphSource } from "../src/engine/runtime/backend";
import { createOrtWebBackend } from "../src/engine/runtime/ort-web-backend";
import { ModelSession } from "../src/engine/io/model-session";
import { SD_TURBO_UNET, SD_VAE, taesdDecoderFlops, unetFlops, vaeDecoderFlops } from "./lib/flops";
import { median, round } from "./lib/measure";
import { buildSdVaeDecoder } from "./lib/sd-vae-decoder-graph";
import { buildConvProbe, buildTaesdDecoder, convProbeFlops, CONV_PROBE } from "./lib/synthetic-models";

export const FAST_SHARE_GOAL = 0.1;
const STEPS = 4;

export interface DecoderTiming {
  label: string;
  /** CPU time, ms (median). */
  ms: number;
  wallMs: number;
  runs: number;
  gflop: number;
}

export interface VaeShareReport {
  backend: string;
  size: number;
  steps: number;
  vae: DecoderTiming;
  taesd: DecoderTiming;
  convProbeGflopPerS: number;
  /** UNet call, ms, at the measured size: [at the probe's rate, at the VAE graph's rate]. */
  unetMs: [number, number];
  /** Decode share of a 4-step run, per UNet estimate, at the measured size and scaled to 512². */
  shares: { size: number; vae: [number, number]; taesd: [number, number] }[];
}

export interface VaeShareOptions {
  size?: number;
  taesdDir?: string | null;
  backend?: ExecutionBackend;
  log?: (message: string) => void;
}

/**
 * CPU time (user + system) of each run, median of `minRuns` after a warm-up at 8×8 latents. The
 * wasm backend computes on this thread alone, so CPU time is the work done; wall time on a machine
 * shared with other jobs also counts the time the thread waited for a core.
 */
async function cpuTime(run: (side: number) => Promise<unknown>, latent: number, minRuns: number): Promise<{ ms: number; wallMs: number; runs: number }> {
  await run(8);
  const cpu: number[] = [];
  const wall: number[] = [];
  do {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await run(latent);
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  } while (cpu.length < minRuns);
  return { ms: round(median(cpu), 0), wallMs: round(median(wall), 0), runs: cpu.length };
}

async function timeDecoder(backend: ExecutionBackend, source: GraphSource, latent: number, minRuns: number) {
  const decoder = await VaeDecoderModel.load(backend, source);
  try {
    return await cpuTime((side) => decoder.decode(new Float32Array(4 * side * side).fill(0.3), [1, 4, side, side]), latent, minRuns); // [1, 4, h, w]
  } finally {
    await decoder.session.release();
  }
}

async function convProbeRate(backend: ExecutionBackend, latent: number): Promise<number> {
  const session = await ModelSession.open(backend, { name: "conv probe", bytes: buildConvProbe() }, { inputs: { x: ["x"] }, outputs: { y: ["y"] } });
  try {
    const run = (side: number) => session.run({ x: { floats: new Float32Array(CONV_PROBE.channels * side * side).fill(0.5), dims: [1, CONV_PROBE.channels, side, side] } }, ["y"]);
    const timing = await cpuTime(run, latent, 3);
    return convProbeFlops(latent, latent) / 1e9 / (timing.ms / 1000);
  } finally {
    await session.release();
  }
}

function taesdSource(dir: string | null | undefined): { source: GraphSource; label: string } {
  if (dir) {
    const path = join(resolve(dir), "vae_decoder/model.onnx");
    if (!existsSync(path)) throw new Error(`--taesd-dir ${dir} needs vae_decoder/model.onnx (the layout of deinferno/taesd-onnx).`);
    return { source: { name: "taesd/vae_decoder/model.onnx", url: path }, label: "TAESD decoder (real export)" };
  }
  return { source: { name: "TAESD-layer decoder", bytes: buildTaesdDecoder() }, label: "TAESD decoder (exact layers, random weights)" };
}

/** Share of the decode in a run of `steps` UNet calls plus the decode. */
const share = (decodeMs: number, unetMs: number) => round(decodeMs / (decodeMs + STEPS * unetMs), 3);

export async function measureVaeShare(o: VaeShareOptions = {}): Promise<VaeShareReport> {
  const log = o.log ?? (() => undefined);
  const size = o.size ?? 128;
  const latent = Math.floor(size / 8);
  const backend = o.backend ?? createOrtWebBackend({ device: "wasm" });
  log(`  SD VAE decoder (real widths, random weights) at ${size}²…`);
  const vaeMs = await timeDecoder(backend, { name: "SD VAE decoder (random weights)", bytes: buildSdVaeDecoder() }, latent, 1);
  const taesd = taesdSource(o.taesdDir);
  log(`  ${taesd.label} at ${size}²…`);
  const taesdMs = await timeDecoder(backend, taesd.source, latent, 3);
  log("  conv probe…");
  const probe = await convProbeRate(backend, latent);

  const vaeFlops = (side: number) => vaeDecoderFlops(SD_VAE, side, side);
  const taesdFlops = (side: number) => taesdDecoderFlops(side, side);
  const unetCall = (side: number) => unetFlops(SD_TURBO_UNET, side, side, 1, 77);
  const vaeRate = vaeFlops(latent) / 1e9 / (vaeMs.ms / 1000);
  const unetAt = (rate: number) => (unetCall(latent) / 1e9 / rate) * 1000;
  const unetMs: [number, number] = [unetAt(probe), unetAt(vaeRate)];
  const shares = [latent, 64].map((side) => {
    const k = (f: (s: number) => number) => f(side) / f(latent); // FLOPs ratio to the measured size
    const unet = unetMs.map((ms) => ms * k(unetCall)) as [number, number];
    const vae = vaeMs.ms * k(vaeFlops);
    const tae = taesdMs.ms * k(taesdFlops);
    return { size: side * 8, vae: [share(vae, unet[0]), share(vae, unet[1])] as [number, number], taesd: [share(tae, unet[0]), share(tae, unet[1])] as [number, number] };
  });
  return {
    backend: backend.name,
    size,
    steps: STEPS,
    vae: { label: "SD VAE decoder (published widths, random weights)", ms: vaeMs.ms, wallMs: vaeMs.wallMs, runs: vaeMs.runs, gflop: round(vaeFlops(latent) / 1e9, 1) },
    taesd: { label: taesd.label, ms: taesdMs.ms, wallMs: taesdMs.wallMs, runs: taesdMs.runs, gflop: round(taesdFlops(latent) / 1e9, 2) },
    convProbeGflopPerS: round(probe, 2),
    unetMs: [round(unetMs[0], 0), round(unetMs[1], 0)],
    shares,
  };
}

const pct = (v: number) => `${round(v * 100, 1)} %`;

export function formatVaeShare(r: VaeShareReport): string[] {
  const lines = [
    `VAE share of a ${r.steps}-step run (P4; ${r.backend}, one thread, CPU time; SD-Turbo's UNet, no CFG):`,
    `  ${r.vae.label}: ${r.vae.ms} ms CPU (${r.vae.wallMs} ms wall) at ${r.size}², ${r.vae.gflop} GFLOP, ${r.vae.runs} run${r.vae.runs > 1 ? "s" : ""}`,
    `  ${r.taesd.label}: ${r.taesd.ms} ms CPU (${r.taesd.wallMs} ms wall) at ${r.size}², ${r.taesd.gflop} GFLOP, median of ${r.taesd.runs}`,
    `  UNet call (estimated from its FLOPs): ${r.unetMs[0]} ms at the conv probe's ${r.convProbeGflopPerS} GFLOP/s, ${r.unetMs[1]} ms at the VAE graph's achieved rate`,
  ];
  for (const s of r.shares) {
    const how = s.size === r.size ? "measured" : `scaled from ${r.size}² by each network's FLOPs`;
    lines.push(`  ${s.size}² (${how}): full VAE ${pct(s.vae[0])} / ${pct(s.vae[1])}; Fast (TAESD) ${pct(s.taesd[0])} / ${pct(s.taesd[1])}  (UNet at probe rate / at VAE rate)`);
  }
  return lines;
}

/** The goal: with Fast, the decode is under 10 % of a 4-step CPU run at 512² (worst of the two UNet estimates). */
export function vaeShareTarget(r: VaeShareReport): { name: string; status: "PASS" | "FAIL"; detail: string } {
  const at512 = r.shares.find((s) => s.size === 512)!;
  const worst = Math.max(...at512.taesd);
  return {
    name: `Fast (TAESD decode) < ${pct(FAST_SHARE_GOAL)} of a 4-step CPU run at 512²`,
    status: worst < FAST_SHARE_GOAL ? "PASS" : "FAIL",
    detail: `${pct(worst)} at worst (full VAE: ${pct(Math.max(...at512.vae))}); decoders timed at ${r.size}², scaled by FLOPs`,
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const report = await measureVaeShare({ size: Number(value("--size") ?? 128), taesdDir: value("--taesd-dir"), log: (m) => process.stderr.write(`${m}\n`) });
  const target = vaeShareTarget(report);
  console.log([...formatVaeShare(report), `  ${target.status}: ${target.name} — ${target.detail}`].join("\n"));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
