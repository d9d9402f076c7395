/**
 * The MI-GAN twin (test/fixtures/model-twins/migan-512-places2/fp32, made by
 * scripts/twins/make-migan-twin.ts) through the real loading path in Node: the catalogue entry
 * served by a real HTTP server with a Hub-style listing, the verified downloader, the model store,
 * an onnxruntime-web wasm session checked against the contract, then MiganRemover's crop, packing,
 * polarity and paste-back.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalogue } from "../../../src/engine/models/catalogue-types";
import { findVariantContract } from "../../../src/engine/models/contracts";
import { ModelDownloader } from "../../../src/engine/models/model-downloader";
import { NodeDirectoryStore } from "../../../src/engine/models/node-directory-store";
import { createOrtWebBackend } from "../../../src/engine/runtime/ort-web-backend";
import { MiganRemover } from "../../../src/engine/removal/migan-remover";
import { MIGAN_TWIN_DIR, MIGAN_TWIN_FILE, MIGAN_TWIN_LIFT, miganTwinGraph } from "../../../scripts/twins/make-migan-twin";
import type { ModelServer } from "../models/model-server";
import { localMigan, MIGAN_MODEL_ID, startMiganServer, twinBytes } from "./migan-local";
import { createInThreadEngineClient } from "../../../src/engine/worker/in-thread-engine-client";

const backend = createOrtWebBackend({ device: "wasm" });
const contract = findVariantContract(MIGAN_MODEL_ID, "fp32")!.graphs.inpainter!;


/** 700 × 600 picture: a left-right ramp in red, a top-bottom ramp in green, blue 90; alpha 255. */
function picture(width = 700, height = 600) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([Math.round((x * 255) / width), Math.round((y * 255) / height), 90, 255], (y * width + x) * 4);
  return { width, height, data };
}

let server: ModelServer;
let remover: MiganRemover;
let catalogue: Catalogue;
let store: NodeDirectoryStore;
const storeDir = mkdtempSync(join(tmpdir(), "lgf-migan-"));

beforeAll(async () => {
  server = await startMiganServer();
  catalogue = localMigan(server.origin);
  const model = catalogue.models[0];
  store = new NodeDirectoryStore(storeDir);
  const downloader = new ModelDownloader({ store, allowedHosts: catalogue.allowedHosts });
  await downloader.downloadModel(model, model.variants[0]);
  const cached = await downloader.openCachedModel(model, model.variants[0]);
  remover = await MiganRemover.load(backend, { name: MIGAN_TWIN_FILE, bytes: await cached.file("inpainter").read() }, contract);
});
afterAll(async () => {
  await remover?.release();
  await server?.close();
  rmSync(storeDir, { recursive: true, force: true });
});

describe("MI-GAN twin (onnxruntime-web wasm, Node, through the verified download)", () => {
  it("is what the twin script writes, byte for byte", () => {
    expect(twinBytes).toEqual(miganTwinGraph());
  });

  it("has the published pipeline's IO: uint8 image [b, 3, h, w] and mask [b, 1, h, w] → uint8 result, any h × w", async () => {
    const session = await backend.createSession({ name: MIGAN_TWIN_FILE, bytes: twinBytes });
    expect(session.inputNames).toEqual(["image", "mask"]);
    expect(session.outputNames).toEqual(["result"]);
    for (const [h, w] of [[37, 53], [512, 512]]) {
      const out = await session.run({
        image: backend.createTensor("uint8", new Uint8Array(3 * h * w).fill(40), [1, 3, h, w]),
        mask: backend.createTensor("uint8", new Uint8Array(h * w).fill(255), [1, 1, h, w]),
      });
      expect(out.result.type).toBe("uint8");
      expect(out.result.dims).toEqual([1, 3, h, w]);
      expect((out.result.data as Uint8Array)[0]).toBe(40 + MIGAN_TWIN_LIFT);
    }
    await session.release();
  });

  it("removes: the white object's hole takes the kept pixels' colour (MI-GAN's polarity), every byte outside is the input's", async () => {
    const image = picture();
    const mask = new Uint8Array(700 * 600);
    for (let y = 250; y < 300; y++) for (let x = 320; x < 400; x++) ((mask[y * 700 + x] = 255), image.data.set([255, 255, 255], (y * 700 + x) * 4));
    const { image: out, crop } = await remover.remove(image, { width: 700, height: 600, data: mask });
    expect(crop).toEqual({ x: 104, y: 19, width: 512, height: 512 }); // centre (360, 275) − 256
    let changedOutside = 0;
    for (let i = 0; i < out.data.length; i++) if (mask[i >> 2] === 0 && out.data[i] !== image.data[i]) changedOutside++;
    expect(changedOutside).toBe(0); // the twin lifted every kept pixel by 3: none of that came back
    // Twin fill = mean kept colour of the crop + 3. Sent in our polarity, the white object would
    // have been "kept" and come back white (255, capped).
    const keptMean = (c: number) => {
      let sum = 0, n = 0;
      for (let y = crop.y; y < crop.y + crop.height; y++) for (let x = crop.x; x < crop.x + crop.width; x++) if (mask[y * 700 + x] === 0) ((sum += image.data[(y * 700 + x) * 4 + c]), n++);
      return sum / n;
    };
    const centre = (275 * 700 + 360) * 4;
    expect([...out.data.slice(centre, centre + 4)]).toEqual([Math.round(keptMean(0) + MIGAN_TWIN_LIFT), Math.round(keptMean(1) + MIGAN_TWIN_LIFT), 90 + MIGAN_TWIN_LIFT, 255]);
    expect(out.data[centre]).toBeLessThan(200);
    // The hole's edge is half-way (2-px inward feather) between the input (white) and the fill.
    const edge = (250 * 700 + 360) * 4 + 2;
    expect(out.data[edge]).toBe(Math.round(255 + (93 - 255) * 0.5));
  });

  it("refuses a graph that is not MI-GAN's, naming what it lacks, and an empty mask in one sentence", async () => {
    const slim = new Uint8Array(readFileSync(join(MIGAN_TWIN_DIR, "../../slimsam-77-uniform/int8/onnx/vision_encoder_quantized.onnx")));
    await expect(MiganRemover.load(backend, { name: "not-migan.onnx", bytes: slim })).rejects.toThrow(/not-migan\.onnx is not MI-GAN's ONNX pipeline: it lacks image, mask, result\./);
    await expect(remover.remove(picture(8, 8), { width: 8, height: 8, data: new Uint8Array(64) })).rejects.toThrow(/selects no pixels/);
  });

  it("runs as the worker's remove request with engine \"migan\" from the model cache, and says how to get it when it is not there", async () => {
    const engine = createInThreadEngineClient({ gpu: null, modelStore: store, catalogue });
    const empty = createInThreadEngineClient({ gpu: null, modelStore: new NodeDirectoryStore(mkdtempSync(join(tmpdir(), "lgf-migan-none-"))), catalogue });
    try {
      const image = picture(64, 48);
      const mask = { width: 64, height: 48, data: new Uint8Array(64 * 48) };
      for (let y = 20; y < 30; y++) mask.data.fill(255, y * 64 + 20, y * 64 + 40);
      const stages: string[] = [];
      const request = () => ({ image: { ...image, data: image.data.slice() }, mask: { ...mask, data: mask.data.slice() }, engine: "migan" as const });
      const result = await engine.remove(request(), { onEvent: (e) => e.type === "stage" && stages.push(e.stage) });
      expect(stages).toEqual(["fill"]);
      expect(result.engine).toBe("migan");
      expect(result.image.data[(25 * 64 + 30) * 4 + 2]).toBe(93); // blue 90 + the twin's lift, inside the hole
      expect(result.image.data[0]).toBe(image.data[0]);
      await expect(empty.remove(request())).rejects.toMatchObject({
        name: "RemovalModelUnavailableError",
        message: expect.stringMatching(/^MI-GAN object remover is not downloaded yet: press "Download MI-GAN" in Remove mode \(\d+\.\d MB\), or remove with the built-in fill\.$/),
      });
    } finally {
      engine.dispose();
      empty.dispose();
    }
  });
});
