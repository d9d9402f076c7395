/** The machine a report was made on: what the README table must name next to its figures. */
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg, totalmem } from "node:os";
import type { MachineInfo } from "./results";

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (match) return match[1].trim();
  } catch {
    // not Linux: fall through
  }
  return "unknown";
}

export function machineInfo(): MachineInfo {
  return {
    nproc: availableParallelism(),
    cpuModel: cpuModel(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    totalMemGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    loadAvgStart: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}
