/**
 * The panel's engine service over the real in-thread engine (tiny model, wasm): a background
 * preload is joined by the next load instead of repeated (the run still sees the load's events),
 * the model stays loaded across loads, and an idle model is released with a sentence for the panel.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { RunEvent } from "../../src/contract/worker-protocol";
import type { EngineClient } from "../../src/engine/worker";
import { createInThreadEngineClient } from "../../src/engine/worker/in-thread-engine-client";
import { createEngineClientService } from "../../src/ui/engine/engine-client-service";

import { tinyPanelModel as model, tinySource } from "./tiny-source";

const client = createInThreadEngineClient({ gpu: null });
let loads = 0;
const counted: EngineClient = {
  init: (o) => client.init(o),
  estimate: (s) => client.estimate(s),
  load: (s, o) => (loads++, client.load(s, o)),
  generate: (r, h) => client.generate(r, h),
  remove: (r, h) => client.remove(r, h),
  segment: (r, h) => client.segment(r, h),
  release: () => client.release(),
  injectTestFault: (f) => client.injectTestFault(f),
  dispose: () => client.dispose(),
};
const service = createEngineClientService(counted, { forceBackend: "wasm" }, { idleReleaseMs: 1500 });
afterAll(() => service.dispose());

describe("engine client service", () => {
  it("joins a preload in flight: one load, and the joining run still gets its load-progress events with bytes", async () => {
    const preload = service.load(tinySource());
    const events: RunEvent[] = [];
    await service.load(tinySource(), (e) => events.push(e));
    await preload;
    expect(loads).toBe(1);
    const progress = events.filter((e) => e.type === "load-progress");
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1)!;
    expect(last.type === "load-progress" && last.totalBytes).toBeGreaterThan(1_000_000);
    await service.load(tinySource()); // already loaded: nothing to do
    expect(loads).toBe(1);
  });

  it("releases the model after the idle time and says so; the next load loads it again", async () => {
    const released = new Promise<string>((resolve) => service.onReleased!(resolve));
    expect(await released).toMatch(/^The model was unloaded after .* unused, to give its memory back; the next Generate loads it again\.$/);
    await service.load(tinySource());
    expect(loads).toBe(2);
  });
});
