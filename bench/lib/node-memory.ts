/**
 * Node memory per stage. Peak RSS is exact on Linux: writing "5" to /proc/self/clear_refs resets
 * the kernel's high-water mark (VmHWM) to the current RSS, so VmHWM read after the stage is that
 * stage's peak — including wasm memory and onnxruntime-node's native allocations, which a JS
 * sampler could not see while a synchronous session.run holds the thread. Elsewhere only the RSS
 * after the stage is reported.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { MemoryProbe } from "./memory";
import { MIB } from "./memory";
import type { MemorySample } from "./results";
import { round } from "./measure";

function statusKiB(field: "VmHWM" | "VmRSS"): number | undefined {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function resetPeak(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

export function createNodeMemoryProbe(): MemoryProbe {
  let peakValid = false;
  return {
    begin() {
      peakValid = resetPeak();
    },
    async end(): Promise<MemorySample> {
      const usage = process.memoryUsage();
      const hwm = peakValid ? statusKiB("VmHWM") : undefined;
      return {
        peakRssMiB: hwm === undefined ? undefined : round(hwm / 1024, 1),
        rssMiB: round(usage.rss / MIB, 1),
        jsHeapMiB: round(usage.heapUsed / MIB, 1),
      };
    },
  };
}
