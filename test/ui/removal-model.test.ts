/**
 * MI-GAN (and SlimSAM) in the Models list, and Remove mode's engine as a view over MI-GAN's row:
 * the built-in fill until MI-GAN is in the model cache, then MI-GAN. Downloads go through the
 * real verified downloader from a real HTTP server (the twin at the catalogue's file path); a
 * download or delete from either place shows in both.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCatalogue } from "../../src/engine/models/catalogue";
import type { Catalogue } from "../../src/engine/models/catalogue-types";
import { NodeDirectoryStore } from "../../src/engine/models/node-directory-store";
import { removalEngineText } from "../../src/ui/components/removal-engine-text";
import { ModelLibrary } from "../../src/ui/models/model-library";
import { modeRefusals } from "../../src/ui/models/mode-refusals";
import { chooseModel, panelModelsFrom } from "../../src/ui/models/panel-models";
import { REMOVAL_MODEL_ID, RemovalModel } from "../../src/ui/models/removal-model";
import type { ModelServer } from "../engine/models/model-server";
import { localMigan, startMiganServer, twinBytes } from "../engine/removal/migan-local";

const CPU = { hasWebGPU: false, shaderF16: false, maxBufferSize: 0, maxStorageBufferBindingSize: 0 };
let server: ModelServer;
const dirs: string[] = [];
const storeDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "lgf-removal-model-"));
  dirs.push(dir);
  return dir;
};

const dirOfLibrary = new WeakMap<RemovalModel, string>();
function removalOver(catalogue: Catalogue, dir = storeDir()): RemovalModel {
  const removal = new RemovalModel(new ModelLibrary(panelModelsFrom(catalogue), new NodeDirectoryStore(dir), CPU));
  dirOfLibrary.set(removal, dir);
  return removal;
}
const dirOf = (removal: RemovalModel) => dirOfLibrary.get(removal)!;

beforeAll(async () => {
  server = await startMiganServer();
});
afterAll(async () => {
  await server?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("the Models list lists the tools' models", () => {
  it("MI-GAN and SlimSAM are rows with size and licence, never picked to generate, with no 'cannot fill' lines", () => {
    const catalogue = getCatalogue();
    const models = panelModelsFrom(catalogue);
    const library = new ModelLibrary(models, new NodeDirectoryStore(storeDir()), CPU);
    for (const [id, tool, licence] of [["migan-512-places2", "removal", "MIT"], ["slimsam-77-uniform", "segmentation", "Apache-2.0"]] as const) {
      const entry = library.entry(id)!;
      expect(entry.model.tool).toBe(tool);
      expect(entry.model.model.licence.id).toBe(licence);
      const bytes = catalogue.models.find((m) => m.id === id)!.variants[0].files.reduce((n, f) => n + (f.size ?? 0), 0);
      expect(entry.status).toEqual({ state: "absent", downloadBytes: bytes });
      expect(modeRefusals(entry.model, entry.variant)).toEqual([]);
    }
    for (const mode of ["fill", "restyle", "variations", "expand"] as const) {
      const picked = chooseModel(models, { preset: "fast", mode, modelId: REMOVAL_MODEL_ID }, () => "present");
      expect(picked?.tool).toBeNull();
    }
  });
});

describe("RemovalModel (Remove mode's engine, over MI-GAN's row)", () => {
  it("uses the built-in fill until MI-GAN is downloaded, then MI-GAN; the list and Remove mode are one state", async () => {
    const removal = removalOver(localMigan(server.origin));
    await removal.refresh();
    expect(removal.snapshot()).toMatchObject({ status: { state: "absent" }, engine: "built-in", error: null, downloadBytes: twinBytes.length, licence: "MIT" });
    expect(removalEngineText(removal.snapshot())).toMatch(/^Removes with the built-in fill: instant, no download\. MI-GAN object remover \([\d.]+ (KB|MB), MIT\) fills larger objects more cleanly\.$/);
    const fractions: number[] = [];
    removal.subscribe(() => {
      const s = removal.snapshot().status;
      if (s.state === "downloading") fractions.push(s.fraction);
    });
    await removal.startDownload();
    expect(removal.snapshot()).toMatchObject({ status: { state: "present" }, engine: "migan", error: null });
    expect(fractions[0]).toBe(0);
    expect(fractions.at(-1)).toBe(1);
    expect(removal.library.entry(REMOVAL_MODEL_ID)!.status.state).toBe("present"); // the Models list row
    expect(removalEngineText(removal.snapshot())).toBe("Removes with MI-GAN object remover (downloaded, runs on this device).");
    await removal.library.verify(REMOVAL_MODEL_ID);
    expect(removal.library.entry(REMOVAL_MODEL_ID)!.note).toMatch(/all 1 files match/);
    // A new panel on the same cache finds it; Delete in the Models list switches Remove back.
    const again = removalOver(localMigan(server.origin), dirOf(removal));
    await again.refresh();
    expect(again.snapshot().engine).toBe("migan");
    await again.library.delete(REMOVAL_MODEL_ID);
    expect(again.snapshot()).toMatchObject({ status: { state: "absent" }, engine: "built-in" });
    await removal.refresh();
    expect(removal.snapshot().engine).toBe("built-in"); // gone from the cache, not only from the panel
  });

  it("a cancelled download keeps the built-in fill and shows no error; a failed one says what happened", async () => {
    const removal = removalOver(localMigan(server.origin));
    await removal.refresh();
    const pending = removal.startDownload();
    removal.cancelDownload();
    await pending;
    expect(removal.snapshot()).toMatchObject({ engine: "built-in", error: null });
    expect(removal.snapshot().status.state).toBe("absent");

    const broken = localMigan(server.origin);
    broken.models[0].variants[0].files[0].url = `${server.origin}/migan/missing.onnx`;
    const failing = removalOver(broken);
    await failing.refresh();
    await failing.startDownload();
    expect(failing.snapshot().engine).toBe("built-in");
    expect(failing.snapshot().error).toMatch(/^MI-GAN object remover did not finish downloading/);
  });

  it("offers only the built-in fill when the catalogue has no removal model", async () => {
    const catalogue = structuredClone(getCatalogue());
    catalogue.models = catalogue.models.filter((m) => m.id !== "migan-512-places2");
    const removal = removalOver(catalogue);
    await removal.refresh();
    expect(removal.snapshot()).toMatchObject({ status: { state: "unavailable" }, engine: "built-in" });
    expect(removalEngineText(removal.snapshot())).toBe("Removes with the built-in fill: instant, no download.");
  });
});
