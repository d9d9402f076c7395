/**
 * The Generate flow outside React, in Node, with real parts: the sandbox code against the fake
 * Express document behind the fake bridge, the engine behind the worker protocol (in-thread client,
 * onnxruntime-web wasm) running the tiny test model, imaging's planning/compositing and pngjs.
 * Only the page rendition is replaced (Node has no canvas): the source is a synthetic gradient of
 * the size the geometry asks for.
 */
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxApi, SelectionSummary } from "../../src/contract";
import type { ModelSource } from "../../src/contract/worker-protocol";
import { exposeSandboxApi } from "../../src/sandbox/expose";
import { createFakeBridge, FAKE_CONSTANTS, FakeDocument, type NodeModel } from "../../src/playground/fake-express";
import { createInThreadEngineClient } from "../../src/engine/worker/in-thread-engine-client";
import { decodePng, type RgbaImage } from "../../src/imaging";
import { createEngineClientService } from "../../src/ui/engine/engine-client-service";
import type { GenerateService } from "../../src/ui/engine/generate-service";
import { GenerationSession, type GenerateInput, type GenerationRun } from "../../src/ui/flow/generation-session";
import { isUsable } from "../../src/ui/flow/modes";
import type { SourceGeometry } from "../../src/ui/flow/source-geometry";
import type { PanelHost } from "../../src/ui/host/panel-host";
import { DEFAULT_SETTINGS, type PanelSettings } from "../../src/ui/settings/panel-settings";
import { encode, FILTER_CONFIG, filterPreprocessor, redFilterOnnx, redMean } from "../engine/worker/screened-catalogue";

import { tinyPanelModel as model, tinySource } from "./tiny-source";

function gradient(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([(255 * x) / width, (255 * y) / height, 128, 255], (y * width + x) * 4);
  }
  return { width, height, data };
}

function pngBytes(width: number, height: number): ArrayBuffer {
  const png = new PNG({ width, height });
  png.data.fill(180);
  const buf = PNG.sync.write(png);
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

let doc: FakeDocument;
let image: NodeModel;
let shape: NodeModel;
let host: PanelHost;
let service: GenerateService;
const captured: SourceGeometry[] = [];

/**
 * The tiny model with a content filter (the engine screens results in the worker): a hand-written
 * classifier flagging images whose mean red is at or above `cut`, at the results' 64×56 size.
 */
function screenedSource(cut: number): ModelSource {
  const source = tinySource() as Extract<ModelSource, { kind: "spec" }>;
  return {
    kind: "spec",
    spec: {
      ...source.spec,
      id: `${model.id}-screened-${cut}`,
      safetyClassifier: { model: { bytes: redFilterOnnx(cut, 1000) }, config: { bytes: encode(FILTER_CONFIG) }, preprocessorConfig: { bytes: encode(filterPreprocessor(64, 56)) }, thresholds: { nsfw: 0.5 } },
    },
  };
}

function newSession(source: () => ModelSource = tinySource): GenerationSession {
  return new GenerationSession({
    host,
    service,
    engineSource: async () => source(),
    captureSource: async (_host, geometry) => {
      captured.push(geometry);
      return gradient(geometry.width, geometry.height);
    },
    checkPrompt: (prompt) => (/\bforbidden\b/.test(prompt) ? "This prompt was refused by the test filter." : null),
  });
}

async function currentSelection(): Promise<Extract<SelectionSummary, { type: "image-with-mask" }>> {
  const summary = await host.sandbox.getSelection();
  if (!isUsable(summary) || summary.type !== "image-with-mask") throw new Error(`expected image + mask, got ${summary.type}`);
  return summary;
}

function input(selection: GenerateInput["selection"], change: Partial<PanelSettings> = {}, seed = 1000): GenerateInput {
  return { selection, settings: { ...DEFAULT_SETTINGS, count: 2, steps: 2, prompt: "a red balloon", ...change }, model, mode: "fill", seed };
}

beforeAll(async () => {
  doc = new FakeDocument();
  const page = doc.build.page({ width: 400, height: 300, name: "Test" });
  image = doc.build.image(page.artboard, { x: 40, y: 30, width: 160, height: 120, name: "Photo", bitmap: { width: 160, height: 120, png: pngBytes(160, 120) } });
  shape = doc.build.rectangle(page.artboard, { x: 80, y: 60, width: 40, height: 30, name: "Mask" });
  doc.select(image, shape);
  const bridge = createFakeBridge({ onSandboxCall: () => doc.beginOperation() });
  exposeSandboxApi(bridge.sandboxRuntime, { editor: doc.editor, constants: FAKE_CONSTANTS });
  const { connectPanel } = await import("../../src/ui/host/connect-panel");
  host = await connectPanel(bridge.panelRuntime, () => Promise.reject(new Error("no renditions in Node")));
  service = createEngineClientService(createInThreadEngineClient({ gpu: null }), { forceBackend: "wasm" });
});

afterAll(async () => {
  await service?.dispose();
});

describe("GenerationSession (tiny model, wasm, fake document)", () => {
  let session: GenerationSession;
  let first: GenerationRun;

  it("generates: progress to 100 %, one ready result per image, the first one picked", async () => {
    session = newSession();
    const snapshots: number[] = [];
    session.subscribe(() => snapshots.push(session.snapshot().runs[0]?.progress ?? 0));
    first = await session.generate(input(await currentSelection()));
    expect(first.status).toBe("done");
    expect(first.progress).toBe(1);
    expect(first.totalSteps).toBe(2);
    expect(first.items.map((i) => [i.state, i.seed])).toEqual([["ready", 1000], ["ready", 1001]]);
    expect(first.screened).toBe(false); // the test model has no content filter, and the run says so
    expect(first.items[0].thumbnail).toMatchObject({ width: 64, height: 56 }); // the context region's aspect at the model's 64 px
    expect(snapshots.some((p) => p > 0 && p < 1)).toBe(true); // intermediate progress was published
    expect(session.snapshot().selected).toEqual({ runId: first.id, index: 0 });
    // The source was asked at 64 / 160 → 1 px per unit (never below document resolution).
    expect(captured.at(-1)).toMatchObject({ width: 160, height: 120, pxPerUnit: 1 });
  }, 60_000);

  it("builds a layer that is transparent outside the feathered mask and opaque inside it", () => {
    const pair = session.selectedLayer()!;
    expect(pair.layer).toMatchObject({ width: 160, height: 120 });
    const alpha = (x: number, y: number) => pair.layer.data[(y * 160 + x) * 4 + 3];
    expect(alpha(60, 45)).toBe(255); // centre of the shape (shape at image px 40..80 × 30..60)
    expect(alpha(5, 5)).toBe(0); // far outside
    expect(alpha(155, 115)).toBe(0);
  });

  it("keeps the picked result: a new layer directly above the image, with the settings recorded", async () => {
    session.select(first.id, 1);
    const before = doc.currentPage.artboard.children.map((n) => n.id);
    // Mask shapes stay (later tests reuse the selection); removing them is the default, tested in test/sandbox.
    const inserted = await session.keep({ keepMaskShapes: true });
    expect(inserted).not.toBeNull();
    const after = doc.currentPage.artboard.children;
    expect(after).toHaveLength(before.length + 1);
    const at = after.findIndex((n) => n.id === inserted!.nodeId);
    expect(after[at - 1].id).toBe(image.id);
    const record = await (host.sandbox as unknown as SandboxApi).getGenerationRecord(inserted!.nodeId);
    expect(record).toMatchObject({ model: "tiny-sd-test", prompt: "a red balloon", seed: 1001, steps: 2, strength: 1, guidanceScale: 1, mode: "fill" });
    expect(session.snapshot().keepNotice).toMatchObject({ kind: "success" });
    expect(session.snapshot().runs[0].items[1].kept?.nodeId).toBe(inserted!.nodeId);
    // The PNG the sandbox received is the layer, at the image's size.
    const bitmap = doc.find(inserted!.nodeId)?.media?.bitmap ?? doc.find(inserted!.nodeId)?.bitmap;
    if (bitmap?.png) expect(await decodePng(new Uint8Array(bitmap.png))).toMatchObject({ width: 160, height: 120 });
  }, 30_000);

  it("shows what the engine's content filter withheld, with the reason, and never lets it be kept", async () => {
    // Same selection, settings and seeds as the first run: cut between its two images' red means.
    const [a, b] = first.items.map((i) => redMean(i.thumbnail!));
    expect(Math.abs(a - b)).toBeGreaterThan(1e-4);
    const flaggedIndex = a > b ? 0 : 1;
    const flagged = newSession(() => screenedSource((a + b) / 2));
    const run = await flagged.generate(input(await currentSelection()));
    expect(run.screened).toBe(true);
    expect(run.items[flaggedIndex]).toMatchObject({ state: "withheld", thumbnail: null, withheldReason: expect.stringMatching(/withheld because the content filter rated it as "nsfw"/) });
    expect(run.items[1 - flaggedIndex]).toMatchObject({ state: "ready", thumbnail: first.items[1 - flaggedIndex].thumbnail });
    flagged.select(run.id, flaggedIndex);
    expect(flagged.snapshot().selected).toEqual({ runId: run.id, index: 1 - flaggedIndex });
  }, 60_000);

  it("cancels mid-run: status cancelled, nothing inserted, earlier results kept", async () => {
    const before = doc.currentPage.artboard.children.map((n) => n.id);
    const stop = session.subscribe(() => {
      const run = session.snapshot().runs[0];
      if (run.status === "running" && run.step >= 1) session.cancel();
    });
    const run = await session.generate(input(await currentSelection(), { steps: 50, guidanceScale: 7 }));
    stop();
    expect(run.status).toBe("cancelled");
    expect(run.step).toBeLessThan(50);
    expect(run.items.every((i) => i.state === "pending")).toBe(true);
    expect(doc.currentPage.artboard.children.map((n) => n.id)).toEqual(before);
    expect(session.snapshot().runs.find((r) => r.id === first.id)?.items.map((i) => i.state)).toEqual(["ready", "ready"]);
    expect(session.running).toBe(false);
  }, 60_000);

  it("reports a refused prompt as a failed run with what to do next", async () => {
    const run = await session.generate(input(await currentSelection(), { prompt: "something forbidden" }));
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ title: "Prompt not allowed", message: "This prompt was refused by the test filter." });
    expect(run.error?.action).toBe("Describe something else in the prompt, then press Generate.");
  });

  it("tries again with the same settings and a new seed", async () => {
    const again = await session.tryAgain(first.id, 5000)!;
    expect(again.status).toBe("done");
    expect(again.items.map((i) => i.seed)).toEqual([5000, 5001]);
    expect(again.settings.prompt).toBe("a red balloon");
  }, 60_000);

  it("keeps the earlier pick through a new run, flips variations in order, and clears failed runs", async () => {
    const runs = session.snapshot().runs;
    const ready = runs.filter((r) => r.items.some((it) => it.state === "ready"));
    session.select(ready[0].id, 1);
    const pick = session.snapshot().selected;
    const during: (typeof pick)[] = [];
    const stop = session.subscribe(() => during.push(session.snapshot().selected));
    await session.generate(input(await currentSelection(), {}, 7000));
    stop();
    // Not kept, same selection: the pick survives the run (and every snapshot during it).
    expect(during.every((s) => s?.runId === pick!.runId && s.index === pick!.index)).toBe(true);
    expect(session.snapshot().selected).toEqual(pick);
    // Arrow keys: next and previous over this selection's ready results, newest run first.
    session.step(1);
    const next = session.snapshot().selected!;
    expect(next).not.toEqual(pick);
    session.step(-1);
    expect(session.snapshot().selected).toEqual(pick);
    // Failed and cancelled runs without results can be cleared; runs with results stay.
    const clearable = session.snapshot().runs.filter((r) => r.status === "failed" || r.status === "cancelled").length;
    expect(clearable).toBeGreaterThanOrEqual(2);
    const before = session.snapshot().runs.length;
    session.clearEnded();
    expect(session.snapshot().runs).toHaveLength(before - clearable);
    expect(session.snapshot().runs.every((r) => r.status === "done")).toBe(true);
  }, 60_000);

  it("passes every engine event on: stages, determinate loading and the engine's warnings", async () => {
    // A shape over the whole image: the engine warns that nothing of the image is kept.
    const cover = doc.build.rectangle(doc.currentPage.artboard, { x: 20, y: 10, width: 200, height: 160, name: "Cover" });
    doc.select(image, cover);
    const stages = new Set<string>();
    const loads: string[] = [];
    const fresh = newSession(() => ({ ...tinySource(), spec: { ...(tinySource() as Extract<ModelSource, { kind: "spec" }>).spec, id: "tiny-reload" } }));
    fresh.subscribe(() => {
      const r = fresh.snapshot().runs[0];
      if (r?.stage) stages.add(r.stage);
      if (r?.load) loads.push(`${r.load.part} ${r.load.done}/${r.load.total}`);
    });
    const run = await fresh.generate(input(await currentSelection(), { featherPx: 0, growPx: 0 }));
    doc.select(image, shape);
    expect(run.status).toBe("done");
    expect([...stages]).toEqual(expect.arrayContaining(["tokenize", "text-encoder", "denoise", "vae-decode"]));
    expect(loads.length).toBeGreaterThan(0);
    expect(loads.every((l) => /^[a-zA-Z ]+ \d+\/\d+$/.test(l))).toBe(true);
    expect(run.notices).toEqual([expect.stringMatching(/^The mask covers the whole image/)]);
  }, 60_000);
});
