/**
 * The printed report: stage times per run, peak memory, where a run's time goes (inside vs
 * outside session.run), FLOPs with estimated real-model times, and the target lines.
 */
import { round } from "./measure";
import { STAGE_NAMES, type BenchReport, type BenchRun, type StageResult } from "./results";

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const SHORT: Record<string, string> = { "onnxruntime-node": "ort-node", "chromium-wasm": "chr-wasm", "chromium-webgpu": "chr-webgpu" };
const column = (r: BenchRun) => `${SHORT[r.backend] ?? r.backend} ${r.model === "tiny-sd" ? "tiny" : "model"} ${r.width}²`;

function ms(s: StageResult): string {
  if (s.status !== "ok" || s.ms === undefined) return "n/a";
  return s.ms >= 100 ? s.ms.toFixed(0) : s.ms >= 1 ? s.ms.toFixed(1) : s.ms.toFixed(2);
}

function peakMemory(s: StageResult): string {
  const m = s.memory;
  if (s.status !== "ok" || !m) return "n/a";
  if (m.peakRssMiB !== undefined) return m.peakRssMiB.toFixed(0);
  if (m.uaMemoryMiB !== undefined) return `${m.uaMemoryMiB.toFixed(0)}ua`;
  if (m.jsHeapMiB !== undefined) return `${m.jsHeapMiB.toFixed(0)}js`;
  return "n/a";
}

export function formatReport(report: BenchReport): string {
  const out: string[] = [];
  const m = report.machine;
  out.push(`Local Generative Fill bench — ${report.startedAt}${report.quick ? " (quick)" : ""}`);
  out.push(`machine: ${m.nproc} cores (nproc), ${m.cpuModel}, ${m.totalMemGiB} GiB, node ${m.node}, ${m.platform}${m.chromium ? `, Chromium ${m.chromium}` : ""}`);
  out.push(`load average (1/5/15 min): start ${m.loadAvgStart.join(" / ")}, end ${(m.loadAvgEnd ?? []).join(" / ")} — on a shared machine every time below is inflated by the others' work`);
  const runs = report.runs;
  const header = ["stage", ...runs.map(column)];

  out.push("", "Stage times, ms (median of the measured runs after a warm-up; total = one whole fill, first result, sessions loaded)");
  out.push(table(header, STAGE_NAMES.map((name) => [name, ...runs.map((r) => ms(r.stages[name]))])));
  out.push("", "Achieved GFLOP/s per stage (architecture FLOPs ÷ time) and the conv probe (320→320 3×3 on the latent grid, best run)");
  const rate = (s: StageResult) => (s.status === "ok" && s.gflopPerS !== undefined ? s.gflopPerS.toFixed(1) : "-");
  out.push(
    table(header, [
      ...(["textEncoder", "unetStepBatch1", "unetStepBatch4", "vaeEncode", "vaeDecode", "taesdEncode", "taesdDecode"] as const).map((n) => [n, ...runs.map((r) => rate(r.stages[n]))]),
      ["conv probe", ...runs.map((r) => (r.convProbeGflopPerS === undefined ? "-" : r.convProbeGflopPerS.toFixed(1)))],
    ]),
  );
  out.push("", "Peak memory per stage, MiB (Node: peak RSS during the stage; Chromium: ua = measureUserAgentSpecificMemory, js = JS heap only)");
  out.push(table(header, STAGE_NAMES.map((name) => [name, ...runs.map((r) => peakMemory(r.stages[name]))])));

  const withPipeline = runs.filter((r) => r.pipeline);
  if (withPipeline.length) {
    out.push("", "Pipeline overhead: one fill, batch 1, ms (inside = session.run by the engine's hook; decorator = the bench's own count below ModelSession)");
    out.push(
      table(
        ["run", "total", "inside", "decorator", "outside", "(total−inside)/total"],
        withPipeline.map((r) => {
          const p = r.pipeline!;
          return [column(r), `${p.totalMs}`, `${p.sessionRunMs}`, `${p.decoratorSessionRunMs}`, `${p.outsideRunMs}`, `${p.overheadRatio}`];
        }),
      ),
    );
    const parts = Object.keys(withPipeline[0].pipeline!.outsideRunBreakdown);
    out.push("", "Outside session.run, split (ms; see bench/stages/pipeline-segments.ts)");
    out.push(table(["part", ...withPipeline.map(column)], parts.map((part) => [part, ...withPipeline.map((r) => `${r.pipeline!.outsideRunBreakdown[part] ?? "-"}`)])));
  }
  const withVariations = runs.filter((r) => r.variations);
  if (withVariations.length) {
    out.push("", "4 variations (img2img, guidance off): UNet ms per run, sequential (batch 1 × 4) vs batched (batch 4), whole run in brackets");
    out.push(
      table(
        ["run", "sequential", "batched", "faster", "engine picks"],
        withVariations.map((r) => {
          const v = r.variations!;
          const sum = (a: number[]) => round(a.reduce((x, y) => x + y, 0), 1);
          return [column(r), `${sum(v.sequential.unetStepsMs)} (${v.sequential.totalMs})`, `${sum(v.batched.unetStepsMs)} (${v.batched.totalMs})`, v.faster, v.enginePicks];
        }),
      ),
    );
  }

  const flops = report.flops as ReturnType<typeof import("./flops-report").flopsSection>;
  if (flops?.perModel) {
    const probes = runs.filter((r) => r.convProbeGflopPerS && r.width === 512);
    out.push("", `GFLOP per call, batch 1, of the real models (bench/lib/flops.ts; SD 1.5 inpainting = SD 1.5 + 0.01 %)` + (probes.length ? `; est. s = SD 1.5 512² GFLOP ÷ the conv probe's best rate (a lower bound on the real time)` : ""));
    const columns = (["SD 1.5", "SD-Turbo"] as const).flatMap((model) => Object.keys(flops.perModel[model]).map((size) => ({ model, size })));
    const stages = Object.keys(flops.perModel["SD 1.5"]["512"]) as (keyof (typeof flops.perModel)[string][string])[];
    out.push(
      table(
        ["network", ...columns.map((c) => `${c.model} ${c.size}²`), ...probes.map((r) => `est. s ${SHORT[r.backend] ?? r.backend}`)],
        stages.map((stage) => [
          stage,
          ...columns.map((c) => flops.perModel[c.model][c.size][stage].toFixed(1)),
          ...probes.map((r) => (flops.perModel["SD 1.5"]["512"][stage] / r.convProbeGflopPerS!).toFixed(1)),
        ]),
      ),
    );
    const c = flops.checkAgainstPublished as Record<string, unknown> & { source: string };
    out.push(`check vs ${c.source}:`);
    for (const [k, v] of Object.entries(c)) if (k !== "source") out.push(`  ${k}: ours ${(v as { ours: number }).ours} vs published ${(v as { published: number }).published} GFLOP (ratio ${(v as { ratio: number }).ratio})`);
    out.push("", "VAE share of a run's FLOPs (encode + decode vs UNet + text encoder), and with TAESD in its place");
    out.push(table(["scenario", "size", "UNet GFLOP", "VAE GFLOP", "VAE share", "TAESD share"], flops.vaeShare.map((v) => [v.scenario, `${v.size}²`, `${v.unetGflop}`, `${v.vaeGflop}`, `${round(v.vaeShare * 100, 1)} %`, `${round(v.vaeShareWithTaesd * 100, 1)} %`])));
  }

  out.push("", "Targets");
  for (const t of report.targets) out.push(`${t.status.padEnd(4)}  ${t.name}: ${t.detail}`);
  const notes = [...report.notes, ...runs.flatMap((r) => [...r.notes.map((n) => `${column(r)}: ${n}`), ...(r.error ? [`${column(r)}: ${r.error}`] : [])])];
  const reasons = runs.flatMap((r) => STAGE_NAMES.filter((n) => r.stages[n].status !== "ok").map((n) => `${column(r)} ${n}: n/a — ${r.stages[n].reason}`));
  if (notes.length || reasons.length) out.push("", "Notes", ...notes.map((n) => `- ${n}`), ...reasons.map((n) => `- ${n}`));
  return out.join("\n");
}
