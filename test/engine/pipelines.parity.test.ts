/**
 * Every tiny-sd case (TINY_SD_CASES_DIR) through the engine's own pipeline, compared stage by
 * stage with diffusers' recorded run: preprocessing, VAE encodes, initial latents, every step's
 * UNet input/output and latents (reporting the first step that drifts), decoder, final pixels and
 * PNG. Models come from TINY_SD_MODELS_DIR; the pipeline, UNet folder, scheduler and parameters
 * from each case.json. Every case runs on onnxruntime-web (wasm) and, when the optional
 * onnxruntime-node is installed, on it too, with the same tolerances.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { requireEntries } from "../support/fixture-dirs";
import { createOrtWebBackend } from "../../src/engine/runtime/ort-web-backend";
import { tryCreateOrtNodeBackend } from "../../src/engine/runtime/ort-node-backend";
import type { ExecutionBackend } from "../../src/engine/runtime/backend";
import { StableDiffusionEngine } from "../../src/engine/engine";
import { TextEncoderModel } from "../../src/engine/components/text-encoder";
import { UNetModel } from "../../src/engine/components/unet";
import { VaeDecoderModel, VaeEncoderModel } from "../../src/engine/components/vae";
import type { TraceEvent } from "../../src/engine/pipelines/options";
import { toRgbaImages } from "../../src/engine/pipelines/image-processor";
import { readRgbaPng } from "./support/png";
import { RecordedNoise } from "./support/recorded-noise";
import { caseTensor, readSpec, readTinyCase, requestFor, schedulerConfigOf } from "./support/tiny-case";
import { tinyCasesDir, tinyModel } from "./support/tiny-models";

// Tolerances from the fixture README ("Recommended tolerances for a TypeScript port").
const TOL = {
  model: 1e-4, // a network on the stored inputs, text-encoder output
  initImage: 1e-7, // x/255*2-1 in float32, 1 ulp
  exact: 0,
  latentsPrep: 1e-5, // masked_image_latents, latents_init, image_latents
  stepLatents: 5e-4,
  output: 1e-4,
  pngLevels: 1,
};

/** One backend's sessions, loaded on first use and shared by its cases. */
function sessionsOn(backend: ExecutionBackend) {
  let shared: Promise<{ textEncoder: TextEncoderModel; vaeEncoder: VaeEncoderModel; vaeDecoder: VaeDecoderModel }> | null = null;
  const unets = new Map<string, Promise<UNetModel>>();
  return {
    backend,
    shared: () =>
      (shared ??= (async () => ({
        textEncoder: await TextEncoderModel.load(backend, tinyModel("text_encoder")),
        vaeEncoder: await VaeEncoderModel.load(backend, tinyModel("vae_encoder")),
        vaeDecoder: await VaeDecoderModel.load(backend, tinyModel("vae_decoder")),
      }))()),
    unetFor(folder: string): Promise<UNetModel> {
      if (!unets.has(folder)) unets.set(folder, UNetModel.load(backend, tinyModel(folder)));
      return unets.get(folder)!;
    },
  };
}

// One intra-op thread: the machine is shared, and a single thread keeps the native sums in one order.
const nodeBackend = await tryCreateOrtNodeBackend({ intraOpNumThreads: 1 });
const BACKENDS: { label: string; sessions: ReturnType<typeof sessionsOn> | null }[] = [
  { label: "onnxruntime-web (wasm)", sessions: sessionsOn(createOrtWebBackend()) },
  { label: "onnxruntime-node", sessions: nodeBackend ? sessionsOn(nodeBackend) : null },
];
if (!nodeBackend) console.warn("onnxruntime-node is not installed: its parity cases are skipped (npm install onnxruntime-node to run them).");

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
  }
  return m;
}

interface Row {
  what: string;
  diff: number;
  tol: number | null; // null = reported, not asserted
}

/** The largest differences over a backend's cases, printed when its cases are done. */
class WorstDiffs {
  private readonly worst = new Map<string, number>();
  add(kind: string, diff: number): void {
    this.worst.set(kind, Math.max(this.worst.get(kind) ?? 0, diff));
  }
  toString(): string {
    return [...this.worst].map(([kind, diff]) => `${kind} ${diff.toExponential(2)}`).join(", ");
  }
}

/** Which summary a comparison counts towards. */
function kindOf(what: string): string {
  if (what.endsWith("UNet on stored input")) return "UNet alone";
  if (what.endsWith(" latents")) return "step latents";
  if (what.endsWith("(uint8 levels)")) return "PNG levels";
  return what.replace(/\(.*\)$/, "");
}

const caseNames = requireEntries(tinyCasesDir, (name) => statSync(join(tinyCasesDir, name)).isDirectory(), "tiny-sd parity cases");

for (const { label, sessions } of BACKENDS) {
  const title = `pipelines reproduce diffusers on the tiny-sd cases, on ${label}`;
  if (!sessions) {
    it.skip(`${title}: ${label} is not installed here, its ${caseNames.length} cases are skipped`, () => {});
    continue;
  }
  describe(title, () => {
    const worst = new WorstDiffs();
    let passed = 0;
    afterAll(() => console.log(`${label}: ${passed} of ${caseNames.length} cases passed; max |Δ| over all cases: ${worst}`));
    for (const name of caseNames) parityCase(name, label, sessions, worst, () => passed++);
  });
}

/** One case on one backend: the engine's traces against diffusers' recorded tensors. */
function parityCase(name: string, label: string, sessions: ReturnType<typeof sessionsOn>, worst: WorstDiffs, onPassed: () => void): void {
  const { backend } = sessions;
  it(name, async () => {
    const c = readTinyCase(join(tinyCasesDir, name));
    const parts = await sessions.shared();
    const unet = await sessions.unetFor(c.unetModel);
    const engine = new StableDiffusionEngine({
      backend,
      textEncoder: parts.textEncoder,
      unet: unet.inChannels === 4 ? unet : null,
      inpaintUnet: unet.inChannels === 9 ? unet : null,
      vaeEncoder: parts.vaeEncoder,
      vaeDecoder: parts.vaeDecoder,
      tokenizer: null,
      schedulerConfig: schedulerConfigOf(c),
      vaeScalingFactor: c.params.vae_scaling_factor,
    });

    const traces = new Map<string, TraceEvent>();
    const noise = new RecordedNoise(c.dir, c.noiseDraws);
    const request = { ...requestFor(c, noise), onTrace: (e: TraceEvent) => void traces.set(e.index === undefined ? e.name : `${e.name}#${e.index}`, e) };
    const result = await engine.generate(request, request);

    const rows: Row[] = [];
    const check = (what: string, traced: string, expected: { data: Float32Array; shape: number[] } | null, tol: number | null) => {
      if (!expected) return;
      const got = traces.get(traced);
      if (!got) {
        // diffusers computes some tensors it never uses (legacy inpainting encodes the masked
        // image); a missing one that mattered shows up in the UNet inputs of every step.
        rows.push({ what: `${what} (not computed by the port)`, diff: NaN, tol: null });
        return;
      }
      expect(got.dims, `${what} shape`).toEqual(expected.shape);
      rows.push({ what, diff: maxAbsDiff(got.data, expected.data), tol });
    };

    // Schedule and noise bookkeeping.
    expect(result.timesteps, "timesteps run").toEqual(c.steps.map((s) => s.t));
    expect(noise.used, "random draws consumed").toBe(c.noiseDraws.length);

    // Text and preprocessing.
    check("encoder_hidden_states", "encoder_hidden_states", caseTensor(c, "encoder_hidden_states"), TOL.model);
    check("init_image", "init_image", caseTensor(c, "init_image"), TOL.initImage);
    check("mask_condition", "mask_condition", caseTensor(c, "mask_condition"), TOL.exact);
    check("masked_image", "masked_image", caseTensor(c, "masked_image"), TOL.initImage);
    check("mask_latent", "mask_latent", caseTensor(c, "mask_latent"), TOL.exact);
    // VAE encodes, matched by what was encoded (a pipeline may skip an encode it does not use).
    for (const spec of c.vaeEncoderOutputs) {
      const traced = traces.get(`vae_encoder_out:${spec.input}`);
      if (traced) rows.push({ what: `vae_encoder_out(${spec.input})`, diff: maxAbsDiff(traced.data, readSpec(c, spec).data), tol: TOL.model });
    }
    check("masked_image_latents", "masked_image_latents", caseTensor(c, "masked_image_latents"), TOL.latentsPrep);
    check("image_latents", "image_latents", caseTensor(c, "image_latents"), TOL.latentsPrep);
    check("latents_init", "latents_init", caseTensor(c, "latents_init"), TOL.latentsPrep);

    // Denoising steps: the pipeline's own tensors, plus the UNet alone on the stored input.
    const stepRows: string[] = [];
    let firstDrift: number | null = null;
    const hidden = caseTensor(c, "encoder_hidden_states");
    for (const step of c.steps) {
      const latents = readSpec(c, step.latents);
      const got = traces.get(`latents#${step.i}`);
      const dLatents = got ? maxAbsDiff(got.data, latents.data) : Infinity;
      rows.push({ what: `step ${step.i} latents`, diff: dLatents, tol: TOL.stepLatents });
      if (firstDrift === null && !(dLatents <= TOL.stepLatents)) firstDrift = step.i;
      const unetIn = readSpec(c, step.unet_in);
      const unetOut = readSpec(c, step.unet_out);
      const dIn = maxAbsDiff(traces.get(`unet_in#${step.i}`)?.data ?? new Float32Array(), unetIn.data);
      const dOut = maxAbsDiff(traces.get(`unet_out#${step.i}`)?.data ?? new Float32Array(), unetOut.data);
      let dModel = NaN;
      if (hidden) {
        const alone = await unet.predictNoise(unetIn.data, unetIn.shape, step.t, hidden.data, hidden.shape);
        dModel = maxAbsDiff(alone, unetOut.data);
        rows.push({ what: `step ${step.i} UNet on stored input`, diff: dModel, tol: TOL.model });
      }
      stepRows.push(`  step ${step.i} t=${step.t}: unet_in ${dIn.toExponential(1)}, unet_out ${dOut.toExponential(1)}, UNet-alone ${dModel.toExponential(1)}, latents ${dLatents.toExponential(1)}`);
    }

    // Decode and output.
    check("vae_decoder_in", "vae_decoder_in", caseTensor(c, "vae_decoder_in"), null);
    check("vae_decoder_out", "vae_decoder_out", caseTensor(c, "vae_decoder_out"), null);
    const output = caseTensor(c, "output")!;
    expect([result.images.length, result.height, result.width, 3]).toEqual(output.shape);
    rows.push({ what: "output", diff: maxAbsDiff(result.pixels, output.data), tol: TOL.output });
    const pngs = toRgbaImages(result.pixels, result.images.length, result);
    c.outputPngs.forEach((file, k) => {
      const expected = readRgbaPng(join(c.dir, file));
      let worst = 0;
      for (let i = 0; i < expected.data.length; i++) worst = Math.max(worst, Math.abs(expected.data[i] - pngs[k].data[i]));
      rows.push({ what: `${file} (uint8 levels)`, diff: worst, tol: TOL.pngLevels });
    });

    const failures = rows.filter((r) => r.tol !== null && !(r.diff <= r.tol));
    const worstStep = Math.max(...rows.filter((r) => r.what.endsWith(" latents")).map((r) => r.diff));
    for (const r of rows) if (r.tol !== null) worst.add(kindOf(r.what), r.diff);
    console.log(
      `${label} ${c.name}: ${c.pipeline}/${c.unetModel}(${unet.inChannels}ch) ${c.scheduler.class_name}, ${c.steps.length} steps, ` +
        `max step latents ${worstStep.toExponential(2)}, output ${rows.find((r) => r.what === "output")!.diff.toExponential(2)}`,
    );
    const report =
      `${c.name}: ${failures.length} comparison(s) over tolerance` +
      (firstDrift !== null ? `; latents drift first at step ${firstDrift} (t=${c.steps[firstDrift].t})` : "") +
      `\n${failures.map((r) => `  ${r.what}: ${r.diff.toExponential(2)} > ${r.tol}`).join("\n")}\n${stepRows.join("\n")}`;
    expect(failures, `${label} ${report}`).toEqual([]);
    onPassed();
  });
}

