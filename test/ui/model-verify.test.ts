/**
 * The Models section's "Verify": every stored file of a model is hashed again; a damaged one is
 * named, removed, and the model shows as partly downloaded so Download fetches just that file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { NodeDirectoryStore } from "../../src/engine/models/node-directory-store";
import { devPanelModels, TINY_MODEL_ID } from "../../src/ui/dev-models";
import { ModelLibrary } from "../../src/ui/models/model-library";
import { startModelServer, type ModelServer } from "../engine/models/model-server";
import { fixtureFiles } from "../engine/models/test-catalogue";

let server: ModelServer;
let dir: string;
const NO_GPU = { hasWebGPU: false, shaderF16: false, maxBufferSize: 0, maxStorageBufferBindingSize: 0 };

beforeAll(async () => {
  server = await startModelServer(fixtureFiles());
  dir = mkdtempSync(join(tmpdir(), "panel-verify-"));
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

it("Verify confirms intact files, then names, removes and re-downloads a damaged one", async () => {
  const library = new ModelLibrary(devPanelModels(new URL(`${server.origin}/`)), new NodeDirectoryStore(dir), NO_GPU);
  await library.download(TINY_MODEL_ID);
  expect(library.entry(TINY_MODEL_ID)!.status.state).toBe("present");

  await library.verify(TINY_MODEL_ID);
  expect(library.entry(TINY_MODEL_ID)).toMatchObject({ verifying: false, error: null, note: "Tiny test model: all 4 files match their recorded sha256." });

  // Damage the UNet on disk (same size).
  const unetSize = fixtureFiles().get("/tiny-sd/unet/model.onnx")!.length;
  const bin = readdirSync(dir).map((n) => join(dir, n)).find((p) => p.endsWith(".bin") && statSync(p).size === unetSize)!;
  const bytes = readFileSync(bin);
  bytes[5000] ^= 0xff;
  writeFileSync(bin, bytes);

  await library.verify(TINY_MODEL_ID);
  const entry = library.entry(TINY_MODEL_ID)!;
  expect(entry.error).toBe("Tiny test model: 1 file was damaged (unet/model.onnx) and removed. Press Download to fetch it again.");
  expect(entry.status.state).toBe("partial");

  const before = server.log.length;
  await library.download(TINY_MODEL_ID);
  expect(library.entry(TINY_MODEL_ID)!.status.state).toBe("present");
  expect(server.log.slice(before).map((l) => l.path)).toEqual(["/tiny-sd/unet/model.onnx"]);
});
