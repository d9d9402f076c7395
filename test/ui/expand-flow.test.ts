/**
 * Generative Expand end to end in Node, with real parts: the sandbox code on the fake Express
 * document behind the fake bridge, the engine in-thread (onnxruntime-web wasm) running the tiny
 * model's 9-channel inpainting UNet (test/fixtures/tiny-sd), imaging's tiles, pngjs. Only the page
 * rendition is replaced (Node has no canvas): the source is a seeded noise image of the size the
 * geometry asks for, so "bit for bit" is checked on pixels no smooth fill could reproduce.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageSelection, SandboxApi } from "../../src/contract";
import type { ModelSource } from "../../src/contract/worker-protocol";
import { exposeSandboxApi } from "../../src/sandbox/expose";
import { createFakeBridge, FAKE_CONSTANTS, FakeDocument, type NodeModel } from "../../src/playground/fake-express";
import { createInThreadEngineClient } from "../../src/engine/worker/in-thread-engine-client";
import type { RgbaImage } from "../../src/imaging";
import { devPanelModels } from "../../src/ui/dev-models";
import { createEngineClientService } from "../../src/ui/engine/engine-client-service";
import type { GenerateService } from "../../src/ui/engine/generate-service";
import { EXPAND_TARGET_CODES, type ExpandTargetCode } from "../../src/ui/flow/expand-settings";
import type { ExpandSourceGeometry } from "../../src/ui/flow/expand-source";
import { GenerationSession } from "../../src/ui/flow/generation-session";
import type { PanelHost } from "../../src/ui/host/panel-host";
import { DEFAULT_SETTINGS, type PanelSettings } from "../../src/ui/settings/panel-settings";
import { fixturePath } from "../support/fixture-dirs";
import { randomImage } from "../imaging/helpers";

const modelsDir = fixturePath("TINY_SD_MODELS_DIR", "test/fixtures/tiny-sd/models");
const model = devPanelModels(new URL("http://127.0.0.1/dev-models/"))[0];
const NATIVE = model.maxModelSide; // 64

/** The tiny model with only the 9-channel inpainting UNet: every tile runs the inpainting pipeline. */
function inpaintSource(): ModelSource {
  const bytes = (name: string) => ({ bytes: new Uint8Array(readFileSync(join(modelsDir, name, "model.onnx"))) });
  return {
    kind: "spec",
    spec: {
      id: `${model.id}-inpaint`,
      schedulerConfig: model.model.recommended!.schedulerConfig,
      variants: [{ id: "fp32", precision: "fp32", files: { textEncoder: bytes("text_encoder"), unetInpaint: bytes("unet_inpaint"), vaeEncoder: bytes("vae_encoder"), vaeDecoder: bytes("vae_decoder") } }],
    },
  };
}

let doc: FakeDocument;
let host: PanelHost;
let service: GenerateService;
let captured: { geometry: ExpandSourceGeometry; source: RgbaImage }[] = [];

function newSession(): GenerationSession {
  return new GenerationSession({
    host,
    service,
    engineSource: async () => inpaintSource(),
    captureSource: async (_host, geometry) => {
      const source = randomImage(geometry.width, geometry.height, 1234 + captured.length);
      captured.push({ geometry: geometry as ExpandSourceGeometry, source });
      return source;
    },
  });
}

async function selectImage(image: NodeModel): Promise<ImageSelection> {
  doc.select(image);
  const s = await host.sandbox.getSelection();
  if (s.type !== "image") throw new Error(`expected an image, got ${s.type}`);
  return s;
}

function settings(change: Partial<PanelSettings>): PanelSettings {
  return { ...DEFAULT_SETTINGS, count: 1, steps: 1, guidanceScale: 1, prompt: "a beach", ...change };
}

/** The original, bit for bit, at `at` inside `layer`. */
function holdsOriginal(layer: RgbaImage, source: RgbaImage, at: { x: number; y: number }): boolean {
  for (let y = 0; y < source.height; y++) {
    for (let i = 0; i < source.width * 4; i++) if (layer.data[((at.y + y) * layer.width + at.x) * 4 + i] !== source.data[y * source.width * 4 + i]) return false;
  }
  return true;
}

beforeAll(async () => {
  doc = new FakeDocument();
  doc.build.page({ width: 240, height: 180, name: "Test" });
  const bridge = createFakeBridge({ onSandboxCall: () => doc.beginOperation() });
  exposeSandboxApi(bridge.sandboxRuntime, { editor: doc.editor, constants: FAKE_CONSTANTS });
  const { connectPanel } = await import("../../src/ui/host/connect-panel");
  host = await connectPanel(bridge.panelRuntime, () => Promise.reject(new Error("no renditions in Node")));
  service = createEngineClientService(createInThreadEngineClient({ gpu: null }), { forceBackend: "wasm" });
});

afterAll(async () => {
  await service?.dispose();
});

describe("Expand with the tiny inpainting model", () => {
  it.each(EXPAND_TARGET_CODES.map((c) => [c]))("target %s: a kept layer over the grown box, the original bit for bit inside it", async (code: ExpandTargetCode) => {
    const image = doc.build.image(doc.currentPage.artboard, { x: 70, y: 50, width: 100, height: 80 });
    const selection = await selectImage(image);
    const session = newSession();
    const run = await session.generate({ selection, settings: settings({ expandTarget: code, expandAnchor: "centre-middle" }), model, mode: "expand", seed: 7 });
    expect(run.error).toBeNull();
    expect(run.status).toBe("done");
    const { geometry, source } = captured.at(-1)!;
    const canvas = geometry.expand.canvas;
    const pair = session.selectedLayer()!;
    expect([pair.layer.width, pair.layer.height]).toEqual([canvas.width, canvas.height]);
    expect(holdsOriginal(pair.layer, source, canvas.image)).toBe(true);
    // Every new pixel is painted and opaque.
    let transparent = 0;
    for (let i = 3; i < pair.layer.data.length; i += 4) if (pair.layer.data[i] !== 255) transparent++;
    expect(transparent).toBe(0);
    const before = doc.snapshot(image);
    const undo = doc.undoStepCount;
    const kept = (await session.keep())!;
    expect(kept).not.toBeNull();
    expect(doc.snapshot(image)).toBe(before);
    expect(doc.undoStepCount - undo).toBe(1);
    expect([kept.width, kept.height].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([canvas.box.width, canvas.box.height].map((v) => Math.round(v * 1e6) / 1e6));
    const record = await (host.sandbox as unknown as SandboxApi).getGenerationRecord(kept.nodeId);
    expect(record).toMatchObject({ mode: "expand", strength: 1, expand: { target: code, anchor: "centre-middle" } });
    const siblings = doc.currentPage.artboard.children.map((n) => n.id);
    expect(siblings.indexOf(kept.nodeId)).toBe(siblings.indexOf(image.id) + 1);
  }, 120_000);

  it(`tiles an expansion at 3× the native size (${3 * NATIVE} px), two images, each tile conditioned on the ones before`, async () => {
    const image = doc.build.image(doc.currentPage.artboard, { x: 72, y: 58, width: 96, height: 64 });
    const selection = await selectImage(image);
    const session = newSession();
    const progress: number[] = [];
    session.subscribe(() => progress.push(session.snapshot().runs[0]?.step ?? 0));
    const run = await session.generate({ selection, settings: settings({ count: 2, steps: 2, expandTarget: "scale-2", expandAnchor: "centre-middle" }), model, mode: "expand", seed: 99 });
    expect(run.status).toBe("done");
    const { geometry, source } = captured.at(-1)!;
    expect([geometry.expand.canvas.width, geometry.expand.canvas.height]).toEqual([3 * NATIVE, 2 * NATIVE]);
    const tiles = session["work"].get(run.id)!.plan!.expand!.tiles;
    expect(tiles.tiled).toBe(true);
    expect(tiles.tiles.length).toBeGreaterThanOrEqual(8);
    // Steps count over every tile of both images.
    expect(run.totalSteps).toBe(2 * 2 * tiles.tiles.length);
    expect(Math.max(...progress)).toBe(run.totalSteps);
    const layers = [0, 1].map((k) => {
      session.select(run.id, k);
      return session.selectedLayer()!.layer;
    });
    for (const layer of layers) expect(holdsOriginal(layer, source, geometry.expand.canvas.image)).toBe(true);
    // Different seeds paint different margins.
    expect(layers[0].data.some((v, i) => v !== layers[1].data[i])).toBe(true);
  }, 300_000);

  it("refuses a huge target with the largest allowed, before anything runs", async () => {
    const image = doc.build.image(doc.currentPage.artboard, { x: 10, y: 10, width: 40, height: 10 });
    const selection = await selectImage(image);
    const run = await newSession().generate({ selection, settings: settings({ expandTarget: "9:16" }), model, mode: "expand", seed: 1 });
    expect(run.status).toBe("failed");
    expect(run.error?.message).toMatch(/largest allowed is 4× the image on each side \(160 × 40 here\)/);
  }, 30_000);
});
