/**
 * Peak memory per stage, behind one interface so the same stage code runs in Node and Chromium:
 * `begin()` before a stage, `end()` after it. Implementations: node-memory.ts (peak RSS from
 * /proc, JS heap) and browser/page-memory.ts (performance.memory, measureUserAgentSpecificMemory).
 */
import type { MemorySample } from "./results";

export interface MemoryProbe {
  begin(): void;
  end(): Promise<MemorySample>;
}

export const NO_MEMORY_PROBE: MemoryProbe = {
  begin() {},
  async end() {
    return {};
  },
};

export const MIB = 1024 * 1024;
