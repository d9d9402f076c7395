/**
 * The Generate flow, start to finish, outside React (DESIGN.md's seven steps):
 *   1 selection (given) → 2 pixels (captureSource) → 3 plan/mask (planGeneration) → 4 engine
 *   request → 5 previews/progress → 6 finish (layerFromResult, on demand) → 7 Keep (keepResult).
 * It holds every run of this panel session so results stay browsable until the panel closes, and
 * exposes an immutable snapshot for React (useSyncExternalStore). Nothing here touches the DOM
 * except through the injected capture function.
 */
import type { InsertedLayer } from "../../contract";
import { isWithheld, type ModelSource, type RgbaPixels } from "../../contract/worker-protocol";
import type { RgbaImage } from "../../imaging";
import type { GenerateService } from "../engine/generate-service";
import type { PanelHost } from "../host/panel-host";
import type { PanelModel } from "../models/panel-models";
import type { PanelMode, PanelSettings } from "../settings/panel-settings";
import { describeFailure, isCancellation, type FailureNotice } from "./describe-failure";
import { layerFromResult } from "./finish-result";
import { generationRecord, keepResult } from "./keep-result";
import type { UsableSelection } from "./modes";
import { planGeneration, type GenerationPlan } from "./plan-generation";
import { etaSeconds, progressFraction } from "./progress-eta";
import { sourceGeometry, type SourceGeometry } from "./source-geometry";

export class PromptBlockedError extends Error {
  override name = "PromptBlockedError";
}

export type RunStatus = "preparing" | "loading" | "running" | "done" | "cancelled" | "failed";

export interface ResultItem {
  index: number;
  seed: number;
  /** pending: nothing yet; preview: a live preview; ready: final; withheld: flagged by the engine's content filter. */
  state: "pending" | "preview" | "ready" | "withheld";
  thumbnail: RgbaPixels | null;
  withheldReason: string | null;
  kept: InsertedLayer | null;
}

export interface GenerationRun {
  id: number;
  mode: PanelMode;
  modelId: string;
  modelName: string;
  settings: PanelSettings;
  seed: number;
  status: RunStatus;
  /** Step of the denoising loop (1-based) and how many there are. */
  step: number;
  totalSteps: number;
  /** 0–1 for the progress bar. */
  progress: number;
  etaSeconds: number | null;
  items: ResultItem[];
  /**
   * Whether the engine's content filter checked this run's results: false for test models, which
   * have none (the panel says so); null until the results arrive.
   */
  screened: boolean | null;
  error: FailureNotice | null;
  startedAt: number;
  finishedAt: number | null;
}

export interface SessionSnapshot {
  runs: readonly GenerationRun[];
  selected: { runId: number; index: number } | null;
  keeping: boolean;
  /** Outcome of the last Keep (success text or failure). */
  keepNotice: { kind: "success"; message: string } | { kind: "error"; failure: FailureNotice } | null;
}

export interface GenerateInput {
  selection: UsableSelection;
  settings: PanelSettings;
  model: PanelModel;
  mode: PanelMode;
  /** First seed of the batch. */
  seed: number;
}

export interface SessionDeps {
  host: PanelHost;
  service: GenerateService;
  engineSource(model: PanelModel): Promise<ModelSource>;
  captureSource(host: PanelHost, geometry: SourceGeometry): Promise<RgbaImage>;
  /** The prompt filter: null = allowed, text = why not. */
  checkPrompt?: (prompt: string) => string | null;
}

/** What a run keeps to finish and insert its results later (not part of the React snapshot). */
interface RunWork {
  input: GenerateInput;
  geometry: SourceGeometry | null;
  source: RgbaImage | null;
  plan: GenerationPlan | null;
  /** Final images by index; null where the content filter withheld one (its pixels never came). */
  generated: (RgbaPixels | null)[];
  layers: Map<number, RgbaImage>;
}

export class GenerationSession {
  private state: SessionSnapshot = { runs: [], selected: null, keeping: false, keepNotice: null };
  private readonly listeners = new Set<() => void>();
  private readonly work = new Map<number, RunWork>();
  private controller: AbortController | null = null;
  private nextId = 1;

  constructor(private readonly deps: SessionDeps) {}

  snapshot = (): SessionSnapshot => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get running(): boolean {
    return this.controller !== null;
  }

  private set(change: Partial<SessionSnapshot>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  private updateRun(id: number, change: (run: GenerationRun) => Partial<GenerationRun>): void {
    this.set({ runs: this.state.runs.map((r) => (r.id === id ? { ...r, ...change(r) } : r)) });
  }

  /** Runs one generation; resolves when it ended (done, cancelled or failed — never throws). */
  async generate(input: GenerateInput): Promise<GenerationRun> {
    if (this.controller) throw new Error("A generation is already running; cancel it first.");
    const controller = new AbortController();
    this.controller = controller;
    const id = this.nextId++;
    const count = input.settings.count;
    const run: GenerationRun = {
      id,
      mode: input.mode,
      modelId: input.model.id,
      modelName: input.model.displayName,
      settings: input.settings,
      seed: input.seed,
      status: "preparing",
      step: 0,
      totalSteps: 0,
      progress: 0,
      etaSeconds: null,
      items: Array.from({ length: count }, (_, index) => ({ index, seed: input.seed + index, state: "pending", thumbnail: null, withheldReason: null, kept: null })),
      screened: null,
      error: null,
      startedAt: Date.now(),
      finishedAt: null,
    };
    const work: RunWork = { input, geometry: null, source: null, plan: null, generated: [], layers: new Map() };
    this.work.set(id, work);
    this.set({ runs: [run, ...this.state.runs], selected: null, keepNotice: null });
    try {
      await this.execute(id, work, controller.signal);
    } catch (error) {
      if (isCancellation(error) || controller.signal.aborted) {
        this.updateRun(id, (r) => ({ status: "cancelled", finishedAt: Date.now(), items: r.items.map((it) => (it.state === "ready" ? it : { ...it, state: "pending", thumbnail: null })) }));
      } else {
        // Shown in the panel; unexpected failures are also logged for whoever debugs the add-on.
        if (!(error instanceof PromptBlockedError)) console.warn(error);
        this.updateRun(id, () => ({ status: "failed", error: describeFailure(error, "generate"), finishedAt: Date.now() }));
      }
    } finally {
      this.controller = null;
      // Re-publish so subscribers see `running` flip even when the run's state did not change.
      this.set({});
    }
    return this.state.runs.find((r) => r.id === id)!;
  }

  private async execute(id: number, work: RunWork, signal: AbortSignal): Promise<void> {
    const { input } = work;
    const { settings, model } = input;
    const blocked = this.deps.checkPrompt?.(`${settings.prompt}`) ?? null;
    if (blocked) throw new PromptBlockedError(blocked);

    // 2. pixels, 3. plan
    work.geometry = sourceGeometry(input.selection, model.maxModelSide);
    work.source = await this.deps.captureSource(this.deps.host, work.geometry);
    signal.throwIfAborted();
    work.plan = planGeneration({
      mode: input.mode,
      source: work.source,
      maskShapes: work.geometry.maskShapes,
      settings,
      maxModelSide: model.maxModelSide,
      seed: input.seed,
      encodePrompt: model.encodePrompt,
    });

    // 4. the engine: load (no-op when loaded), then generate with live progress
    this.updateRun(id, () => ({ status: "loading" }));
    await this.deps.service.load(await this.deps.engineSource(model));
    signal.throwIfAborted();
    this.updateRun(id, () => ({ status: "running" }));
    const stepMs: number[] = [];
    const result = await this.deps.service.generate(
      work.plan.request,
      (event) => {
        if (event.type === "step") {
          stepMs.push(event.ms);
          const p = { step: event.step, totalSteps: event.totalSteps, stepMs };
          this.updateRun(id, () => ({ step: event.step, totalSteps: event.totalSteps, progress: progressFraction(p), etaSeconds: etaSeconds(p) }));
        } else if (event.type === "preview") {
          this.updateRun(id, (r) => ({
            items: r.items.map((it) => (event.images[it.index] && it.state !== "ready" ? { ...it, state: "preview", thumbnail: event.images[it.index] } : it)),
          }));
        }
      },
      signal,
    );

    // 5b. the engine's content filter checked every result in the worker: flagged ones arrive as
    // { withheld, reason } without pixels and are shown as withheld tiles, never dropped silently.
    work.generated = result.images.map((image) => (isWithheld(image) ? null : image));
    this.updateRun(id, (r) => ({
      status: "done",
      progress: 1,
      etaSeconds: 0,
      step: r.totalSteps,
      finishedAt: Date.now(),
      screened: result.screened,
      items: r.items.map((it) => {
        const image = result.images[it.index];
        if (!image) return { ...it, state: "withheld", thumbnail: null, withheldReason: "The engine returned no image for this slot. Try again." };
        return isWithheld(image) ? { ...it, state: "withheld", thumbnail: null, withheldReason: image.reason } : { ...it, state: "ready", thumbnail: image };
      }),
    }));
    const first = this.state.runs.find((r) => r.id === id)?.items.find((it) => it.state === "ready");
    if (first && this.state.selected === null) this.set({ selected: { runId: id, index: first.index } });
  }

  /** Try again: the same selection, source and settings as `runId`, with new seeds. */
  tryAgain(runId: number, seed: number): Promise<GenerationRun> | null {
    const work = this.work.get(runId);
    if (!work || this.controller) return null;
    return this.generate({ ...work.input, seed, settings: { ...work.input.settings, seed } });
  }

  cancel(): void {
    this.controller?.abort();
  }

  select(runId: number, index: number): void {
    const item = this.state.runs.find((r) => r.id === runId)?.items[index];
    if (item?.state !== "ready") return;
    this.set({ selected: { runId, index }, keepNotice: null });
  }

  /** The selected result as the layer Keep would insert, plus the source under it (for the large preview). */
  selectedLayer(): { source: RgbaImage; layer: RgbaImage } | null {
    const sel = this.state.selected;
    if (!sel) return null;
    return this.layerFor(sel.runId, sel.index);
  }

  private layerFor(runId: number, index: number): { source: RgbaImage; layer: RgbaImage } | null {
    const work = this.work.get(runId);
    const generated = work?.generated[index];
    if (!work?.source || !work.plan || !generated) return null;
    let layer = work.layers.get(index);
    if (!layer) {
      layer = layerFromResult(work.source, work.plan, generated, { colorMatch: work.input.settings.colorMatch });
      work.layers.set(index, layer);
    }
    return { source: work.source, layer };
  }

  /** Step 7: inserts the selected result as a new layer above its source. */
  async keep(): Promise<InsertedLayer | null> {
    const sel = this.state.selected;
    if (!sel || this.state.keeping) return null;
    const work = this.work.get(sel.runId);
    const run = this.state.runs.find((r) => r.id === sel.runId);
    const pair = this.layerFor(sel.runId, sel.index);
    if (!work?.geometry || !work.plan || !run || !pair) return null;
    this.set({ keeping: true, keepNotice: null });
    try {
      const s = work.input.settings;
      const inserted = await keepResult(this.deps.host, {
        pageId: work.geometry.pageId,
        target: work.geometry.target,
        layer: pair.layer,
        record: generationRecord({
          model: run.modelId,
          prompt: s.prompt,
          negativePrompt: s.negativePrompt,
          seed: work.plan.seeds[sel.index],
          steps: s.steps,
          strength: work.plan.strength,
          guidanceScale: s.guidanceScale,
          mode: run.mode,
        }),
      });
      this.updateRun(sel.runId, (r) => ({ items: r.items.map((it) => (it.index === sel.index ? { ...it, kept: inserted } : it)) }));
      this.set({ keeping: false, keepNotice: { kind: "success", message: "Added to your document as a new layer above the original." } });
      return inserted;
    } catch (error) {
      console.warn(error);
      this.set({ keeping: false, keepNotice: { kind: "error", failure: describeFailure(error, "keep") } });
      return null;
    }
  }

  /** Frees the pixels of every run (panel closing). */
  dispose(): void {
    this.cancel();
    this.work.clear();
  }
}
