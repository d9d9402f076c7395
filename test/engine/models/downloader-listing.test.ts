/**
 * Every byte verified (issue 13 item 5): downloads read the Hub's tree listing for the revision
 * first (served here by the local server in the Hub's JSON shape), check size + sha256 (LFS) or
 * size + git blob id (text files) while streaming, record the listing, refuse a layout the engine
 * cannot load before any download, and re-check cached files when they change or on "Verify".
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseCatalogue } from "../../../src/engine/models/catalogue";
import type { Catalogue, CatalogueModel, ModelFile } from "../../../src/engine/models/catalogue-types";
import { HashMismatchError, ModelLayoutError, ModelNotCachedError } from "../../../src/engine/models/errors";
import { listingUrl } from "../../../src/engine/models/hub-listing";
import { downloadModel, openCachedModel, verifyCachedModel } from "../../../src/engine/models/index";
import { recordedListing } from "../../../src/engine/models/listing-store";
import { storeKey } from "../../../src/engine/models/model-store";
import { NodeDirectoryStore } from "../../../src/engine/models/node-directory-store";
import { startModelServer, type ModelServer } from "./model-server";
import { fixtureFiles, fixtureProvenance, testCatalogue, tinyFp32Variant } from "./test-catalogue";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const UNET = "/tiny-sd/unet/model.onnx";
const CONFIG = "/tiny-sd/scheduler/scheduler_config.json";

let server: ModelServer;
let files: Map<string, Uint8Array>;
let dir: string;
let store: NodeDirectoryStore;

/** The tiny-sd catalogue with its listing on the test server, plus a JSON text file (not LFS). */
function listedCatalogue(extra: (origin: string) => ModelFile[] = () => []): { catalogue: Catalogue; model: CatalogueModel } {
  const base = testCatalogue(server.origin, files, { unpinned: ["vae_encoder/model.onnx", "unet/model.onnx"], listing: true });
  const model = base.models[0];
  const config: ModelFile = { role: "config", path: "scheduler/scheduler_config.json", url: `${server.origin}${CONFIG}`, size: null, sizeExact: false, sha256: null, hashPinned: false };
  const variant = tinyFp32Variant({ gpuBytes: 1e7, wasmHeapBytes: 1e8 }, [...model.variants[0].files, config, ...extra(server.origin)]);
  const catalogue = parseCatalogue({ ...base, models: [{ ...model, ...fixtureProvenance("tiny-sd", server.origin), source: model.source, variants: [variant] }] });
  return { catalogue, model: catalogue.models[0] };
}

beforeEach(async () => {
  files = fixtureFiles();
  files.set(CONFIG, new TextEncoder().encode(JSON.stringify({ _class_name: "DDIMScheduler", num_train_timesteps: 1000, padding: "x".repeat(20_000) })));
  server = await startModelServer(files);
  dir = mkdtempSync(join(tmpdir(), "lgf-listing-"));
  store = new NodeDirectoryStore(dir);
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the Hub listing", () => {
  it("is read first, verifies unpinned files, and is recorded with the model", async () => {
    const { catalogue, model } = listedCatalogue();
    const cached = await downloadModel(model, model.variants[0], { store, catalogue });
    expect(server.log[0].path).toBe("/api/models/test/tiny-sd/tree/fixture");
    const metas = await store.list();
    expect(metas).toHaveLength(5);
    const unet = metas.find((m) => m.url.endsWith(UNET))!;
    expect(unet).toMatchObject({ verifiedBy: "listing", sha256: sha(files.get(UNET)!), hashPinned: false });
    expect(metas.find((m) => m.url.endsWith(CONFIG))).toMatchObject({ verifiedBy: "listing", gitOid: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(cached.file("text-encoder").sha256).toBe(sha(files.get("/tiny-sd/text_encoder/model.onnx")!));
    const listing = await recordedListing(store, listingUrl(model.source)!);
    expect(listing?.files["unet/model.onnx"]).toMatchObject({ size: files.get(UNET)!.length, sha256: sha(files.get(UNET)!), lfs: true });
  });

  it("follows the listing's Link pages", async () => {
    await server.close();
    server = await startModelServer(files, {}, { treePageSize: 2 });
    const { catalogue, model } = listedCatalogue();
    await downloadModel(model, model.variants[0], { store, catalogue });
    expect(server.log.filter((l) => l.path.startsWith("/api/"))).toHaveLength(3);
  });

  it("refuses before any download a graph whose external-data file the variant lacks, and a file the revision does not have", async () => {
    files.set("/tiny-sd/unet/model.onnx_data", new Uint8Array(100));
    const { catalogue, model } = listedCatalogue();
    const error = await downloadModel(model, model.variants[0], { store, catalogue }).catch((e) => e);
    expect(error).toBeInstanceOf(ModelLayoutError);
    expect(error.message).toMatch(/unet\/model\.onnx keeps its weights in unet\/model\.onnx_data/);
    files.delete("/tiny-sd/unet/model.onnx_data");
    const missing = listedCatalogue((origin) => [{ role: "unet-data", path: "unet/weights.pb", url: `${origin}/tiny-sd/unet/weights.pb`, size: null, sizeExact: false, sha256: null, hashPinned: false }]);
    const error2 = await downloadModel(missing.model, missing.model.variants[0], { store, catalogue: missing.catalogue }).catch((e) => e);
    expect(error2.message).toMatch(/has no unet\/weights\.pb at revision fixture/);
    expect(server.log.every((l) => l.path.startsWith("/api/"))).toBe(true);
  });
});

describe("responses that never become a cached model", () => {
  async function expectNothingCached(model: CatalogueModel, path: string) {
    const f = model.variants[0].files.find((x) => x.url.endsWith(path))!;
    expect(await store.getMeta(storeKey(f.url, f.sha256))).toBeNull();
    expect(readdirSync(dir).filter((n) => n.endsWith(".part"))).toEqual([]);
  }

  it("a gzip text file without Content-Length counts decoded bytes and verifies", async () => {
    server.behaviours.set(CONFIG, { gzip: true });
    const { catalogue, model } = listedCatalogue();
    const cached = await downloadModel(model, model.variants[0], { store, catalogue });
    expect(await cached.file("config").read()).toEqual(files.get(CONFIG));
  });

  it("a gzip text file cut short is fetched again from the start, and never cached while cut", async () => {
    server.behaviours.set(CONFIG, { gzip: true, cutAfterBytes: 300 });
    const { catalogue, model } = listedCatalogue();
    const error = await downloadModel(model, model.variants[0], { store, catalogue }).catch((e) => e);
    expect(error).toBeTruthy();
    await expectNothingCached(model, CONFIG);
    // Never resumed by byte offset: decoded offsets mean nothing to a compressed representation.
    expect(server.log.filter((l) => l.path === CONFIG).every((l) => l.range === null)).toBe(true);
  }, 60_000);

  it("a text file changed on the server (same size) fails its git blob id", async () => {
    const changed = new Uint8Array(files.get(CONFIG)!);
    changed[changed.length - 3] ^= 1;
    server.behaviours.set(CONFIG, { replaceWith: changed, times: 0 });
    const { catalogue, model } = listedCatalogue();
    const error = await downloadModel(model, model.variants[0], { store, catalogue }).catch((e) => e);
    expect(error).toBeInstanceOf(HashMismatchError);
    expect(error.message).toMatch(/git blob/);
    await expectNothingCached(model, CONFIG);
  });

  it("corrupted, wrong-size and truncated LFS files never reach the store", async () => {
    const { catalogue, model } = listedCatalogue();
    server.behaviours.set(UNET, { corruptByteAt: 4242 });
    expect(await downloadModel(model, model.variants[0], { store, catalogue }).catch((e) => e)).toBeInstanceOf(HashMismatchError);
    await expectNothingCached(model, UNET);

    const longer = new Uint8Array(files.get(UNET)!.length + 10);
    longer.set(files.get(UNET)!);
    server.behaviours.set(UNET, { replaceWith: longer, times: 0 });
    const wrongSize = await downloadModel(model, model.variants[0], { store, catalogue }).catch((e) => e);
    expect(wrongSize).toBeInstanceOf(HashMismatchError);
    expect(wrongSize.message).toMatch(/more than \d+ bytes/);
    await expectNothingCached(model, UNET);

    // Every answer is the whole file cut at the same byte, with no length to show it: the listing's size does.
    server.behaviours.set(UNET, { closeDelimited: true, cutAfterBytes: 1_000_000, ignoreRange: true });
    const cut = await downloadModel(model, model.variants[0], { store, catalogue }).catch((e) => e);
    expect(cut).toBeInstanceOf(HashMismatchError);
    expect(cut.message).toMatch(/got 1000000 bytes/);
    const f = model.variants[0].files.find((x) => x.url.endsWith(UNET))!;
    expect(await store.getMeta(storeKey(f.url, f.sha256))).toBeNull();
  }, 60_000);
});

describe("cached files are re-checked", () => {
  it("a stored file changed on disk is hashed again, dropped, and downloaded again", async () => {
    const { catalogue, model } = listedCatalogue();
    const variant = model.variants[0];
    await downloadModel(model, variant, { store, catalogue });
    const unet = variant.files.find((f) => f.url.endsWith(UNET))!;
    const bin = join(dir, readdirSync(dir).find((n) => n.endsWith(".bin") && readFileSync(join(dir, n)).length === files.get(UNET)!.length)!);
    const bytes = readFileSync(bin);
    bytes[1000] ^= 0xff;
    writeFileSync(bin, bytes); // same size, new mtime
    await expect(openCachedModel(model, variant, store, catalogue)).rejects.toBeInstanceOf(ModelNotCachedError);
    const before = server.log.filter((l) => l.path === UNET).length;
    const cached = await downloadModel(model, variant, { store, catalogue });
    expect(server.log.filter((l) => l.path === UNET).length).toBe(before + 1);
    expect(cached.file("unet").sha256).toBe(sha(files.get(UNET)!));
    expect(await store.getMeta(storeKey(unet.url, unet.sha256))).toMatchObject({ verifiedBy: "listing" });
  });

  it("Verify hashes every file again and names the ones that failed", async () => {
    const { catalogue, model } = listedCatalogue();
    const variant = model.variants[0];
    await downloadModel(model, variant, { store, catalogue });
    expect(await verifyCachedModel(variant, store)).toEqual({ checked: 5, failed: [] });
    const meta = (await store.list()).find((m) => m.url.endsWith(CONFIG))!;
    // Same size and mtime, other bytes: only an explicit Verify can see it.
    await store.writeMeta(meta.key, { ...meta, sha256: "0".repeat(64) });
    expect(await verifyCachedModel(variant, store)).toEqual({ checked: 5, failed: ["scheduler/scheduler_config.json"] });
    expect(await store.getMeta(meta.key)).toBeNull();
  });
});
