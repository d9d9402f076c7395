/**
 * The "segment" request through the one worker protocol (in-thread engine: same messages,
 * structured clones and transfers as the Web Worker), on the SlimSAM twin: the model loads on first
 * use with load-progress events, the first click carries the picture and computes its embedding,
 * later clicks send only points, and failures come back as named errors that say what to do.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SegmentationSource } from "../../../src/contract/worker-protocol";
import { NodeDirectoryStore } from "../../../src/engine/models/node-directory-store";
import type { EngineClient } from "../../../src/engine/worker/engine-client";
import { createInThreadEngineClient } from "../../../src/engine/worker/in-thread-engine-client";
import { SLIMSAM_TWIN_DIR } from "../../../scripts/twins/make-slimsam-twin";

const bytes = (p: string) => new Uint8Array(readFileSync(join(SLIMSAM_TWIN_DIR, p)));
// FileRef bytes are transferred with each request (the caller's copy empties), so each call reads them afresh.
const twin = (): SegmentationSource => ({
  kind: "spec",
  spec: {
    id: "slimsam-twin",
    encoder: { bytes: bytes("onnx/vision_encoder_quantized.onnx") },
    decoder: { bytes: bytes("onnx/prompt_encoder_mask_decoder_quantized.onnx") },
    preprocessorConfig: { bytes: bytes("preprocessor_config.json") },
  },
});

function picture(width: number, height: number) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([i % 251, (i * 7) % 253, 90, 255], i * 4);
  return { width, height, data };
}

let engine: EngineClient;
beforeAll(async () => {
  engine = createInThreadEngineClient({ gpu: null, modelStore: new NodeDirectoryStore(mkdtempSync(join(tmpdir(), "lgf-seg-"))) });
  await engine.init({ forceBackend: "wasm" });
});
afterAll(() => engine.dispose());

describe('"segment" request (in-thread engine, wasm)', () => {
  it("loads on first use, embeds once per picture, decodes each click", async () => {
    const progress: string[] = [];
    const first = await engine.segment({ model: twin(), imageKey: "photo-1", image: picture(320, 240), points: [{ x: 100, y: 80, label: 1 }] }, { onEvent: (e) => e.type === "load-progress" && progress.push(`${e.component} ${e.index}/${e.total}`) });
    expect(progress).toEqual(["segmentation-encoder 1/2", "segmentation-decoder 2/2"]);
    expect(first.kind).toBe("segmentation");
    expect(first.encoded).toBe(true);
    expect(first.mask.width).toBe(320);
    expect(first.mask.data.length).toBe(320 * 240);
    expect(first.backend).toBe("wasm");
    const second = await engine.segment({ model: twin(), imageKey: "photo-1", points: [{ x: 100, y: 80, label: 1 }, { x: 5, y: 5, label: 0 }], box: { x0: 10, y0: 10, x1: 300, y1: 200 } });
    expect(second.encoded).toBe(false);
    expect(second.timings.encodeMs).toBe(0);
    expect(second.mask.data.length).toBe(320 * 240);
  });

  it("asks for the picture when a click names one it has not seen", async () => {
    await expect(engine.segment({ model: twin(), imageKey: "never-sent", points: [{ x: 1, y: 1, label: 1 }] })).rejects.toMatchObject({ name: "InvalidInputError", message: expect.stringMatching(/must send the picture/) });
  });

  it("a catalogue model that is not downloaded says so and how to get it", async () => {
    await expect(engine.segment({ model: { kind: "catalogue", modelId: "slimsam-77-uniform" }, imageKey: "k", image: picture(8, 8), points: [{ x: 1, y: 1, label: 1 }] })).rejects.toMatchObject({
      name: "SegmentationUnavailableError",
      message: expect.stringMatching(/not downloaded yet: press Download .* \(14 MB\)/),
    });
  });
});
