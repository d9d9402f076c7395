/**
 * Chromium page memory per stage: the JS heap (performance.memory, Chromium-only) and, when the
 * page is cross-origin isolated, performance.measureUserAgentSpecificMemory() — the only browser
 * figure that includes wasm memory. The latter resolves at the browser's next garbage collection,
 * which can take seconds, so it is raced against a short timeout and left out when it loses.
 */
import type { MemoryProbe } from "../lib/memory";
import { MIB } from "../lib/memory";
import type { MemorySample } from "../lib/results";
import { round } from "../lib/measure";

interface ChromiumPerformance extends Performance {
  memory?: { usedJSHeapSize: number };
  measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }>;
}

export function createPageMemoryProbe(uaTimeoutMs: number): MemoryProbe {
  const perf = performance as ChromiumPerformance;
  const canMeasureUa = typeof perf.measureUserAgentSpecificMemory === "function" && globalThis.crossOriginIsolated === true;
  return {
    begin() {},
    async end(): Promise<MemorySample> {
      const sample: MemorySample = {};
      if (perf.memory) sample.jsHeapMiB = round(perf.memory.usedJSHeapSize / MIB, 1);
      if (canMeasureUa && uaTimeoutMs > 0) {
        const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), uaTimeoutMs));
        const measured = await Promise.race([perf.measureUserAgentSpecificMemory!().catch(() => null), timeout]);
        if (measured) sample.uaMemoryMiB = round(measured.bytes / MIB, 1);
      }
      return sample;
    },
  };
}

/** Whether the UA-memory API can be used on this page (reported in the run's notes). */
export function uaMemoryAvailability(): string {
  const perf = performance as ChromiumPerformance;
  if (typeof perf.measureUserAgentSpecificMemory !== "function") return "performance.measureUserAgentSpecificMemory: not in this browser";
  if (globalThis.crossOriginIsolated !== true) return "performance.measureUserAgentSpecificMemory: page not cross-origin isolated";
  return "performance.measureUserAgentSpecificMemory: available";
}
