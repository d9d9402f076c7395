/**
 * Issue 19 item 1 / issue 15 point 1, on the fake document with the real flow (sandbox code behind
 * the fake bridge, tiny model on onnxruntime-web wasm): Fill a shape, Keep, select the new mostly
 * transparent layer, Restyle, Keep — the restyled layer keeps the source's alpha, because the
 * source is the exact pixels stored at Keep, not a page rendition. Without the store (what the
 * add-on did before) the same steps give an opaque block; both figures are printed.
 * Only page renditions are replaced (Node has no canvas): an opaque gradient of the asked size.
 */
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageSelection, ImageWithMaskSelection } from "../../src/contract";
import { createInThreadEngineClient } from "../../src/engine/worker/in-thread-engine-client";
import { alphaMean, decodePng, type RgbaImage } from "../../src/imaging";
import { createFakeBridge, FAKE_CONSTANTS, FakeDocument, type NodeModel } from "../../src/playground/fake-express";
import { exposeSandboxApi } from "../../src/sandbox/expose";
import { createEngineClientService } from "../../src/ui/engine/engine-client-service";
import type { GenerateService } from "../../src/ui/engine/generate-service";
import { GenerationSession } from "../../src/ui/flow/generation-session";
import { EXPORT_NOT_ALLOWED } from "../../src/ui/flow/obtain-source";
import { connectPanel } from "../../src/ui/host/connect-panel";
import type { PanelHost } from "../../src/ui/host/panel-host";
import { DEFAULT_SETTINGS } from "../../src/ui/settings/panel-settings";
import { memoryKeyValueStore } from "../../src/ui/storage/key-value-store";
import { createKeptPixelsStore, type KeptPixelsStore } from "../../src/ui/storage/kept-pixels-store";

import { tinyPanelModel as model, tinySource } from "./tiny-source";

function gradient(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([(255 * x) / width, (255 * y) / height, 128, 255], (y * width + x) * 4);
  return { width, height, data };
}

function photoPng(width: number, height: number): ArrayBuffer {
  const png = new PNG({ width, height });
  png.data.fill(180);
  const buf = PNG.sync.write(png);
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

let service: GenerateService;
beforeAll(() => {
  service = createEngineClientService(createInThreadEngineClient({ gpu: null }), { forceBackend: "wasm" });
});
afterAll(async () => {
  await service?.dispose();
});

async function setup(options: { exportAllowed?: boolean } = {}) {
  const doc = new FakeDocument();
  doc.largeDocumentMode = true;
  const page = doc.build.page({ width: 400, height: 300 });
  const photo = doc.build.image(page.artboard, { x: 40, y: 30, width: 160, height: 120, bitmap: { width: 160, height: 120, png: photoPng(160, 120) } });
  const shape = doc.build.ellipse(page.artboard, { x: 120, y: 90, rx: 30, ry: 22 });
  const bridge = createFakeBridge({ onSandboxCall: () => doc.beginOperation() });
  exposeSandboxApi(bridge.sandboxRuntime, { editor: doc.editor, constants: FAKE_CONSTANTS });
  const connected = await connectPanel(bridge.panelRuntime, () => Promise.reject(new Error("no renditions in Node")));
  const host: PanelHost = { ...connected, exportAllowed: async () => options.exportAllowed ?? true };
  return { doc, photo, shape, host };
}

function session(host: PanelHost, keptPixels?: KeptPixelsStore): GenerationSession {
  return new GenerationSession({
    host,
    service,
    engineSource: async () => tinySource(),
    captureSource: async (_host, geometry) => gradient(geometry.width, geometry.height),
    ...(keptPixels ? { keptPixels } : {}),
  });
}

const settings = { ...DEFAULT_SETTINGS, count: 1, steps: 2, prompt: "a red balloon", strength: 0.8 };

async function keptAlpha(doc: FakeDocument, nodeId: string): Promise<number> {
  const png = doc.find(nodeId)!.media!.bitmap!.png!;
  return alphaMean(await decodePng(new Uint8Array(png)));
}

/** Fill under the ellipse, Keep, select the new layer, Restyle, Keep: alpha means of both layers. */
async function fillThenRestyle(keptPixels?: KeptPixelsStore): Promise<{ filled: number; restyled: number; origin: string | undefined }> {
  const { doc, photo, shape, host } = await setup();
  const s = session(host, keptPixels);
  doc.select(photo, shape);
  const fillSelection = (await host.sandbox.getSelection()) as ImageWithMaskSelection;
  const fill = await s.generate({ selection: fillSelection, settings, model, mode: "fill", seed: 7 });
  expect(fill.status).toBe("done");
  const filledLayer = await s.keep();
  expect(filledLayer).not.toBeNull();

  doc.select(doc.find(filledLayer!.nodeId) as NodeModel);
  const layerSelection = (await host.sandbox.getSelection()) as ImageSelection;
  expect(layerSelection.type).toBe("image");
  expect(layerSelection.image.generation?.mode).toBe("fill");
  const restyle = await s.generate({ selection: layerSelection, settings, model, mode: "restyle", seed: 8 });
  expect(restyle.status).toBe("done");
  const restyledLayer = await s.keep();
  expect(restyledLayer).not.toBeNull();
  return { filled: await keptAlpha(doc, filledLayer!.nodeId), restyled: await keptAlpha(doc, restyledLayer!.nodeId), origin: restyle.source?.origin };
}

describe("a kept, mostly transparent layer restyled keeps its alpha", () => {
  it("with the kept pixels stored locally: same alpha before and after (and no rendition)", async () => {
    const { filled, restyled, origin } = await fillThenRestyle(createKeptPixelsStore(memoryKeyValueStore()));
    console.log(`Restyle of a kept fill layer: alpha mean ${filled.toFixed(3)} before, ${restyled.toFixed(3)} after (source: ${origin})`);
    expect(origin).toBe("kept-pixels");
    expect(filled).toBeGreaterThan(0.02);
    expect(filled).toBeLessThan(0.5);
    expect(Math.abs(restyled - filled)).toBeLessThan(1 / 255);
  }, 120_000);

  it("without the store (a page rendition, as before): the same steps give an opaque block", async () => {
    const { filled, restyled, origin } = await fillThenRestyle();
    console.log(`Without stored pixels: alpha mean ${filled.toFixed(3)} before, ${restyled.toFixed(3)} after (source: ${origin})`);
    expect(origin).toBe("rendition");
    expect(restyled).toBe(1);
  }, 120_000);
});

describe("rendition intent", () => {
  it("export not allowed: Generate works from preview pixels, Keep refuses with the reason and changes nothing", async () => {
    const { doc, photo, shape, host } = await setup({ exportAllowed: false });
    const s = session(host);
    doc.select(photo, shape);
    const selection = (await host.sandbox.getSelection()) as ImageWithMaskSelection;
    const run = await s.generate({ selection, settings, model, mode: "fill", seed: 1 });
    expect(run.status).toBe("done");
    expect(run.source).toMatchObject({ persistable: false });
    const before = doc.snapshot(doc.currentPage.artboard);
    expect(await s.keep()).toBeNull();
    expect(s.snapshot().keepNotice).toEqual({ kind: "error", failure: EXPORT_NOT_ALLOWED });
    expect(doc.snapshot(doc.currentPage.artboard)).toBe(before);
  }, 60_000);
});
