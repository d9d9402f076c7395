/**
 * The panel's engine service releases the model once the panel has been hidden for the timeout
 * (a run under way finishes first), says so in one sentence, and loads the model again in the
 * background when the panel is shown. Real in-thread engine (tiny model, wasm); the document's
 * visibility is the one thing stood in for (Node has no document), through the same interface.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { EngineClient } from "../../src/engine/worker";
import { createInThreadEngineClient } from "../../src/engine/worker/in-thread-engine-client";
import { createEngineClientService } from "../../src/ui/engine/engine-client-service";
import type { PanelVisibility } from "../../src/ui/engine/panel-visibility";
import { describeDuration } from "../../src/ui/engine/panel-visibility";
import { tinySource } from "./tiny-source";

const client = createInThreadEngineClient({ gpu: null });
const calls: string[] = [];
const counted: EngineClient = {
  init: (o) => client.init(o),
  estimate: (s) => client.estimate(s),
  load: (s, o) => (calls.push("load"), client.load(s, o)),
  generate: (r, h) => client.generate(r, h),
  remove: (r, h) => client.remove(r, h),
  segment: (r, h) => client.segment(r, h),
  release: () => (calls.push("release"), client.release()),
  injectTestFault: (f) => client.injectTestFault(f),
  dispose: () => client.dispose(),
};

/** A document whose visibility the test sets, as the browser would. */
class TestVisibility implements PanelVisibility {
  private state: "visible" | "hidden" = "visible";
  private readonly listeners = new Set<() => void>();
  hidden = () => this.state === "hidden";
  onChange(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(state: "visible" | "hidden") {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

const visibility = new TestVisibility();
// The idle timeout is off, so only the hidden rule can release.
const service = createEngineClientService(counted, { forceBackend: "wasm" }, { idleReleaseMs: Infinity, hiddenReleaseMs: 300, visibility });
afterAll(() => service.dispose());
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("release while the panel is hidden", () => {
  it("keeps the model while visible, releases it after the hidden timeout with one sentence, and reloads it when shown", async () => {
    await service.load(tinySource());
    await wait(500);
    expect(calls).toEqual(["load"]); // visible: nothing released

    const sentences: string[] = [];
    service.onReleased!((reason) => sentences.push(reason));
    visibility.set("hidden");
    await wait(150);
    visibility.set("visible"); // back before the timeout: the clock stops
    visibility.set("hidden");
    await wait(150);
    expect(calls).toEqual(["load"]);
    await wait(400);
    expect(calls).toEqual(["load", "release"]);
    expect(sentences).toEqual(["The model was unloaded after the panel was hidden for 0 seconds, to give its memory back; it loads again when the panel is shown."]);

    visibility.set("visible");
    await expect.poll(() => calls).toEqual(["load", "release", "load"]);
    const joined = calls.length;
    await service.load(tinySource()); // Generate joins the background load: no second load
    expect(calls.length).toBe(joined);
  });

  it("lets a load under way finish before releasing", async () => {
    await service.release!("reset");
    calls.length = 0;
    visibility.set("hidden");
    const loading = service.load(tinySource()); // takes longer than the 300 ms timeout on wasm
    await wait(350);
    expect(calls).toEqual(["load"]);
    await loading;
    await expect.poll(() => calls).toEqual(["load", "release"]);
    visibility.set("visible");
  });

  it("names the timeout in words", () => {
    expect(describeDuration(600_000)).toBe("10 minutes");
    expect(describeDuration(60_000)).toBe("1 minute");
    expect(describeDuration(90_000)).toBe("90 seconds");
  });
});
