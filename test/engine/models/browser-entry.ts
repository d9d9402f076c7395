/**
 * Bundled by models.browser.test.ts (esbuild) into the test page: exposes the browser downloader
 * (OPFS store + ModelDownloader) to page.evaluate.
 */
import { parseCatalogue } from "../../../src/engine/models/catalogue";
import { listCachedModels } from "../../../src/engine/models/cache-admin";
import { ModelDownloader } from "../../../src/engine/models/model-downloader";
import { OpfsModelStore } from "../../../src/engine/models/opfs-store";
import { sha256Hex } from "../../../src/engine/models/sha256";

async function setup(catalogueJson: unknown) {
  const catalogue = parseCatalogue(catalogueJson);
  const store = new OpfsModelStore("test-models");
  const downloader = new ModelDownloader({ store, allowedHosts: catalogue.allowedHosts, initialBackoffMs: 10 });
  const model = catalogue.models[0];
  return { catalogue, store, downloader, model, variant: model.variants[0] };
}

async function hashes(files: { path: string; read(): Promise<Uint8Array> }[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of files) out[f.path] = sha256Hex(await f.read());
  return out;
}

const api = {
  crossOriginIsolated: () => globalThis.crossOriginIsolated,
  async download(catalogueJson: unknown) {
    const { downloader, model, variant } = await setup(catalogueJson);
    const events: string[] = [];
    const cached = await downloader.downloadModel(model, variant, { onEvent: (e) => events.push(e.type) });
    return { hashes: await hashes(cached.files), retries: events.filter((t) => t === "file-retry").length };
  },
  async openOffline(catalogueJson: unknown) {
    const { downloader, model, variant, catalogue, store } = await setup(catalogueJson);
    const cached = await downloader.openCachedModel(model, variant);
    // Also through downloadModel: with everything cached it must not touch the network either.
    await downloader.downloadModel(model, variant);
    return { hashes: await hashes(cached.files), listed: await listCachedModels(catalogue, store) };
  },
};

(globalThis as unknown as { modelTest: typeof api }).modelTest = api;
