/**
 * Bundled by models.browser.test.ts (esbuild) into the test page: exposes the browser downloader
 * (OPFS store + ModelDownloader) to page.evaluate.
 */
import { parseCatalogue } from "../../../src/engine/models/catalogue";
import { listCachedModels } from "../../../src/engine/models/cache-admin";
import { ModelDownloader } from "../../../src/engine/models/model-downloader";
import { OpfsModelStore } from "../../../src/engine/models/opfs-store";
import { sha256Hex } from "../../../src/engine/models/sha256";
import { toGraphSource } from "../../../src/engine/models/graph-source";
import { createOrtWebBackend } from "../../../src/engine/runtime/ort-web-backend";
import { findVariantContract } from "../../../src/engine/models/contracts";
import { MiganRemover } from "../../../src/engine/removal/migan-remover";

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
  /**
   * Downloads a graph + its external data into OPFS, then loads it through toGraphSource (the data
   * as an object URL of the OPFS file) into onnxruntime-web wasm and runs it.
   */
  async externalData(catalogueJson: unknown, ortBase: string) {
    const { downloader, model, variant } = await setup(catalogueJson);
    const cached = await downloader.downloadModel(model, variant);
    const source = await toGraphSource(cached, "unet");
    const backend = createOrtWebBackend({ device: "wasm", wasmPaths: ortBase });
    const session = await backend.createSession(source);
    source.release?.();
    const out = await session.run({ x: backend.createTensor("float32", new Float32Array([10, 20, 30, 40]), [4]) });
    return { dataRef: String(source.externalData?.[0].data).slice(0, 5), bytesGiven: source.bytes?.length ?? 0, y: Array.from(out.y.data as Float32Array) };
  },
  /** MI-GAN (its twin): downloaded into OPFS, contract-checked, run by MiganRemover on wasm. */
  async migan(catalogueJson: unknown, ortBase: string) {
    const { downloader, model, variant } = await setup(catalogueJson);
    const cached = await downloader.downloadModel(model, variant);
    const backend = createOrtWebBackend({ device: "wasm", wasmPaths: ortBase });
    const remover = await MiganRemover.load(backend, { name: variant.files[0].path, bytes: await cached.file("inpainter").read() }, findVariantContract(model.id, variant.id)?.graphs.inpainter);
    // 600 × 400 grey 100 (alpha 100 too) with a white 40 × 30 object at (300, 200), masked.
    const image = { width: 600, height: 400, data: new Uint8ClampedArray(600 * 400 * 4).fill(100) };
    const mask = { width: 600, height: 400, data: new Uint8Array(600 * 400) };
    for (let y = 200; y < 230; y++) for (let x = 300; x < 340; x++) ((mask.data[y * 600 + x] = 255), image.data.fill(255, (y * 600 + x) * 4, (y * 600 + x) * 4 + 3));
    const out = await remover.remove(image, mask);
    let changedOutside = 0;
    for (let i = 0; i < out.image.data.length; i++) if (mask.data[i >> 2] === 0 && out.image.data[i] !== image.data[i]) changedOutside++;
    await remover.release();
    const at = (x: number, y: number) => Array.from(out.image.data.slice((y * 600 + x) * 4, (y * 600 + x) * 4 + 4));
    return { crop: out.crop, centre: at(320, 215), edge: at(320, 200), changedOutside };
  },
};

(globalThis as unknown as { modelTest: typeof api }).modelTest = api;
