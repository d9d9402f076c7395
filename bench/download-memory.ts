/**
 * `npm run bench:download` — peak memory of a verified download. A 300 MB file (size and sha256
 * from a Hub-style listing) is downloaded from a server in another process through the real path:
 * ModelDownloader → listing → streaming sha256 → Node directory store. Resident memory is sampled
 * every 10 ms; the figure is the peak above the baseline taken just before the download. Target
 * (issue 13): under 64 MB above baseline. Prints one line of figures; exit code 1 when over target.
 * `--mb N` changes the file size.
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCatalogue } from "../src/engine/models/catalogue";
import { ModelDownloader } from "../src/engine/models/model-downloader";
import { NodeDirectoryStore } from "../src/engine/models/node-directory-store";

const TARGET_MB = 64;
const MB = 1024 * 1024;

export interface DownloadMemoryResult {
  sizeMB: number;
  seconds: number;
  peakAboveBaselineMB: number;
  peakArrayBuffersMB: number;
  targetMB: number;
  ok: boolean;
}

export async function measureDownloadMemory(sizeMB = 300): Promise<DownloadMemoryResult> {
  const child = fork(join(import.meta.dirname, "download", "bench-server.ts"), [String(sizeMB * MB)], { execArgv: ["--import", "tsx"], stdio: ["ignore", "pipe", "inherit", "ipc"] });
  const info = await new Promise<{ origin: string; size: number; sha256: string }>((resolve, reject) => {
    child.stdout!.once("data", (d) => resolve(JSON.parse(String(d))));
    child.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
  });
  const dir = mkdtempSync(join(tmpdir(), "lgf-bench-download-"));
  try {
    const host = new URL(info.origin).host;
    const catalogue = parseCatalogue({
      version: 1,
      allowedHosts: [host],
      models: [
        {
          id: "big",
          displayName: "bench file",
          use: "bench",
          family: "test",
          capabilities: ["text2img"],
          nativeResolution: { width: 8, height: 8 },
          source: { id: "bench/big", host: "test", revision: "bench", pinned: false, endpoint: info.origin },
          licence: { id: "test", name: "bench", url: info.origin, commercialUse: "allowed", restrictions: [] },
          variants: [
            {
              id: "fp32",
              precision: "fp32",
              requires: { webgpu: false, shaderF16: false, minMaxBufferSize: 0, minMaxStorageBufferBindingSize: 0 },
              cpu: { possible: true, reason: "bench" },
              memory: { gpuBytes: 1, wasmHeapBytes: 1, basis: "bench" },
              files: [{ role: "unet-data", path: "big/model.onnx_data", url: `${info.origin}/big/model.onnx_data`, size: null, sizeExact: false, sha256: null, hashPinned: false }],
            },
          ],
        },
      ],
    });
    const model = catalogue.models[0];
    const downloader = new ModelDownloader({ store: new NodeDirectoryStore(dir), allowedHosts: catalogue.allowedHosts });
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((r) => setTimeout(r, 200));
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let peakArrayBuffers = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      peakArrayBuffers = Math.max(peakArrayBuffers, m.arrayBuffers);
    }, 10);
    const started = performance.now();
    const cached = await downloader.downloadModel(model, model.variants[0]);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const file = cached.files[0];
    if (file.sha256 !== info.sha256 || file.size !== info.size) throw new Error("the bench file did not verify");
    const above = (peak - baseline) / MB;
    return { sizeMB, seconds, peakAboveBaselineMB: above, peakArrayBuffersMB: peakArrayBuffers / MB, targetMB: TARGET_MB, ok: above < TARGET_MB };
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatDownloadMemory(r: DownloadMemoryResult): string {
  return (
    `download ${r.sizeMB} MB (listing-verified, Node directory store): peak RSS ${r.peakAboveBaselineMB.toFixed(1)} MB above baseline ` +
    `(target < ${r.targetMB} MB: ${r.ok ? "met" : "MISSED"}), JS ArrayBuffers peak ${r.peakArrayBuffersMB.toFixed(1)} MB, ` +
    `${r.seconds.toFixed(1)} s (${(r.sizeMB / r.seconds).toFixed(0)} MB/s on this loaded machine)`
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf("--mb");
  const result = await measureDownloadMemory(i > 0 ? Number(process.argv[i + 1]) : 300);
  console.log(formatDownloadMemory(result));
  process.exitCode = result.ok ? 0 : 1;
}
