/**
 * The catalogue's models take text prompts with the add-on's own tokenizer: no model downloads
 * tokenizer files, and a model's family decides its pad token.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getCatalogue, parseCatalogue } from "../../../src/engine/models/catalogue";
import { NodeDirectoryStore } from "../../../src/engine/models/node-directory-store";
import { resolveModelSource } from "../../../src/engine/worker/model-source";

const catalogue = getCatalogue();
const emptyStoreDir = mkdtempSync(join(tmpdir(), "lgf-no-tokenizer-"));
afterAll(() => rmSync(emptyStoreDir, { recursive: true, force: true }));

describe("catalogue tokenizers", () => {
  it("names a tokenizer family for every generation model and downloads no tokenizer file", () => {
    const families = Object.fromEntries(catalogue.models.filter((m) => m.tokenizer).map((m) => [m.id, m.tokenizer]));
    expect(families).toEqual({ "sd-turbo": "clip-sd2", "sd15-inpainting": "clip-sd1", "lcm-dreamshaper-v7": "clip-sd1" });
    const tokenizerFiles = catalogue.models.flatMap((m) => m.variants.flatMap((v) => v.files.filter((f) => f.path.startsWith("tokenizer/")).map((f) => `${m.id}/${v.id}/${f.path}`)));
    expect(tokenizerFiles).toEqual([]);
  });

  it.each([
    ["sd15-inpainting", 49407],
    ["lcm-dreamshaper-v7", 49407],
    ["sd-turbo", 0],
  ])("%s tokenizes a text prompt with nothing downloaded (pads with %i)", async (modelId, pad) => {
    const store = new NodeDirectoryStore(emptyStoreDir);
    const resolved = await resolveModelSource({ kind: "catalogue", modelId }, { store, catalogue });
    expect(resolved.loadTokenizer).not.toBeNull();
    const tokens = (await resolved.loadTokenizer!()).encode("a red fox in the snow");
    expect([...tokens.inputIds.slice(0, 8)]).toEqual([49406, 320, 736, 3240, 530, 518, 2583, 49407]);
    expect(tokens.inputIds[76]).toBe(pad);
    expect(readdirSync(emptyStoreDir)).toEqual([]); // the model cache was never touched
  });

  it("refuses a generation model without a tokenizer family, and an unknown family", () => {
    const withModel = (change: (m: Record<string, unknown>) => void) => {
      const copy = structuredClone(catalogue) as unknown as { models: Record<string, unknown>[] };
      change(copy.models.find((m) => m.id === "sd-turbo")!);
      return () => parseCatalogue(copy);
    };
    expect(withModel((m) => delete m.tokenizer)).toThrow(/sd-turbo.*needs "tokenizer" \(clip-sd1 or clip-sd2\)/);
    expect(withModel((m) => (m.tokenizer = "t5"))).toThrow(/unknown tokenizer "t5"/);
  });
});
