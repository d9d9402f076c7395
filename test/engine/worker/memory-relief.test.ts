/**
 * Release under memory pressure (in-thread engine, Node, onnxruntime-web wasm, tiny-sd over a real
 * 127.0.0.1 server, the TAESD and SlimSAM twins). An allocation failure in a run (a test fault
 * throwing the engine's one OutOfMemoryError after step 1) lets go of everything else that is
 * loaded, says so in one notice and runs again; the result is diffusers' reference all the same.
 * With nothing else loaded there is no rerun, and the error says what to do.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineClient, RunEvent } from "../../../src/engine/worker";
import { createInThreadEngineClient } from "../../../src/engine/worker/in-thread-engine-client";
import { serveStatic, type StaticServer } from "../../support/static-server";
import { caseRequest, maxAbsDiff, readCase, tinyModelSpec, tinyModelsDir, type TinyCase } from "../browser/support/tiny-fixture";
import { TAESD_TWIN_DIR } from "../../../scripts/twins/make-taesd-twin";
import { SLIMSAM_TWIN_DIR } from "../../../scripts/twins/make-slimsam-twin";

let server: StaticServer;
let engine: EngineClient;
let tiny: TinyCase;
const taesd = () => ({ file: { bytes: new Uint8Array(readFileSync(join(TAESD_TWIN_DIR, "vae_decoder/model.onnx"))) } });
const sam = (p: string) => ({ bytes: new Uint8Array(readFileSync(join(SLIMSAM_TWIN_DIR, p))) });
const click = () => ({
  model: { kind: "spec" as const, spec: { id: "slimsam-twin", encoder: sam("onnx/vision_encoder_quantized.onnx"), decoder: sam("onnx/prompt_encoder_mask_decoder_quantized.onnx"), preprocessorConfig: sam("preprocessor_config.json") } },
  imageKey: "photo",
  image: { width: 64, height: 48, data: new Uint8ClampedArray(64 * 48 * 4).fill(120) },
  points: [{ x: 10, y: 10, label: 1 as const }],
});

async function generate() {
  const events: RunEvent[] = [];
  const result = await engine.generate(caseRequest(tiny, { preview: { maxSize: 32 } }), { onEvent: (e) => events.push(e) });
  const notices = events.filter((e) => e.type === "notice").map((e) => (e.notice.kind === "released" ? e.notice.reason : e.notice.kind));
  return { result, events, notices };
}

beforeAll(async () => {
  server = await serveStatic({ mounts: { "/models/": tinyModelsDir } });
  tiny = readCase();
  engine = createInThreadEngineClient({ gpu: null });
  await engine.init({ allowTestFaults: true });
});

afterAll(async () => {
  engine?.dispose();
  await server?.close();
});

describe("an allocation failure releases what else is loaded and runs once more", () => {
  it("lets go of TAESD, the object-selection model and prompt encodings, says so, and still gives the reference image", async () => {
    await engine.load({ kind: "spec", spec: tinyModelSpec(server.origin) }, { mode: "img2img", preview: taesd() });
    await engine.segment(click());
    await generate(); // remembers the prompt's encoding
    await engine.injectTestFault({ kind: "out-of-memory", afterStep: 1 });
    const { result, events, notices } = await generate();
    expect(notices).toEqual(["Memory ran out, so the add-on unloaded the live-preview decoder (TAESD), the object-selection model and remembered prompt encodings, then tried once more."]);
    // The rerun starts at step 1 again; its previews use the colour projection (TAESD is gone).
    const after = events.slice(events.findIndex((e) => e.type === "notice"));
    expect(after.filter((e) => e.type === "step").map((e) => e.step)[0]).toBe(1);
    expect(new Set(after.flatMap((e) => (e.type === "preview" ? [e.kind] : [])))).toEqual(new Set(["latent-projection"]));
    expect(maxAbsDiff(result.pixels!, tiny.output)).toBeLessThan(1e-4);
    // The object-selection model really went: the next click loads it and embeds the picture again.
    const loads: string[] = [];
    const again = await engine.segment(click(), { onEvent: (e) => e.type === "load-progress" && loads.push(e.component) });
    expect(loads).toEqual(["segmentation-encoder", "segmentation-decoder"]);
    expect(again.encoded).toBe(true);
  });

  it("with nothing else loaded, does not rerun: the one OutOfMemoryError, and the model works on the next run", async () => {
    await engine.release();
    await engine.load({ kind: "spec", spec: tinyModelSpec(server.origin) }, { mode: "img2img" });
    await engine.injectTestFault({ kind: "out-of-memory", afterStep: 2 });
    const events: RunEvent[] = [];
    const error = await engine.generate(caseRequest(tiny), { onEvent: (e) => events.push(e) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "OutOfMemoryError", message: expect.stringMatching(/^Out of memory while running "unet\/model\.onnx".*Generate fewer images at once/) });
    expect(events.filter((e) => e.type === "notice")).toEqual([]);
    const { result } = await generate();
    expect(maxAbsDiff(result.pixels!, tiny.output)).toBeLessThan(1e-4);
  });

  it("object selection out of memory lets the generation model go; the next Generate loads it again by itself", async () => {
    await engine.release();
    await engine.load({ kind: "spec", spec: tinyModelSpec(server.origin) }, { mode: "img2img" });
    await engine.injectTestFault({ kind: "out-of-memory", on: "segment" });
    const notices: string[] = [];
    const selected = await engine.segment(click(), { onEvent: (e) => e.type === "notice" && e.notice.kind === "released" && notices.push(e.notice.reason) });
    expect(selected.mask.data.length).toBe(64 * 48);
    expect(notices).toEqual(["Memory ran out, so the add-on unloaded the generation model (it loads again at the next Generate), then tried once more."]);
    const { result, events } = await generate();
    expect(events.filter((e) => e.type === "load-progress").length).toBeGreaterThan(0);
    expect(maxAbsDiff(result.pixels!, tiny.output)).toBeLessThan(1e-4);
  });

  it("a Remove out of memory with nothing else loaded fails with the one error, once", async () => {
    await engine.release();
    await engine.injectTestFault({ kind: "out-of-memory", on: "remove" });
    // Buffers are transferred with each request: a fresh pair per call.
    const request = () => ({ image: { width: 32, height: 32, data: new Uint8ClampedArray(32 * 32 * 4).fill(200) }, mask: { width: 32, height: 32, data: new Uint8Array(32 * 32).fill(255, 512) } });
    await expect(engine.remove(request())).rejects.toMatchObject({ name: "OutOfMemoryError" });
    const after = await engine.remove(request());
    expect(after.image.width).toBe(32);
  });
});
