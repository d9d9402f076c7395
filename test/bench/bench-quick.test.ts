/**
 * `npm run bench -- --quick` end to end (64² tiny models, onnxruntime-web wasm in Node): the JSON
 * it writes has every stage measured with finite positive times, the engine's session.run hook
 * agrees with the bench's own decorator, and the targets and FLOP check are there — so the
 * harness cannot rot silently while nobody runs the full bench.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/fixture-dirs";
import { STAGE_NAMES, type BenchReport } from "../../bench/lib/results";

const run = promisify(execFile);
let dir: string;
let report: BenchReport;
let stdout: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lgf-bench-test-"));
  const out = join(dir, "quick.json");
  const result = await run(process.execPath, ["--import", "tsx", join(repoRoot, "bench/run.ts"), "--quick", "--out", out], { cwd: repoRoot, maxBuffer: 16 << 20 });
  stdout = result.stdout;
  report = JSON.parse(readFileSync(out, "utf8"));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const finitePositive = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v > 0;

describe("npm run bench -- --quick", () => {
  it("measures every stage on wasm at 64² with finite positive times and a memory figure", () => {
    expect(report.quick).toBe(true);
    expect(report.runs).toHaveLength(1);
    const [r] = report.runs;
    expect([r.backend, r.environment, r.model, r.width, r.height]).toEqual(["wasm", "node", "tiny-sd", 64, 64]);
    for (const name of STAGE_NAMES) {
      const stage = r.stages[name];
      expect(stage, name).toBeDefined();
      expect(stage.status, `${name}: ${stage.reason}`).toBe("ok");
      expect(finitePositive(stage.ms), `${name}.ms = ${stage.ms}`).toBe(true);
      expect(stage.minMs!, name).toBeLessThanOrEqual(stage.ms!);
      expect(finitePositive(stage.memory?.peakRssMiB), `${name} peak RSS`).toBe(true);
    }
    expect(finitePositive(r.convProbeGflopPerS)).toBe(true);
    for (const name of ["textEncoder", "unetStepBatch1", "unetStepBatch4", "vaeEncode", "vaeDecode", "taesdEncode", "taesdDecode"] as const) {
      expect(finitePositive(r.stages[name].gflop), `${name} FLOPs`).toBe(true);
    }
    // One evaluation of 4 rows is 4× the FLOPs of one row.
    expect(r.stages.unetStepBatch4.gflop! / r.stages.unetStepBatch1.gflop!).toBeCloseTo(4, 2);
  });

  it("splits the fill into time inside and outside session.run, and both counters agree", () => {
    const p = report.runs[0].pipeline!;
    expect(p.mode).toBe("inpaint");
    expect(p.sessionRunCalls).toBeGreaterThan(0);
    expect(p.sessionRunMs).toBeGreaterThan(0);
    expect(p.sessionRunMs).toBeLessThanOrEqual(p.totalMs);
    expect(p.outsideRunMs).toBeCloseTo(p.totalMs - p.sessionRunMs, 1);
    expect(p.overheadRatio).toBeGreaterThanOrEqual(0);
    expect(p.overheadRatio).toBeLessThan(1);
    // The decorator times session.run from just inside the engine's own stopwatch.
    expect(p.decoratorSessionRunMs).toBeLessThanOrEqual(p.sessionRunMs + 0.5);
    expect(p.decoratorSessionRunMs).toBeGreaterThan(0.9 * p.sessionRunMs);
    const parts = Object.values(p.outsideRunBreakdown).reduce((a, b) => a + b, 0);
    expect(parts).toBeCloseTo(p.outsideRunMs, 0);
  });

  it("compares 4 variations batched and sequential and reports the engine's choice", () => {
    const v = report.runs[0].variations!;
    expect(v.images).toBe(4);
    expect(v.sequential.unetBatchSize).toBe(1);
    expect(v.batched.unetBatchSize).toBe(4);
    // Sequential makes 4 UNet calls per step where batched makes 1.
    expect(v.sequential.sessionRunCalls - v.batched.sessionRunCalls).toBe(3 * v.steps);
    expect(v.engineUnetBatch).toBe(1); // wasm prefers batch 1 (ort-web-backend.ts)
    expect(v.enginePicks).toBe("sequential");
  });

  it("prints the table, the FLOP check and a line per target", () => {
    expect(stdout).toContain("Stage times, ms");
    expect(stdout).toMatch(/unetStepBatch4\s+\d/);
    for (const t of report.targets) expect(["PASS", "FAIL", "n/a", "info"]).toContain(t.status);
    expect(report.targets.map((t) => t.name)).toEqual(expect.arrayContaining(["npm run bench under 5 minutes", "onnxruntime-node"]));
    const check = report.flops.checkAgainstPublished as Record<string, { ratio: number }>;
    for (const key of ["textEncoder", "unetCall", "vaeEncode", "vaeDecode"]) {
      expect(check[key].ratio, key).toBeGreaterThan(0.85);
      expect(check[key].ratio, key).toBeLessThanOrEqual(1.0);
    }
    expect(report.machine.nproc).toBeGreaterThan(0);
    expect(report.machine.cpuModel.length).toBeGreaterThan(0);
  });

  it("ends with the panel-open → first-result line, saying why it was skipped in --quick", () => {
    expect(stdout.trim().split("\n").at(-1)).toBe("time from panel open to first result: skipped (--quick runs no browser); `npm run bench:panel` measures it alone");
  });
});
