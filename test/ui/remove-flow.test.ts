/**
 * Issue 17 / issue 16 item 3, on the fake document with the real flow (sandbox code behind the fake
 * bridge, the engine in-thread with its real protocol and the built-in exemplar fill): Remove under
 * an ellipse over a photo, with no model at all. It must never load a model, show the "fill" stage,
 * change only pixels under the (grown, feathered) mask — the kept layer is transparent elsewhere,
 * so the photo under it stays bit for bit — and Keep a layer whose record says mode "remove".
 * Only page renditions are replaced (Node has no canvas): a striped gradient of the asked size.
 */
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageSelection, ImageWithMaskSelection } from "../../src/contract";
import { createInThreadEngineClient } from "../../src/engine/worker/in-thread-engine-client";
import { decodePng, type RgbaImage } from "../../src/imaging";
import { createFakeBridge, FAKE_CONSTANTS, FakeDocument, type NodeModel } from "../../src/playground/fake-express";
import { exposeSandboxApi } from "../../src/sandbox/expose";
import { createEngineClientService } from "../../src/ui/engine/engine-client-service";
import type { GenerateService, OnEvent } from "../../src/ui/engine/generate-service";
import { GenerationSession } from "../../src/ui/flow/generation-session";
import { availableModes } from "../../src/ui/flow/modes";
import { connectPanel } from "../../src/ui/host/connect-panel";
import type { PanelHost } from "../../src/ui/host/panel-host";
import { DEFAULT_SETTINGS } from "../../src/ui/settings/panel-settings";

function stripes(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([(255 * x) / width, (x >> 3) % 2 ? 200 : 60, (255 * y) / height, 255], (y * width + x) * 4);
  return { width, height, data };
}

function photoPng(width: number, height: number): ArrayBuffer {
  const png = new PNG({ width, height });
  png.data.fill(180);
  const buf = PNG.sync.write(png);
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

let base: GenerateService;
beforeAll(() => {
  base = createEngineClientService(createInThreadEngineClient({ gpu: null }), { forceBackend: "wasm" });
});
afterAll(async () => {
  await base?.dispose();
});

describe("Remove on the fake document, with no model", () => {
  it("fills only under the mask, loads no model, shows the fill stage, and keeps a 'remove' layer", async () => {
    const doc = new FakeDocument();
    doc.largeDocumentMode = true;
    const page = doc.build.page({ width: 400, height: 300 });
    const photo = doc.build.image(page.artboard, { x: 40, y: 30, width: 160, height: 120, bitmap: { width: 160, height: 120, png: photoPng(160, 120) } });
    const shape = doc.build.ellipse(page.artboard, { x: 120, y: 90, rx: 30, ry: 22 });
    const bridge = createFakeBridge({ onSandboxCall: () => doc.beginOperation() });
    exposeSandboxApi(bridge.sandboxRuntime, { editor: doc.editor, constants: FAKE_CONSTANTS });
    const connected = await connectPanel(bridge.panelRuntime, () => Promise.reject(new Error("no renditions in Node")));
    const host: PanelHost = { ...connected, exportAllowed: async () => true };

    const stages: string[] = [];
    const etas: (number | null)[] = [];
    let loads = 0;
    const service: GenerateService = {
      ...base,
      load: async () => void loads++,
      remove: (request, onEvent, signal) =>
        base.remove!(request, (e) => {
          onEvent(e);
          // The first Remove of the session already says how long it will take (remove-eta.ts).
          if (e.type === "stage") (stages.push(e.stage), etas.push(session.snapshot().runs[0].etaSeconds));
        }, signal),
    };
    let sources = 0;
    let captured: RgbaImage | null = null;
    const session = new GenerationSession({
      host,
      service,
      engineSource: async () => (sources++, Promise.reject(new Error("Remove must not ask for a model"))),
      captureSource: async (_host, geometry) => (captured = stripes(geometry.width, geometry.height)),
    });

    doc.select(photo, shape);
    const selection = (await host.sandbox.getSelection()) as ImageWithMaskSelection;
    expect(availableModes(selection)).toContain("remove");
    const settings = { ...DEFAULT_SETTINGS, count: 2, prompt: "ignored by Remove" };
    const run = await session.generate({ selection, settings, model: null, mode: "remove", seed: 5 });
    expect(run.error).toBeNull();
    expect(run.status).toBe("done");
    expect(run.modelId).toBe("built-in-fill");
    // Images: 2 asks for two, but a deterministic remover would give the same image twice.
    expect(run.items.map((it) => it.state)).toEqual(["ready"]);
    expect(loads).toBe(0);
    expect(sources).toBe(0);
    expect(stages).toEqual(["fill"]);
    expect(etas.every((eta) => eta !== null && eta > 0)).toBe(true);

    const pair = session.selectedLayer()!;
    const source = captured!;
    expect(pair.layer.width).toBe(source.width);
    // Where the layer is visible, it must be under the ellipse grown by growPx + featherPx (source px).
    const scale = source.width / 160;
    const [cx, cy, rx, ry] = [80 * scale, 60 * scale, 30 * scale, 22 * scale];
    const reach = (settings.growPx + settings.featherPx + 2) * scale;
    let visible = 0, outside = 0, changedInside = 0, insideCount = 0;
    for (let y = 0; y < source.height; y++) {
      for (let x = 0; x < source.width; x++) {
        const i = (y * source.width + x) * 4;
        const a = pair.layer.data[i + 3];
        const nx = (x + 0.5 - cx) / (rx + reach), ny = (y + 0.5 - cy) / (ry + reach);
        if (a > 0) visible++;
        if (a > 0 && nx * nx + ny * ny > 1) outside++;
        const ix = (x + 0.5 - cx) / (rx * 0.8), iy = (y + 0.5 - cy) / (ry * 0.8);
        if (ix * ix + iy * iy <= 1) {
          insideCount++;
          if (a === 255 && [0, 1, 2].some((c) => pair.layer.data[i + c] !== source.data[i + c])) changedInside++;
        }
      }
    }
    console.log(`Remove: ${visible} visible layer px, ${outside} outside the grown mask; ${changedInside}/${insideCount} px changed well inside the ellipse`);
    expect(outside).toBe(0);
    expect(visible).toBeGreaterThan(0.5 * Math.PI * rx * ry);
    // The stripes continue through the hole, so most inner pixels differ from what was there only
    // where the fill moved the pattern; the layer must be opaque there and really painted.
    expect(changedInside).toBeGreaterThan(0);

    const kept = await session.keep();
    expect(kept).not.toBeNull();
    const png = await decodePng(new Uint8Array(doc.find(kept!.nodeId)!.media!.bitmap!.png!));
    expect(png.data.filter((_, i) => i % 4 === 3 && png.data[i] > 0).length).toBe(visible);
    doc.select(doc.find(kept!.nodeId) as NodeModel);
    const layerSelection = (await host.sandbox.getSelection()) as ImageSelection;
    expect(layerSelection.image.generation).toMatchObject({ mode: "remove", model: "built-in-fill", prompt: "" });
  }, 120_000);
});
