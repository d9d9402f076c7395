/**
 * The catalogue walk: every (model, variant, mode) of the product catalogue either runs one
 * generation on the variant's twin (test/fixtures/model-twins, the published export's signature
 * with trivial weights) through the real path — download from a local server at the catalogue's
 * own URL paths, the model store, resolveModelSource, the contract check, ComponentSet, the
 * engine — or is refused before any download with the one sentence the panel shows.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCatalogue, parseCatalogue } from "../../../src/engine/models/catalogue";
import type { Catalogue } from "../../../src/engine/models/catalogue-types";
import { findVariantContract } from "../../../src/engine/models/contracts";
import { GENERATION_MODES, modeSupport, type GenerationModeName } from "../../../src/engine/models/mode-support";
import { ModelDownloader } from "../../../src/engine/models/model-downloader";
import { NodeDirectoryStore } from "../../../src/engine/models/node-directory-store";
import { createOrtWebBackend } from "../../../src/engine/runtime/ort-web-backend";
import { ComponentSet } from "../../../src/engine/worker/component-set";
import { resolveModelSource } from "../../../src/engine/worker/model-source";
import type { GenerateRequest } from "../../../src/contract/worker-protocol";
import { repoRoot } from "../../support/fixture-dirs";
import { ModelSession } from "../../../src/engine/io/model-session";
import { checkContract } from "../../../src/engine/io/contract-check";
import { startModelServer, type ModelServer } from "./model-server";

const TWINS = join(repoRoot, "test/fixtures/model-twins");
const product = getCatalogue();
const generators = product.models.filter((m) => m.tokenizer !== undefined);

/** The local "Hub" path of a catalogue file: `/<repo name>/<path>`, listed by the server's tree endpoint. */
function localPath(model: Catalogue["models"][number], variant: Catalogue["models"][number]["variants"][number], path: string): string {
  const source = variant.source ?? model.source;
  return `/${source.id.split("/")[1]}/${path}`;
}

/** Every twin file at the local path of the catalogue file it stands in for. */
function twinFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const model of product.models) {
    for (const variant of model.variants) {
      for (const file of variant.files) {
        const twin = join(TWINS, model.id, variant.id, file.path);
        if (existsSync(twin)) files.set(localPath(model, variant, file.path), new Uint8Array(readFileSync(twin)));
      }
    }
  }
  return files;
}

/**
 * The product catalogue on the local server, whose tree endpoint lists the twins as the Hub lists
 * the real files (so sizes and sha256 are checked as for a real download); hashes left to it.
 */
function localCatalogue(origin: string, files: Map<string, Uint8Array>): Catalogue {
  const copy = structuredClone(product) as Catalogue;
  copy.allowedHosts = [new URL(origin).host];
  for (const model of copy.models) {
    for (const variant of model.variants) {
      for (const file of variant.files) {
        const path = localPath(model, variant, file.path);
        Object.assign(file, { url: `${origin}${path}`, size: files.get(path)?.length ?? file.size, sizeExact: files.has(path), sha256: null, hashPinned: false });
      }
      if (variant.source) variant.source = { ...variant.source, host: "test", endpoint: origin };
    }
    model.source = { ...model.source, host: "test", endpoint: origin };
  }
  return parseCatalogue(copy);
}

function request(mode: GenerationModeName, model: (typeof generators)[number]): GenerateRequest {
  const steps = Math.min(model.recommended?.numInferenceSteps ?? 2, 2);
  const common = { prompt: "a red fox in the snow", numInferenceSteps: steps, guidanceScale: model.recommended?.guidanceScale, seed: 7 };
  const image = { width: 64, height: 64, data: new Uint8ClampedArray(64 * 64 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256)) };
  const mask = { width: 64, height: 64, data: new Uint8Array(64 * 64).map((_, i) => (i % 64 >= 16 && i % 64 < 48 && i >= 16 * 64 && i < 48 * 64 ? 255 : 0)) };
  if (mode === "text-to-image") return { mode, ...common, width: 64, height: 64 };
  if (mode === "img2img") return { mode, ...common, image, strength: model.recommended?.strength && model.recommended.strength < 1 ? model.recommended.strength : 0.6 };
  return { mode, ...common, image, mask };
}

let server: ModelServer;
let catalogue: Catalogue;
const storeDir = mkdtempSync(join(tmpdir(), "lgf-catalogue-walk-"));
const backend = createOrtWebBackend({ device: "wasm" });
const results: string[] = [];

beforeAll(async () => {
  const files = twinFiles();
  server = await startModelServer(files);
  catalogue = localCatalogue(server.origin, files);
});
afterAll(async () => {
  console.log(`catalogue walk:\n${results.join("\n")}`);
  await server?.close();
  rmSync(storeDir, { recursive: true, force: true });
});

describe("catalogue walk: every (model, variant, mode) runs on its twin or is refused before download", () => {
  it("has a contract and a twin for every catalogued variant", () => {
    for (const model of product.models) {
      for (const variant of model.variants) {
        const contract = findVariantContract(model.id, variant.id);
        expect(contract, `${model.id}/${variant.id} contract`).toBeDefined();
        for (const graph of Object.values(contract!.graphs)) expect(existsSync(join(TWINS, model.id, variant.id, graph!.file)), `${model.id}/${variant.id} twin ${graph!.file}`).toBe(true);
      }
    }
  });

  for (const model of generators) {
    for (const variant of model.variants) {
      it(`${model.id}/${variant.id}`, async () => {
        const local = catalogue.models.find((m) => m.id === model.id)!;
        const localVariant = local.variants.find((v) => v.id === variant.id)!;
        const supported = GENERATION_MODES.filter((mode) => modeSupport(model, variant, mode).ok);
        for (const mode of GENERATION_MODES.filter((m) => !supported.includes(m))) {
          const support = modeSupport(model, variant, mode);
          const reason = support.ok ? "" : support.reason;
          expect(reason, `${model.id}/${variant.id} ${mode} refusal`).toMatch(/^[^.]+(\.[^ .][^.]*)*\.$/); // one sentence
          results.push(`  ${model.id}/${variant.id} ${mode}: refused before download — "${reason}"`);
        }
        if (supported.length === 0) return;

        const store = new NodeDirectoryStore(storeDir);
        await new ModelDownloader({ store, allowedHosts: catalogue.allowedHosts }).downloadModel(local, localVariant);
        const resolved = await resolveModelSource({ kind: "catalogue", modelId: model.id }, { store, catalogue });
        const resolvedVariant = resolved.variants.find((v) => v.id === variant.id)!;
        expect(resolvedVariant.contract).toBe(findVariantContract(model.id, variant.id));
        const tokenizer = await resolved.loadTokenizer!();
        const components = new ComponentSet(backend, resolvedVariant, { schedulerConfig: resolved.schedulerConfig, tokenizer, vaeScalingFactor: resolved.vaeScalingFactor });
        try {
          for (const mode of supported) {
            const engine = await components.engineFor(mode);
            const result = await engine.generate(request(mode, model));
            expect(result.images.length, `${model.id}/${variant.id} ${mode}`).toBe(1);
            expect(result.pixels.every(Number.isFinite), `${model.id}/${variant.id} ${mode} pixels`).toBe(true);
            expect(engine.isLatentConsistencyModel).toBe(findVariantContract(model.id, variant.id)!.timeCondProjDim !== null);
            results.push(`  ${model.id}/${variant.id} ${mode}: ran on the twin (${components.names.join(", ")}; ${result.timesteps.length} step(s) [${result.timesteps.join(", ")}])`);
          }
        } finally {
          await components.releaseAll();
        }
      });
    }
  }

  it("refuses a file that is not the published one, naming the first difference in one sentence", async () => {
    // SD-Turbo's UNet path serves the SD 1.5 Inpainting UNet twin (9 channels, float16 IO).
    const files = twinFiles();
    const turbo = product.models.find((m) => m.id === "sd-turbo")!;
    files.set(localPath(turbo, turbo.variants[0], "unet/model.onnx"), new Uint8Array(readFileSync(join(TWINS, "sd15-inpainting", "fp16", "unet", "model.onnx"))));
    const swapped = await startModelServer(files);
    const dir = mkdtempSync(join(tmpdir(), "lgf-contract-"));
    try {
      const local = localCatalogue(swapped.origin, files);
      const model = local.models.find((m) => m.id === "sd-turbo")!;
      const store = new NodeDirectoryStore(dir);
      await new ModelDownloader({ store, allowedHosts: local.allowedHosts }).downloadModel(model, model.variants[0]);
      const resolved = await resolveModelSource({ kind: "catalogue", modelId: "sd-turbo" }, { store, catalogue: local });
      const components = new ComponentSet(backend, resolved.variants[0], { schedulerConfig: resolved.schedulerConfig, tokenizer: null });
      const error = await components.engineFor("text-to-image").catch((e: Error) => e);
      expect(error).toMatchObject({ name: "ModelContractError" });
      expect((error as Error).message).toBe(
        'unet/model.onnx of SD-Turbo fp16 is not the file this add-on was built for: its input "sample" is float16 where the published export\'s is float32. Delete the model under Models and download it again.',
      );
      await components.releaseAll();
    } finally {
      await swapped.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("loads the preview decoder and content filter twins, which match their contracts and run", async () => {
    const cases = [
      { model: "taesd", variant: "fp32", graph: "vaeDecoder" as const, signature: { inputs: { latent: ["latent_sample"] }, outputs: { out: ["sample"] } }, dims: [1, 4, 8, 8], out: [1, 3, 64, 64] },
      { model: "nsfw-vit-base", variant: "int8", graph: "classifier" as const, signature: { inputs: { latent: ["pixel_values"] }, outputs: { out: ["logits"] } }, dims: [1, 3, 384, 384], out: [1, 2] },
    ];
    for (const c of cases) {
      const contract = findVariantContract(c.model, c.variant)!.graphs[c.graph]!;
      const session = await ModelSession.open(backend, { name: contract.file, bytes: new Uint8Array(readFileSync(join(TWINS, c.model, c.variant, contract.file))) }, c.signature);
      expect(() => checkContract(session.graph, contract, `${c.model} ${c.variant}`)).not.toThrow();
      const { out } = await session.run({ latent: { floats: new Float32Array(c.dims.reduce((a, b) => a * b, 1)).fill(0.5), dims: c.dims } }, ["out"]);
      expect(out.dims).toEqual(c.out);
      await session.release();
      results.push(`  ${c.model}/${c.variant}: twin matches its contract and runs (${contract.inputs[0].name} [${c.dims}] → ${contract.outputs[0].name} [${out.dims}])`);
    }
  });
});

