/** Attacks through stored layer records (addOnData) and the panel ↔ sandbox bridge. */
import { GENERATION_RECORD_KEY, assertRecordFits, readGenerationRecord } from "../../../src/sandbox/generation-record-store";
import type { AddOnDataSurface } from "../../../src/sandbox/express-surface";
import { cloneAcrossBridge, createFakeBridge } from "../../../src/playground/fake-express/bridge";
import { recordSettings } from "../../../src/ui/settings/from-record";
import { DEFAULT_SETTINGS } from "../../../src/ui/settings/panel-settings";
import type { GenerationRecord } from "../../../src/contract";
import { refuse, succeed, type AttackCase } from "./case";

const good: GenerationRecord = { model: "sd-turbo", prompt: "fox", negativePrompt: "", seed: 1, steps: 4, strength: 0.6, guidanceScale: 1, mode: "fill", addOnVersion: "0.1.0", createdAt: "2026-12-01T00:00:00Z" };
const surface = (raw: string | undefined, quota = { sizeInBytes: 3072, numKeys: 20 }) =>
  ({ getItem: (k: string) => (k === GENERATION_RECORD_KEY ? raw : undefined), remainingQuota: quota }) as unknown as AddOnDataSurface;
const nested = (depth: number) => {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};
const expectTrue = (ok: boolean, what: string) => {
  if (!ok) throw new Error(what);
};

export function recordCases(): AttackCase[] {
  const R = "stored records";
  const clamped = (patch: Partial<GenerationRecord>, check: (r: ReturnType<typeof recordSettings>) => boolean) => () => {
    const r = recordSettings(DEFAULT_SETTINGS, { ...good, ...patch });
    expectTrue(check(r), "the note does not show what is applied");
  };
  return [
    succeed(R, "unknown keys dropped before the panel", () => expectTrue(Object.keys(readGenerationRecord(surface(JSON.stringify({ ...good, evil: "<script>" })))!).length === 10, "extra key passed")),
    succeed(R, "seed −1e308 clamped and noted", clamped({ seed: -1e308 }, (r) => r.settings.seed === 0 && r.adjustments.length === 1)),
    succeed(R, "1,000,000,000 steps clamped and noted", clamped({ steps: 1e9 }, (r) => r.settings.steps === 50 && r.adjustments.length === 1)),
    succeed(R, "a 200 KB prompt cut and noted", clamped({ prompt: "x".repeat(200_000) }, (r) => r.settings.prompt.length === 1000 && r.adjustments.length === 1)),
    succeed(R, "guidance 1e6 clamped and noted", clamped({ guidanceScale: 1e6 }, (r) => r.settings.guidanceScale === 20 && r.adjustments.length === 1)),
    succeed(R, "a record that is not JSON is ignored", () => expectTrue(readGenerationRecord(surface("{oops")) === undefined, "garbage accepted")),
    succeed(R, "a record missing fields is ignored", () => expectTrue(readGenerationRecord(surface(JSON.stringify({ prompt: "x" }))) === undefined, "partial accepted")),
    succeed(R, "a record with seed as text is ignored", () => expectTrue(readGenerationRecord(surface(JSON.stringify({ ...good, seed: "1" }))) === undefined, "bad type accepted")),
    refuse(R, "a record larger than the 3 KB quota", () => assertRecordFits(surface(undefined), JSON.stringify({ ...good, prompt: "x".repeat(4000) }))),
    refuse(R, "bridge: 100,000 levels of nesting", () => cloneAcrossBridge(nested(100_000))),
    refuse(R, "bridge: a function in the arguments", () => cloneAcrossBridge({ onDone: () => 1 })),
    refuse(R, "bridge: a Map in the arguments", () => cloneAcrossBridge({ m: new Map() })),
    succeed(R, "bridge: the deepest 3 KB value crosses", () => cloneAcrossBridge(JSON.parse("[".repeat(1536) + "]".repeat(1536)))),
    succeed(R, "bridge keeps working after a refused call", async () => {
      const { sandboxRuntime, panelRuntime } = createFakeBridge();
      sandboxRuntime.exposeApi({ echo: (v: unknown) => v });
      const proxy = await panelRuntime.apiProxy<{ echo(v: unknown): unknown }>("documentSandbox");
      await proxy.echo(nested(50_000)).then(() => Promise.reject(new Error("deep value crossed")), () => undefined);
      expectTrue(JSON.stringify(await proxy.echo({ a: 1 })) === '{"a":1}', "bridge broken");
    }),
  ];
}
