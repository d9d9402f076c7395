/**
 * `npm run bench` — what the product costs, stage by stage: model load, tokenize, text encoder,
 * UNet (batch 1 and 4), VAE and TAESD encode/decode, imaging, a whole fill, the time outside
 * session.run, 4 variations batched vs sequential, peak memory, FLOPs. Prints a table and writes
 * bench/results/bench-<time>.json. Flags: bench/lib/args.ts (`--quick`, `--model-dir DIR`, …).
 * Last, the time from panel open to first result (bench/panel/first-result.ts: the production
 * playground in Chromium, tiny model cached), or one line saying why it was skipped.
 *
 * Runs: onnxruntime-web wasm in Node (always), onnxruntime-node when installed, and headless
 * Chromium on wasm and WebGPU (SwiftShader here: a harness check, not a speed figure), over the
 * tiny fixture models at 64² and 512², plus `--model-dir` at `--size`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createOrtWebBackend } from "../src/engine/runtime/ort-web-backend";
import { tryCreateOrtNodeBackend } from "../src/engine/runtime/ort-node-backend";
import type { ExecutionBackend } from "../src/engine/runtime/backend";
import { BenchUsageError, parseArgs, type BenchArgs } from "./lib/args";
import { flopsSection } from "./lib/flops-report";
import { machineInfo } from "./lib/machine";
import { createNodeMemoryProbe } from "./lib/node-memory";
import { loadBenchModel, REPO_ROOT, TINY_MODELS_DIR } from "./lib/node-models";
import { formatReport } from "./lib/report";
import type { BenchReport, BenchRun, TargetResult } from "./lib/results";
import { evaluateTargets } from "./lib/targets";
import { imagingStage } from "./stages/imaging-stage";
import { runSuite } from "./stages/run-suite";
import { chromiumConfig } from "./browser/chromium-config";
import { exemplarFillTargets, runExemplarFillBench } from "./exemplar-fill";
import { formatClickLatency, measureClickLatency } from "./segmentation/click-latency";
import { benchExpand } from "./expand";
import { formatVaeShare, measureVaeShare, vaeShareTarget } from "./vae-share";
import { panelFirstResultSection } from "./panel/first-result";

const GUIDANCE = 7.5;

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function ortNodeBackend(args: BenchArgs): Promise<{ backend: ExecutionBackend | null; note: string }> {
  if (!args.ortNode) return { backend: null, note: args.quick ? "not run in --quick mode" : "skipped (--no-ort-node)" };
  const backend = await tryCreateOrtNodeBackend();
  if (!backend) return { backend: null, note: "onnxruntime-node is not installed (or cannot load here): its table is missing. `npm install onnxruntime-node` adds it." };
  const specifier = "onnxruntime-node";
  const ort = (await import(specifier)) as { env?: { versions?: Record<string, string> } };
  return { backend, note: `installed (onnxruntime-node ${ort.env?.versions?.node ?? "?"}): measured below as "ort-node"` };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  // Stages still to start after this are skipped, and Chromium is stopped here, so the whole
  // command ends within 5 minutes even on a loaded machine (what was skipped is reported).
  const deadline = Date.now() + args.budgetSeconds * 1000;
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  const memory = createNodeMemoryProbe();
  const imaging = imagingStage(memory, { quick: args.quick });
  const notes: string[] = [];

  const tiny = loadBenchModel({ dir: TINY_MODELS_DIR, label: "tiny-sd", taesdDir: args.taesdDir });
  notes.push(...tiny.notes.map((n) => `tiny-sd: ${n}`));
  const inputs = (args.quick ? [64] : [64, 512]).map((size) => ({ model: tiny.model, size }));
  if (args.modelDir) {
    const dir = resolve(args.modelDir);
    const real = loadBenchModel({ dir, label: dir, taesdDir: args.taesdDir });
    notes.push(...real.notes.map((n) => `${dir}: ${n}`));
    inputs.push({ model: real.model, size: args.size });
  }
  if (!args.taesdDir && tiny.model.taesd?.synthetic) {
    notes.push("TAESD: no export given (--taesd-dir), so a graph with TAESD's exact layers and random weights is timed (same FLOPs, noise output)");
  }

  const ortNode = await ortNodeBackend(args);
  const backends: ExecutionBackend[] = [createOrtWebBackend({ device: "wasm" })];
  if (ortNode.backend) backends.push(ortNode.backend);

  const runs: BenchRun[] = [];
  for (const backend of backends) {
    for (const { model, size } of inputs) {
      log(`${backend.name} ${model.label} ${size}×${size}`);
      runs.push(
        await runSuite({
          backend,
          environment: "node",
          model,
          width: size,
          height: size,
          memory,
          steps: args.steps,
          guidanceScale: GUIDANCE,
          variations: args.variations,
          budgetMs: args.quick ? 300 : 1500,
          deadline,
          imaging,
          log,
        }),
      );
    }
  }

  // P4 (issue 14): the final decode's share of a 4-step CPU run, SD's VAE vs TAESD ("Fast").
  const vaeShareTargets: TargetResult[] = [];
  if (!args.quick && deadline - Date.now() > 120_000) {
    log("VAE share of a 4-step run: SD VAE (real widths) vs TAESD decoder");
    const share = await measureVaeShare({ taesdDir: args.taesdDir, log });
    notes.push(formatVaeShare(share).join("\n"));
    vaeShareTargets.push(vaeShareTarget(share));
  } else {
    notes.push("VAE share (P4): not run (--quick or out of time); `npx tsx bench/vae-share.ts` measures it alone");
  }

  if (args.browser) {
    const { runInChromium } = await import("./browser/run-in-chromium");
    const settings = { steps: args.steps, guidanceScale: GUIDANCE, variations: args.variations, deadline };
    const configs = (["wasm", "webgpu"] as const).map((device) => chromiumConfig(device, TINY_MODELS_DIR, tiny.model, settings));
    const chromium = await runInChromium({ modelsDir: TINY_MODELS_DIR, configs, hardDeadline: deadline, log });
    runs.push(...chromium.runs);
    notes.push(...chromium.notes);
    machine.chromium = chromium.version;
  } else {
    notes.push(args.quick ? "Chromium: not run in --quick mode" : "Chromium: skipped (--no-browser)");
  }

  // Download memory (issue 13): a 300 MB listing-verified download through the real downloader.
  if (!args.quick && deadline - Date.now() > 90_000) {
    const { measureDownloadMemory, formatDownloadMemory } = await import("./download-memory");
    notes.push(formatDownloadMemory(await measureDownloadMemory(300)));
  } else {
    notes.push("download memory: not run (--quick or out of time); `npm run bench:download` measures it alone");
  }

  // genfill's peak memory per input size (issue 20): large inputs are planned down, so the peak stays flat.
  if (!args.quick && deadline - Date.now() > 60_000) {
    log("genfill peak memory per input size");
    const { measureCliMemory, formatCliMemory } = await import("./cli-memory");
    notes.push(formatCliMemory(await measureCliMemory([256, 1024, 2048], deadline - 30_000)));
  } else {
    notes.push("genfill peak memory: not run (--quick or out of time); `npx tsx bench/cli-memory.ts` measures it alone");
  }

  log("exemplar fill (Remove's built-in fill)");
  const exemplarFill = exemplarFillTargets(await runExemplarFillBench({ quick: args.quick }));

  machine.loadAvgEnd = loadavg().map((v) => Math.round(v * 100) / 100);
  const wallSeconds = (performance.now() - started) / 1000;
  const report: BenchReport = {
    version: 1,
    startedAt,
    wallSeconds: Math.round(wallSeconds * 10) / 10,
    argv: process.argv.slice(2),
    quick: args.quick,
    machine,
    runs,
    flops: flopsSection([384, 512]),
    targets: [...evaluateTargets(runs, { wallSeconds, loadAvg: machine.loadAvgEnd, ortNode: ortNode.note }), ...exemplarFill, ...vaeShareTargets],
    notes,
  };
  const out = args.out ? resolve(args.out) : join(REPO_ROOT, "bench/results", `bench-${startedAt.replace(/[:.]/g, "-")}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 1)}\n`);
  console.log(formatReport(report));
  // Generative Expand's work (issue 18): planned always, timed when the budget allows (not --quick).
  const expand = await benchExpand({ steps: args.steps, deadline: args.quick ? 0 : deadline }).catch((error: unknown) => [`Generative Expand: failed (${String(error)})`]);
  console.log(`\n${expand.join("\n")}`);
  console.log(`\nJSON: ${out}`);
  // Click-to-select (region editor): per-click decode latency on wasm at the model's input size.
  console.log(`\n${formatClickLatency(await measureClickLatency({ runs: args.quick ? 5 : 20 }))}`);
  // Issue 14: what a user waits from opening the panel to the first result (after the 5-minute budget: it builds the panel).
  log("panel open → first result (production playground in Chromium)");
  console.log(`\n${await panelFirstResultSection({ browser: args.browser, quick: args.quick })}`);
}

main().catch((error) => {
  if (error instanceof BenchUsageError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
