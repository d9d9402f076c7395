/**
 * Every tiny-sd-lcm case (TINY_SD_LCM_CASES_DIR) through the engine, compared with diffusers'
 * LatentConsistencyModelPipeline / LatentConsistencyModelImg2ImgPipeline runs: the guidance
 * embedding (timestep_cond), the timesteps, every step's latents and denoised, and the output.
 * The model folder (TINY_SD_LCM_MODELS_DIR, Optimum's layout: unet/model.onnx + model.onnx_data)
 * is loaded through the same path as the CLI (readModelDir → loadEngineFromSources, the loader the worker uses), so the
 * engine itself has to recognise the LCM UNet from its graph and the folder's configs.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixturePath, requireEntries } from "../support/fixture-dirs";
import { createOrtWebBackend } from "../../src/engine/runtime/ort-web-backend";
import { tryCreateOrtNodeBackend } from "../../src/engine/runtime/ort-node-backend";
import type { ExecutionBackend } from "../../src/engine/runtime/backend";
import { StableDiffusionEngine } from "../../src/engine/engine";
import { loadEngineFromSources } from "../../src/engine/worker/engine-from-sources";
import { readModelDir } from "../../src/engine/node/model-dir";
import type { TraceEvent } from "../../src/engine/pipelines/options";
import { readRgbaPng } from "./support/png";
import { RecordedNoise } from "./support/recorded-noise";
import { caseTensor, readSpec, readTinyCase, requestFor, schedulerConfigOf } from "./support/tiny-case";
import { UNetModel } from "../../src/engine/components/unet";

const casesDir = fixturePath("TINY_SD_LCM_CASES_DIR", "test/fixtures/tiny-sd-lcm/cases");
const modelsDir = fixturePath("TINY_SD_LCM_MODELS_DIR", "test/fixtures/tiny-sd-lcm/models");

// Tolerances of the fixture README.
const TOL = { timestepCond: 1e-5, latentsInit: 1e-5, stepLatents: 5e-4, stepDenoised: 5e-4, output: 1e-3 };

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
  }
  return m;
}

const caseNames = requireEntries(casesDir, (name) => statSync(join(casesDir, name)).isDirectory(), "tiny-sd-lcm parity cases");

const nodeBackend = await tryCreateOrtNodeBackend({ intraOpNumThreads: 1 });
const BACKENDS: { label: string; backend: ExecutionBackend | null }[] = [
  { label: "onnxruntime-web (wasm)", backend: createOrtWebBackend() },
  { label: "onnxruntime-node", backend: nodeBackend },
];

for (const { label, backend } of BACKENDS) {
  const title = `LCM pipelines reproduce diffusers on the tiny-sd-lcm cases, on ${label}`;
  if (!backend) {
    it.skip(`${title}: not installed here, its ${caseNames.length} cases are skipped`, () => {});
    continue;
  }
  describe(title, () => {
    let engine: Promise<StableDiffusionEngine> | null = null;
    const load = () => (engine ??= (async () => {
      const folder = readModelDir(modelsDir);
      return loadEngineFromSources(backend, folder.sources, folder.settings);
    })());
    // A case whose unet_model names another folder gets that UNet, loaded through the same path.
    const otherUnets = new Map<string, Promise<UNetModel>>();
    const engineFor = async (c: ReturnType<typeof readTinyCase>): Promise<StableDiffusionEngine> => {
      const e = await load();
      let unet = e.models.unet;
      if (c.unetModel !== "unet") {
        if (!otherUnets.has(c.unetModel)) {
          const source = readModelDir(modelsDir).sources.unet!;
          const folder = join(modelsDir, c.unetModel);
          const data = source.externalData?.map((x) => ({ path: x.path, data: join(folder, x.path) }));
          otherUnets.set(c.unetModel, UNetModel.load(backend, { name: `${c.unetModel}/model.onnx`, url: join(folder, "model.onnx"), externalData: data }));
        }
        unet = await otherUnets.get(c.unetModel)!;
      }
      // The case's own scheduler config and VAE scaling factor, as the reference run used them.
      return new StableDiffusionEngine({ ...e.models, unet, schedulerConfig: schedulerConfigOf(c), vaeScalingFactor: c.params.vae_scaling_factor });
    };
    const summary: string[] = [];
    afterAll(async () => {
      console.log(`${label}: ${summary.length} of ${caseNames.length} tiny-sd-lcm cases passed\n${summary.join("\n")}`);
      await (await engine)?.release();
      for (const unet of otherUnets.values()) await (await unet).session.release();
    });

    it("loads the folder as an LCM model (timestep_cond from the graph)", async () => {
      const e = await load();
      expect(e.isLatentConsistencyModel).toBe(true);
      expect(e.models.unet?.timeCondProjDim).toBe(256);
      expect(e.inpaintMethod).toBe("latent-blending"); // with the LCM rules
    });

    it("fills a mask with the LCM rules (latent blending, one UNet row per image, LCM timesteps)", async () => {
      const e = await load();
      const image = readRgbaPng(join(casesDir, caseNames.find((n) => existsSync(join(casesDir, n, "input_image.png"))) ?? caseNames[0], "input_image.png"));
      const mask = { width: image.width, height: image.height, data: new Uint8Array(image.width * image.height) };
      for (let y = 16; y < 48; y++) mask.data.fill(255, y * image.width + 16, y * image.width + 48);
      const unetRows: number[] = [];
      const result = await e.inpaint({
        prompt: { inputIds: Int32Array.from([0, 402, 11, 998, 5, 640, ...new Array(71).fill(2)]) },
        numInferenceSteps: 4,
        guidanceScale: 8,
        seed: 5,
        image,
        mask,
        onTrace: (ev) => void (ev.name === "unet_in" && unetRows.push(ev.dims[0])),
      });
      expect(result.timesteps).toEqual([999, 759, 499, 259]);
      expect(unetRows).toEqual([1, 1, 1, 1]); // no classifier-free guidance
      expect(result.pixels.every(Number.isFinite)).toBe(true);
    });

    for (const name of caseNames) {
      it(name, async () => {
        const c = readTinyCase(join(casesDir, name));
        const e = await engineFor(c);
        const traces = new Map<string, TraceEvent>();
        const noise = new RecordedNoise(c.dir, c.noiseDraws);
        const request = { ...requestFor(c, noise), onTrace: (ev: TraceEvent) => void traces.set(ev.index === undefined ? ev.name : `${ev.name}#${ev.index}`, ev) };
        const result = await e.generate(request, request);

        expect(result.timesteps, `${name}: timesteps`).toEqual(c.scheduler.timesteps_used);
        expect(noise.used, `${name}: random draws consumed`).toBe(c.noiseDraws.length);

        const rows: { what: string; diff: number; tol: number }[] = [];
        const compare = (what: string, traced: string, expected: { data: Float32Array; shape: number[] } | null, tol: number) => {
          if (!expected) throw new Error(`${name}: case.json has no ${what}`);
          const got = traces.get(traced);
          if (!got) throw new Error(`${name}: the pipeline never produced ${what}`);
          expect(got.dims, `${name}: ${what} shape`).toEqual(expected.shape);
          rows.push({ what, diff: maxAbsDiff(got.data, expected.data), tol });
        };
        compare("timestep_cond", "timestep_cond", caseTensor(c, "timestep_cond"), TOL.timestepCond);
        compare("latents_init", "latents_init", caseTensor(c, "latents_init"), TOL.latentsInit);
        for (const step of c.steps) {
          compare(`step ${step.i} latents`, `latents#${step.i}`, readSpec(c, step.latents), TOL.stepLatents);
          if (!step.denoised) throw new Error(`${name}: step ${step.i} has no denoised record`);
          compare(`step ${step.i} denoised`, `denoised#${step.i}`, readSpec(c, step.denoised), TOL.stepDenoised);
        }
        const output = caseTensor(c, "output")!;
        expect([result.images.length, result.height, result.width, 3]).toEqual(output.shape);
        rows.push({ what: "output", diff: maxAbsDiff(result.pixels, output.data), tol: TOL.output });

        const worst = (prefix: RegExp) => Math.max(...rows.filter((r) => prefix.test(r.what)).map((r) => r.diff));
        const line =
          `  ${name}: ${c.pipeline}, ${c.steps.length} steps [${result.timesteps.join(", ")}], guidance ${c.params.guidance_scale}, ` +
          `${c.params.width}x${c.params.height} x${c.params.num_images_per_prompt}: timestep_cond ${worst(/^timestep_cond/).toExponential(2)}, ` +
          `latents ${worst(/latents$/).toExponential(2)}, denoised ${worst(/denoised$/).toExponential(2)}, output ${worst(/^output/).toExponential(2)}`;
        console.log(`${label}${line}`);
        const failures = rows.filter((r) => !(r.diff <= r.tol));
        expect(failures.map((r) => `${r.what}: ${r.diff.toExponential(2)} > ${r.tol}`), `${label} ${name}`).toEqual([]);
        summary.push(line);
      });
    }
  });
}
