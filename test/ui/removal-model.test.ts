/**
 * Remove mode's engine: the built-in fill until MI-GAN is in the model cache, then MI-GAN. The
 * download goes through the real verified downloader from a real HTTP server (the twin at the
 * catalogue's file path), with progress; a cancelled download leaves the built-in fill in use.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCatalogue } from "../../src/engine/models/catalogue";
import { NodeDirectoryStore } from "../../src/engine/models/node-directory-store";
import { removalEngineText } from "../../src/ui/components/removal-engine-text";
import { RemovalModel } from "../../src/ui/models/removal-model";
import type { ModelServer } from "../engine/models/model-server";
import { localMigan, startMiganServer } from "../engine/removal/migan-local";

let server: ModelServer;
const dirs: string[] = [];
const storeDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "lgf-removal-model-"));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  server = await startMiganServer();
});
afterAll(async () => {
  await server?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("RemovalModel (Remove mode's engine)", () => {
  it("uses the built-in fill until MI-GAN is downloaded, then MI-GAN, and says so", async () => {
    const removal = new RemovalModel(new NodeDirectoryStore(storeDir()), localMigan(server.origin));
    await removal.refresh();
    expect(removal.snapshot()).toMatchObject({ status: { state: "absent" }, engine: "built-in", error: null });
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
    expect(removalEngineText(removal.snapshot())).toBe("Removes with MI-GAN object remover (downloaded, runs on this device).");
    // A new panel on the same cache finds it.
    const again = new RemovalModel(removal["store"], localMigan(server.origin));
    await again.refresh();
    expect(again.snapshot().engine).toBe("migan");
    await again.delete();
    expect(again.snapshot()).toMatchObject({ status: { state: "absent" }, engine: "built-in" });
    await removal.refresh();
    expect(removal.snapshot().engine).toBe("built-in"); // gone from the cache, not only from the panel
  });

  it("a cancelled download keeps the built-in fill and shows no error; a failed one says what happened", async () => {
    const removal = new RemovalModel(new NodeDirectoryStore(storeDir()), localMigan(server.origin));
    await removal.refresh();
    const pending = removal.startDownload();
    removal.cancelDownload();
    await pending;
    expect(removal.snapshot()).toMatchObject({ status: { state: "absent" }, engine: "built-in", error: null });

    const broken = localMigan(server.origin);
    broken.models[0].variants[0].files[0].url = `${server.origin}/migan/missing.onnx`;
    const failing = new RemovalModel(new NodeDirectoryStore(storeDir()), broken);
    await failing.refresh();
    await failing.startDownload();
    expect(failing.snapshot().engine).toBe("built-in");
    expect(failing.snapshot().error).toMatch(/^MI-GAN object remover could not be downloaded: /);
  });

  it("offers only the built-in fill when the catalogue has no removal model", async () => {
    const catalogue = structuredClone(getCatalogue());
    catalogue.models = catalogue.models.filter((m) => m.id !== "migan-512-places2");
    const removal = new RemovalModel(new NodeDirectoryStore(storeDir()), catalogue);
    await removal.refresh();
    expect(removal.snapshot()).toMatchObject({ status: { state: "unavailable" }, engine: "built-in" });
    expect(removalEngineText(removal.snapshot())).toBe("Removes with the built-in fill: instant, no download.");
  });
});
