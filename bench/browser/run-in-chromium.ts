/**
 * Runs the bench suite in headless Chromium (test/support/chromium.ts), once per device: the page
 * bundle is built with esbuild, served with the tiny models, onnxruntime-web's runtime files, the
 * CLIP vocabulary and the synthetic graphs. On this machine WebGPU is SwiftShader (a CPU
 * emulation): its figures prove the harness works, they say nothing about a real GPU.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { launchChromium } from "../../test/support/chromium";
import type { BenchRun } from "../lib/results";
import { CLIP_TOKENIZER_DIR, REPO_ROOT, syntheticGraphs } from "../lib/node-models";
import type { PageConfig } from "./page-config";
import { startBenchServer } from "./bench-server";

const PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,"><script type="module" src="/bench.js"></script>`;

async function bundlePage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "lgf-bench-"));
  try {
    await build({
      entryPoints: [join(REPO_ROOT, "bench/browser/page-entry.ts")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outfile: join(outDir, "bench.js"),
      logLevel: "silent",
    });
    return readFileSync(join(outDir, "bench.js"), "utf8");
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export interface ChromiumBenchOptions {
  modelsDir: string;
  /** One page config per device; runs in this order. */
  configs: PageConfig[];
  /** Date.now() by which the runner returns, whatever the page is doing (the run so far is kept). */
  hardDeadline: number;
  log: (message: string) => void;
}

/** Stages a run never reached because time ran out: say so instead of "not run". */
function markUnfinished(run: BenchRun, reason: string): BenchRun {
  for (const stage of Object.values(run.stages)) if (stage.reason === "not run") stage.reason = reason;
  run.notes.push(reason);
  return run;
}

export interface ChromiumBenchResult {
  runs: BenchRun[];
  version?: string;
  notes: string[];
}

export async function runInChromium(o: ChromiumBenchOptions): Promise<ChromiumBenchResult> {
  const notes: string[] = [];
  const bundle = await bundlePage();
  const graphs = syntheticGraphs();
  const server = await startBenchServer(
    { "/models/": o.modelsDir, "/ort/": join(REPO_ROOT, "node_modules/onnxruntime-web/dist"), "/tokenizer/": CLIP_TOKENIZER_DIR },
    {
      "/index.html": PAGE,
      "/bench.js": bundle,
      "/synthetic/taesd_encoder.onnx": graphs.taesdEncoder,
      "/synthetic/taesd_decoder.onnx": graphs.taesdDecoder,
      "/synthetic/conv_probe.onnx": graphs.convProbe,
    },
  );
  const runs: BenchRun[] = [];
  let version: string | undefined;
  try {
    for (const config of o.configs) {
      const device = config.device;
      let browser: Browser | null = null;
      let latest: BenchRun | null = null;
      try {
        browser = await launchChromium({ webgpu: device === "webgpu" });
        version = browser.version();
        const page = await browser.newPage();
        page.on("console", (message) => o.log(`    [${device}] ${message.text()}`));
        await page.exposeFunction("benchProgress", (partial: BenchRun) => {
          latest = partial;
        });
        await page.goto(`${server.origin}/index.html`);
        await page.waitForFunction(() => typeof (window as { runBench?: unknown }).runBench === "function");
        if (device === "webgpu") {
          const adapter = await page.evaluate(async () => {
            const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
            const a = gpu ? await gpu.requestAdapter() : null;
            return a ? `${a.info?.vendor ?? "?"} ${a.info?.architecture ?? ""} ${a.info?.description ?? ""}`.trim() : null;
          });
          if (!adapter) {
            notes.push("chromium-webgpu: no WebGPU adapter in this Chromium — skipped");
            continue;
          }
          notes.push(`chromium-webgpu adapter: ${adapter}${/swiftshader/i.test(adapter) ? " (SwiftShader = CPU emulation: a harness check, not GPU speed)" : ""}`);
        }
        o.log(`chromium-${device} ${config.label} ${config.width}×${config.height}`);
        const emulated = device === "webgpu" && /swiftshader/i.test(notes.join(" "));
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), Math.max(0, o.hardDeadline - Date.now()));
        });
        // The timer must not outlive the run: a pending one keeps Node alive until the deadline.
        const finished = await Promise.race([page.evaluate((c) => window.runBench(c), config), timedOut]).finally(() => clearTimeout(timer));
        const done = finished ?? (latest ? markUnfinished(latest, "not reached: the bench's time budget ran out while this Chromium run was still going") : null);
        if (done) runs.push(emulated ? { ...done, emulatedGpu: true } : done);
        else notes.push(`chromium-${device}: time budget ran out before the models had loaded`);
      } catch (error) {
        if (latest) runs.push(markUnfinished(latest, `not reached: the page failed (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`));
        notes.push(`chromium-${device} failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      } finally {
        await browser?.close();
      }
    }
  } finally {
    await server.close();
  }
  return { runs, version, notes };
}
