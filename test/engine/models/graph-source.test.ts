/**
 * End to end: the tiny-sd models downloaded through the real HTTP server into a Node store load
 * into onnxruntime-web sessions from the cache, and run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelDownloader } from "../../../src/engine/models/model-downloader";
import { toGraphSource } from "../../../src/engine/models/graph-source";
import { NodeDirectoryStore } from "../../../src/engine/models/node-directory-store";
import { createOrtWebBackend } from "../../../src/engine/runtime/ort-web-backend";
import { startModelServer, type ModelServer } from "./model-server";
import { fixtureFiles, testCatalogue } from "./test-catalogue";

let server: ModelServer;
let dir: string;
const files = fixtureFiles();

beforeAll(async () => {
  server = await startModelServer(files);
  dir = mkdtempSync(join(tmpdir(), "lgf-model-source-"));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("toGraphSource", () => {
  it("loads cached files into ORT sessions that run", async () => {
    const catalogue = testCatalogue(server.origin, files);
    const model = catalogue.models[0];
    const d = new ModelDownloader({ store: new NodeDirectoryStore(dir), allowedHosts: catalogue.allowedHosts });
    const cached = await d.downloadModel(model, model.variants[0]);
    const backend = createOrtWebBackend({ device: "wasm" });
    const source = await toGraphSource(cached, "vae-decoder");
    expect(source.name).toBe("tiny-sd/vae_decoder/model.onnx");
    expect(source.externalData).toBeUndefined();
    const session = await backend.createSession(source);
    const latents = backend.createTensor("float32", new Float32Array(4 * 8 * 8).fill(0.1), [1, 4, 8, 8]); // [B, 4, H/8, W/8]
    const out = await session.run({ [session.inputNames[0]]: latents });
    expect(out[session.outputNames[0]].dims).toEqual([1, 3, 64, 64]);
  });
});
