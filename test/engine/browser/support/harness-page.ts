/**
 * Browser-side harness (bundled with esbuild): drives the engine worker through the real
 * EngineClient and returns plain, serialisable summaries to the test via `window.harness`.
 */
import type { DeviceReport, EngineNotice, GenerateRequest, InitOptions, LoadedModelReport, MemoryReport, ModelSource, PreviewDecoderSpec, TestFault } from "../../../../src/contract/worker-protocol";
import { createWorkerEngineClient, type EngineClient } from "../../../../src/engine/worker";
import { prepareFill } from "../../../../src/imaging/fill";
import { runStepsYielding } from "../../../../src/imaging/steps";
import { planGenerationSteps } from "../../../../src/ui/flow/plan-generation";
import { fillStartInWorker } from "../../../../src/ui/flow/remove-prefill";
import { DEFAULT_SETTINGS } from "../../../../src/ui/settings/panel-settings";

/** A GenerateRequest with typed arrays as plain number arrays (what page.evaluate can carry). */
export interface PlainRequest extends Omit<GenerateRequest, "prompt" | "negativePrompt" | "image" | "noiseDraws" | "mask"> {
  promptIds: number[];
  negativeIds?: number[];
  image?: { width: number; height: number; data: number[] };
  noiseDraws?: number[][];
}

export interface RunSummary {
  ok: boolean;
  error?: { name: string; message: string };
  backend?: string;
  pixels?: number[];
  imageSizes?: { width: number; height: number }[];
  steps: number[];
  previews: { step: number; kind: string; width: number; height: number; mean: number }[];
  notices: EngineNotice[];
  unetStepMs?: number[];
  totalMs?: number;
  residentInputs?: { uploads: number; reuses: number };
  /** Longest gap between 10 ms interval ticks on the page's main thread during the run. */
  mainThreadMaxGapMs: number;
  /** The request's image buffer length after the call (0 = transferred). */
  imageBytesAfterSend: number;
}

const clients = new Map<string, EngineClient>();

function client(name: string): EngineClient {
  const c = clients.get(name);
  if (!c) throw new Error(`no engine "${name}"`);
  return c;
}

/** Runs `work` while a 10 ms interval ticks: the longest gap between ticks is the main thread's longest stall. */
async function stallWhile<T>(work: () => Promise<T> | T): Promise<{ value: T; maxGapMs: number; totalMs: number }> {
  let last = performance.now(), maxGapMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
  }, 10);
  const pause = () => new Promise((r) => setTimeout(r, 50));
  await pause();
  const t0 = performance.now();
  const value = await work();
  const totalMs = performance.now() - t0;
  await pause();
  clearInterval(ticker);
  return { value, maxGapMs, totalMs };
}

/** A `side`² striped source with a `hole`² painted hole at its centre. */
function stallScene(side: number, hole: number) {
  const source = { width: side, height: side, data: new Uint8ClampedArray(side * side * 4) };
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) source.data.set([(x >> 3) % 2 ? 200 : 40, (y * 255) / side, 110, 255], (y * side + x) * 4);
  const mask = { width: side, height: side, data: new Uint8Array(side * side) };
  const h0 = (side - hole) >> 1;
  for (let y = h0; y < h0 + hole; y++) mask.data.fill(255, y * side + h0, y * side + h0 + hole);
  return { source, mask };
}

const harness = {
  /**
   * The panel's work for Generative fill with SD's exemplar start on a `side`² source with a
   * `hole`² hole at its centre: "panel" = the old way (prepareFill fills the hole on this thread),
   * "worker" = planGenerationSteps (a step per turn, as the panel plans) + fillStartInWorker through engine `name` (remove-prefill.ts).
   */
  async exemplarStartStall(how: "panel" | "worker", side: number, hole: number, name = "") {
    const { source, mask } = stallScene(side, hole);
    const settings = { ...DEFAULT_SETTINGS, prompt: "", strength: 0.6 };
    const stall = await stallWhile(async () => {
      if (how === "panel") return prepareFill(source, { mask }, { maxModelSide: 512, growPx: settings.growPx, featherPx: settings.featherPx, prefill: "exemplar" }).modelImage.width;
      // Planned as the panel plans (plan-run.ts): a step per turn.
      const plan = await runStepsYielding(planGenerationSteps({ mode: "fill", source, maskShapes: [], paintedMask: mask, settings, maxModelSide: 512, seed: 1 }));
      plan.workerPrefill = "exemplar"; // today's measured default start is "blur" (sd-prefill.ts): force the exemplar one
      const engine = client(name);
      await fillStartInWorker({ remove: (request, onEvent) => engine.remove(request, { onEvent }) }, plan, () => undefined, new AbortController().signal);
      return plan.request.image!.width;
    });
    return { maxGapMs: stall.maxGapMs, totalMs: stall.totalMs, modelWidth: stall.value };
  },


  /** Planning alone (as the panel plans: planGenerationSteps a step per turn, same source and hole as exemplarStartStall), `times` in a row: each call's longest stall. */
  async planStall(side: number, hole: number, times: number) {
    const { source, mask } = stallScene(side, hole);
    const settings = { ...DEFAULT_SETTINGS, prompt: "", strength: 0.6 };
    const stalls: number[] = [];
    for (let i = 0; i < times; i++) stalls.push((await stallWhile(() => runStepsYielding(planGenerationSteps({ mode: "fill", source, maskShapes: [], paintedMask: mask, settings, maxModelSide: 512, seed: 1 })))).maxGapMs);
    return stalls;
  },

  async start(name: string, options: InitOptions): Promise<DeviceReport> {
    const worker = new Worker("/app/engine.worker.js", { type: "module", name });
    const engine = createWorkerEngineClient(worker);
    clients.set(name, engine);
    return engine.init({ ortWasmBase: `${location.origin}/ort/`, ...options });
  },

  async estimate(name: string, source: ModelSource): Promise<MemoryReport> {
    return client(name).estimate(source);
  },

  async load(name: string, source: ModelSource, preview?: PreviewDecoderSpec): Promise<{ ok: boolean; model?: LoadedModelReport; error?: { name: string; message: string }; notices: EngineNotice[] }> {
    const notices: EngineNotice[] = [];
    try {
      const model = await client(name).load(source, { preview, onEvent: (e) => e.type === "notice" && notices.push(e.notice) });
      return { ok: true, model, notices };
    } catch (error) {
      return { ok: false, error: describe(error), notices };
    }
  },

  async fault(name: string, fault: TestFault): Promise<void> {
    await client(name).injectTestFault(fault);
  },

  async generate(name: string, plain: PlainRequest, options: { cancelAtStep?: number } = {}): Promise<RunSummary> {
    const { promptIds, negativeIds, image, noiseDraws, ...rest } = plain;
    const request: GenerateRequest = {
      ...rest,
      prompt: { inputIds: Int32Array.from(promptIds) },
      negativePrompt: negativeIds ? { inputIds: Int32Array.from(negativeIds) } : undefined,
      image: image ? { width: image.width, height: image.height, data: Uint8ClampedArray.from(image.data) } : undefined,
      noiseDraws: noiseDraws?.map((d) => Float32Array.from(d)),
    };
    const summary: RunSummary = { ok: false, steps: [], previews: [], notices: [], mainThreadMaxGapMs: 0, imageBytesAfterSend: -1 };
    const controller = new AbortController();
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      summary.mainThreadMaxGapMs = Math.max(summary.mainThreadMaxGapMs, now - last);
      last = now;
    }, 10);
    try {
      const running = client(name).generate(request, {
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === "step") {
            summary.steps.push(e.step);
            if (options.cancelAtStep !== undefined && e.step >= options.cancelAtStep) controller.abort();
          } else if (e.type === "preview") {
            const img = e.images[0];
            let sum = 0;
            for (let i = 0; i < img.data.length; i += 4) sum += img.data[i] + img.data[i + 1] + img.data[i + 2];
            summary.previews.push({ step: e.step, kind: e.kind, width: img.width, height: img.height, mean: sum / ((img.data.length / 4) * 3) });
          } else if (e.type === "notice") summary.notices.push(e.notice);
        },
      });
      summary.imageBytesAfterSend = request.image?.data.byteLength ?? -1;
      const result = await running;
      summary.ok = true;
      summary.backend = result.backend;
      summary.pixels = result.pixels ? Array.from(result.pixels) : undefined;
      summary.imageSizes = result.images.map((i) => ({ width: i.width, height: i.height }));
      summary.unetStepMs = result.timings.unetSteps;
      summary.totalMs = result.timings.total;
      summary.residentInputs = result.residentInputs;
    } catch (error) {
      summary.error = describe(error);
    } finally {
      clearInterval(ticker);
    }
    return summary;
  },
};

function describe(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: "Error", message: String(error) };
}

(window as unknown as { harness: typeof harness }).harness = harness;
export type Harness = typeof harness;
