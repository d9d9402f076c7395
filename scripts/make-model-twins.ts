/**
 * Writes test/fixtures/model-twins/: for every catalogued variant with a contract
 * (src/engine/models/contracts.ts), a folder in the export's own layout whose graphs have the
 * published signature and trivial weights. CI loads them through the real download and loading
 * path (test/engine/models/catalogue-walk.test.ts).
 *
 *   npx tsx scripts/make-model-twins.ts [outDir]
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { VARIANT_CONTRACTS } from "../src/engine/models/contracts";
import type { ContractGraph } from "../src/engine/models/contract-types";
import { buildTwinGraph } from "./model-twins/twin-graphs";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = resolve(process.argv[2] ?? join(repoRoot, "test/fixtures/model-twins"));

const rows: string[] = [];
// Variants whose twin a family script makes (contract.twinScript) are left as they are; their rows are listed.
for (const contract of VARIANT_CONTRACTS) {
  const folder = join(outDir, contract.modelId, contract.variantId);
  if (!contract.twinScript) rmSync(folder, { recursive: true, force: true });
  for (const [kind, graph] of Object.entries(contract.graphs) as [ContractGraph, NonNullable<(typeof contract.graphs)[ContractGraph]>][]) {
    if (!contract.twinScript) {
      const twin = buildTwinGraph(kind, graph);
      const path = join(folder, graph.file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, twin.graph);
      for (const [name, bytes] of twin.externalData) writeFileSync(join(dirname(path), name), bytes);
    }
    const io = (list: typeof graph.inputs) => list.map((t) => `${t.name} ${typeof t.dtype === "string" ? t.dtype : t.dtype[0]} [${t.dims.join(", ")}]`).join("; ");
    const made = contract.twinScript ? ` (by \`${contract.twinScript}\`)` : "";
    rows.push(`| ${contract.modelId}/${contract.variantId}${made} | \`${graph.file}\`${graph.externalData.length ? ` + \`${graph.externalData.join(", ")}\`` : ""} | ${io(graph.inputs)} | ${io(graph.outputs)} |`);
  }
}
writeFileSync(
  join(outDir, "README.md"),
  [
    "# Model twins (generated: `npx tsx scripts/make-model-twins.ts`; do not edit)",
    "",
    "One folder per catalogued variant, in the layout of its published export. Each graph has the",
    "IO names, dtypes, fixed dims and external-data file of the contract in",
    "`src/engine/models/contracts.ts` (which names the source of each fact) and trivial weights:",
    "enough for the engine's real download and loading path to run one step of every mode the",
    "variant offers. Where a source leaves a dtype open, the twin uses the first candidate.",
    "",
    "| variant | graph | inputs | outputs |",
    "|---|---|---|---|",
    ...rows,
    "",
  ].join("\n"),
);
console.log(`wrote ${rows.length} twin graphs to ${outDir}`);
