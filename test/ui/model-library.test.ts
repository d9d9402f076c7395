/**
 * The panel's Models section logic against a real 127.0.0.1 server and the Node model store: the
 * tiny model's status (absent → downloading with progress → partial after Cancel → present after
 * resuming → absent after Delete), product models probed against the device, and the source the
 * engine loads.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCatalogue } from "../../src/engine/models";
import { NodeDirectoryStore } from "../../src/engine/models/node-directory-store";
import { devPanelModels } from "../../src/ui/dev-models";
import { ModelLibrary, type ModelStatus } from "../../src/ui/models/model-library";
import { chooseModel, panelModelsFrom } from "../../src/ui/models/panel-models";
import { startModelServer, type ModelServer } from "../engine/models/model-server";
import { fixtureFiles } from "../engine/models/test-catalogue";
import { TAESD_TWIN_DIR, taesdTwinDecoder } from "../../scripts/twins/make-taesd-twin";

let server: ModelServer;
let dir: string;
const NO_GPU = { hasWebGPU: false, shaderF16: false, maxBufferSize: 0, maxStorageBufferBindingSize: 0 };

beforeAll(async () => {
  // The dev catalogue lives under <base>/tiny-sd/…; the fixture server serves /tiny-sd/….
  const files = fixtureFiles();
  // The dev TAESD twin lives under <base>/taesd-twin/… (src/ui/dev-preview-decoder.ts).
  for (const path of ["vae_decoder/model.onnx", "vae_encoder/model.onnx"]) files.set(`/taesd-twin/${path}`, new Uint8Array(readFileSync(join(TAESD_TWIN_DIR, path))));
  server = await startModelServer(files);
  dir = mkdtempSync(join(tmpdir(), "panel-models-"));
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("ModelLibrary", () => {
  it("lists the tiny model as absent with its size, product models as unable to run without WebGPU, TAESD as downloadable", async () => {
    const models = [...devPanelModels(new URL(`${server.origin}/`)), ...panelModelsFrom(getCatalogue())];
    const library = new ModelLibrary(models, new NodeDirectoryStore(join(dir, "a")), NO_GPU);
    await library.refresh();
    const entries = library.snapshot();
    expect(entries[0].status).toMatchObject({ state: "absent" });
    expect((entries[0].status as Extract<ModelStatus, { state: "absent" }>).downloadBytes).toBeGreaterThan(10e6);
    // The tools' models (MI-GAN for Remove, SlimSAM for click-to-select) run on the CPU: downloadable here too.
    expect(entries.filter((e) => e.model.tool).map((e) => [e.model.id, e.status.state])).toEqual([["slimsam-77-uniform", "absent"], ["migan-512-places2", "absent"]]);
    for (const e of entries.slice(1).filter((e) => !e.model.previewDecoder && !e.model.tool)) expect(e.status).toMatchObject({ state: "unsupported", message: expect.stringMatching(/cannot run on this device/) });
    // TAESD (the product's and the dev twin) runs on CPU too, so it can be downloaded here; nothing chooses it to generate.
    const decoders = entries.filter((e) => e.model.previewDecoder);
    expect(decoders.map((e) => [e.model.id, e.status.state])).toEqual([["taesd-test", "absent"], ["taesd", "absent"]]);
    // Choosing: the tiny model does every mode here; nothing else can.
    for (const mode of ["fill", "restyle", "variations"] as const) {
      expect(chooseModel(models, { preset: "quality", mode, modelId: null }, library.availability)?.id).toBe("tiny-sd-test");
    }
  });

  it("downloads with progress, cancels into a resumable partial, resumes, hands the engine bytes, deletes", async () => {
    const library = new ModelLibrary(devPanelModels(new URL(`${server.origin}/`)), new NodeDirectoryStore(join(dir, "b")), NO_GPU);
    await library.refresh();
    const id = "tiny-sd-test";
    // Slow the big file down so there is time to watch and cancel.
    server.behaviours.set("/tiny-sd/unet/model.onnx", { chunkBytes: 256 * 1024, chunkDelayMs: 40 });
    const seen: ModelStatus[] = [];
    const stop = library.subscribe(() => {
      const status = library.entry(id)!.status;
      seen.push(status);
      if (status.state === "downloading" && status.loadedBytes > 4e6) library.cancelDownload(id);
    });
    await library.download(id);
    expect(seen.some((s) => s.state === "downloading" && s.loadedBytes > 0 && s.loadedBytes < s.totalBytes)).toBe(true);
    expect(library.entry(id)!.status).toMatchObject({ state: "partial" });
    expect(library.entry(id)!.error).toBeNull(); // a cancel is not an error
    stop();

    server.behaviours.clear();
    const requestsBefore = server.log.length;
    await library.download(id);
    expect(library.entry(id)!.status).toMatchObject({ state: "present" });
    const resumed = server.log.slice(requestsBefore).filter((l) => l.path === "/tiny-sd/unet/model.onnx");
    expect(resumed.every((l) => l.range !== null)).toBe(true); // the UNet resumed, not restarted

    const source = await library.engineSource(id);
    expect(source.kind).toBe("spec");
    if (source.kind !== "spec") throw new Error("expected a spec source");
    const files = source.spec.variants[0].files;
    expect(Object.keys(files).sort()).toEqual(["textEncoder", "unet", "vaeDecoder", "vaeEncoder"]);
    expect("bytes" in files.unet! && files.unet.bytes.length).toBe(fixtureFiles().get("/tiny-sd/unet/model.onnx")!.length);
    expect(source.spec.schedulerConfig).toMatchObject({ _class_name: "DDIMScheduler" });

    await library.delete(id);
    expect(library.entry(id)!.status).toMatchObject({ state: "absent" });
  }, 180_000);

  it("says in plain words when a download fails, and keeps what it had", async () => {
    const library = new ModelLibrary(devPanelModels(new URL(`${server.origin}/`)), new NodeDirectoryStore(join(dir, "c")), NO_GPU);
    server.behaviours.set("/tiny-sd/vae_decoder/model.onnx", { notFound: true });
    await library.download("tiny-sd-test");
    server.behaviours.clear();
    const entry = library.entry("tiny-sd-test")!;
    expect(entry.status.state === "partial" || entry.status.state === "absent").toBe(true);
    expect(entry.error).toMatch(/Tiny test model did not finish downloading: .*press Download to resume/);
    // The file is named, the raw URL (which overflows 320 px) is not.
    expect(entry.error).toContain("vae_decoder/model.onnx");
    expect(entry.error).not.toMatch(/https?:/);
  }, 30_000);

  it("hands the engine the downloaded TAESD decoder for previews and the Fast finish, and nothing without it", async () => {
    const library = new ModelLibrary(devPanelModels(new URL(`${server.origin}/`)), new NodeDirectoryStore(join(dir, "taesd")), NO_GPU);
    await library.refresh();
    expect(await library.previewDecoderSpec()).toBeUndefined();
    await library.download("taesd-test");
    expect(library.previewDecoderEntry()?.model.id).toBe("taesd-test");
    const spec = await library.previewDecoderSpec();
    expect("bytes" in spec!.file && spec!.file.bytes).toEqual(taesdTwinDecoder());
    // Each call gets its own copy (the engine's load transfers it away).
    const again = await library.previewDecoderSpec();
    expect("bytes" in again!.file && again!.file.bytes).not.toBe("bytes" in spec!.file && spec!.file.bytes);
    await library.delete("taesd-test");
    expect(await library.previewDecoderSpec()).toBeUndefined();
  });
});
