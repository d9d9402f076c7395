/**
 * The attack table of issue 20, re-run: every case tries one bad (or edge) input against the
 * engine, the worker client, model folders, image files, the CLI, stored records and the bridge,
 * and is judged clear / unclear / crash / data lost (see judge.ts). Prints one line per case and
 * the totals. `npx tsx test/reliability/attack/run.ts [--only AREA] [--no-cli]`. Exit code 1 when any case
 * is not clear.
 */
import { loadEngineFromSources } from "../../../src/engine/worker/engine-from-sources";
import { readModelDir } from "../../../src/engine/node/model-dir";
import { createOrtWebBackend } from "../../../src/engine/runtime/ort-web-backend";
import { tryCreateOrtNodeBackend } from "../../../src/engine/runtime/ort-node-backend";
import type { ExecutionBackend } from "../../../src/engine/runtime/backend";
import { createInThreadEngineClient } from "../../../src/engine/worker/in-thread-engine-client";
import type { EngineClient } from "../../../src/engine/worker";
import { runCase, type AttackCase } from "./case";
import { engineCases } from "./engine-cases";
import { folderCases, TINY } from "./folder-cases";
import { clientCases } from "./client-cases";
import { recordCases } from "./record-cases";
import { cliCases } from "./cli-cases";
import { startTinyServer } from "./tiny-server";
import type { Outcome } from "./judge";

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;

async function main(): Promise<void> {
  const backend: ExecutionBackend = (await tryCreateOrtNodeBackend({ intraOpNumThreads: 1 })) ?? createOrtWebBackend({ numThreads: 1 });
  const folder = readModelDir(TINY);
  const engine = await loadEngineFromSources(backend, folder.sources, { ...folder.settings, tokenizer: undefined });
  const server = await startTinyServer(TINY);
  const client: EngineClient = createInThreadEngineClient({ gpu: null });
  await client.init();
  await client.load({ kind: "spec", spec: server.spec }, { mode: "img2img" });

  const cases: AttackCase[] = [
    ...engineCases(() => engine),
    ...clientCases(() => client),
    ...folderCases(() => backend),
    ...recordCases(),
    ...(args.includes("--no-cli") ? [] : cliCases()),
  ].filter((c) => !only || c.area === only);

  const totals: Record<Outcome, number> = { clear: 0, unclear: 0, crash: 0, "data lost": 0 };
  for (const c of cases) {
    const v = await runCase(c);
    totals[v.outcome]++;
    console.log(`${v.outcome.padEnd(9)} ${c.area.padEnd(14)} ${c.name.padEnd(62)} ${v.detail}`);
  }
  console.log(`\nengine backend: ${backend.name}`);
  console.log(`tried ${cases.length}: clear ${totals.clear}, unclear ${totals.unclear}, crash ${totals.crash}, data lost ${totals["data lost"]}`);
  client.dispose();
  await engine.release();
  await server.close();
  process.exit(totals.clear === cases.length ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
