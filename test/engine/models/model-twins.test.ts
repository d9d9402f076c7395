/**
 * The contracts agree with the catalogue, and the committed twins are exactly what
 * scripts/make-model-twins.ts writes from them (so a changed contract cannot leave a stale twin).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildTwinGraph } from "../../../scripts/model-twins/twin-graphs";
import { getCatalogue } from "../../../src/engine/models/catalogue";
import { VARIANT_CONTRACTS } from "../../../src/engine/models/contracts";
import type { ContractGraph } from "../../../src/engine/models/contract-types";
import { probeModel } from "../../../src/engine/models/capabilities";
import { repoRoot } from "../../support/fixture-dirs";

const TWINS = join(repoRoot, "test/fixtures/model-twins");
const catalogue = getCatalogue();

describe("variant contracts", () => {
  it("name only files of their catalogue variant, with the same external-data files, scaling factor and tokenizer", () => {
    for (const contract of VARIANT_CONTRACTS) {
      const model = catalogue.models.find((m) => m.id === contract.modelId)!;
      const variant = model.variants.find((v) => v.id === contract.variantId)!;
      expect(variant, `${contract.modelId}/${contract.variantId}`).toBeDefined();
      for (const graph of Object.values(contract.graphs)) {
        const folder = graph!.file.slice(0, graph!.file.lastIndexOf("/") + 1);
        expect(variant.files.map((f) => f.path), `${contract.modelId}/${contract.variantId}`).toContain(graph!.file);
        const external = variant.files.filter((f) => f.externalDataPath && f.path.startsWith(folder)).map((f) => f.externalDataPath);
        expect(external, `${contract.modelId}/${contract.variantId} ${graph!.file} external data`).toEqual(graph!.externalData);
        expect(graph!.source.length, "every graph names its source").toBeGreaterThan(20);
      }
      if (contract.scalingFactor !== null && model.vaeScalingFactor !== undefined) expect(contract.scalingFactor).toBe(model.vaeScalingFactor);
      expect(contract.tokenizer ?? undefined).toBe(model.tokenizer);
    }
  });

  it("match the committed twins byte for byte (regenerate with npx tsx scripts/make-model-twins.ts)", () => {
    for (const contract of VARIANT_CONTRACTS.filter((c) => !c.twinScript)) {
      for (const [kind, graph] of Object.entries(contract.graphs) as [ContractGraph, NonNullable<(typeof contract.graphs)[ContractGraph]>][]) {
        const twin = buildTwinGraph(kind, graph);
        const folder = join(TWINS, contract.modelId, contract.variantId);
        expect(Buffer.from(twin.graph).equals(readFileSync(join(folder, graph.file))), `${contract.modelId}/${contract.variantId} ${graph.file}`).toBe(true);
        for (const [name, bytes] of twin.externalData) {
          expect(Buffer.from(bytes).equals(readFileSync(join(folder, graph.file, "..", name))), `${graph.file} ${name}`).toBe(true);
        }
      }
    }
  });

  it("lets the probe skip variants that cannot run the asked mode, saying why", () => {
    const inpainting = catalogue.models.find((m) => m.id === "sd15-inpainting")!;
    const gpu = { hasWebGPU: true, shaderF16: true, maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 31 };
    expect(probeModel(inpainting, gpu, { mode: "inpaint" }).ok).toBe(true);
    const refused = probeModel(inpainting, gpu, { mode: "text-to-image" });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? "" : refused.message).toMatch(/only repaints an existing image, so it cannot make one from text alone/);
  });
});
