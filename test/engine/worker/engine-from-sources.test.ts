/**
 * A model given as graph sources (the CLI's folder, the browser bench's URLs, tests' bytes) loads
 * through the worker's loader, ComponentSet: the same progress events a panel load reports, every
 * part the sources name, and the same images whether the graphs are paths or bytes.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ComponentName } from "../../../src/contract/worker-protocol";
import { InvalidInputError } from "../../../src/engine/errors";
import { createOrtWebBackend } from "../../../src/engine/runtime/ort-web-backend";
import type { StableDiffusionSources } from "../../../src/engine/stable-diffusion-models";
import { loadEngineFromSources } from "../../../src/engine/worker/engine-from-sources";
import { fixtureImage, maxAbsDiff, SD15_DDIM, tinyIds } from "../support/tiny-engine";
import { tinySources } from "../support/tiny-models";

const backend = createOrtWebBackend();
const settings = { schedulerConfig: SD15_DDIM };

function asBytes(sources: StableDiffusionSources): StableDiffusionSources {
  const out: Partial<StableDiffusionSources> = {};
  for (const [part, source] of Object.entries(sources)) out[part as keyof StableDiffusionSources] = { name: source.name, bytes: readFileSync(source.url!) };
  return out as StableDiffusionSources;
}

describe("loadEngineFromSources (the worker's loader for a folder)", () => {
  it("loads every part through ComponentSet, reporting the panel's load-progress events", async () => {
    const seen: ComponentName[] = [];
    const engine = await loadEngineFromSources(backend, tinySources(), settings, (event) => seen.push(event.component as ComponentName));
    expect(seen).toEqual(["textEncoder", "unet", "unetInpaint", "vaeEncoder", "vaeDecoder"]);
    expect(engine.models.unet?.inChannels).toBe(4);
    expect(engine.models.inpaintUnet?.inChannels).toBe(9);
    expect(engine.inpaintMethod).toBe("inpainting-unet");
    await engine.release();
  });

  it("gives the same image from paths and from bytes", async () => {
    const run = async (sources: StableDiffusionSources) => {
      const engine = await loadEngineFromSources(backend, sources, settings);
      const out = await engine.img2img({ prompt: tinyIds(5, 6), image: fixtureImage(), strength: 0.7, numInferenceSteps: 3, guidanceScale: 1, seed: 9 });
      await engine.release();
      return out.pixels;
    };
    const fromPaths = await run(tinySources({ withInpaintUnet: false }));
    const fromBytes = await run(asBytes(tinySources({ withInpaintUnet: false })));
    expect(maxAbsDiff(fromPaths, fromBytes)).toBe(0);
  });

  it("refuses sources without a UNet in one sentence", async () => {
    const { unet: _unet, unetInpaint: _inpaint, ...noUnet } = tinySources();
    const error = await loadEngineFromSources(backend, noUnet as StableDiffusionSources, settings).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/needs unet\/model\.onnx/);
  });
});
