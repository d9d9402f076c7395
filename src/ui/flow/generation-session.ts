/**
 * The Generate flow, start to finish, outside React (DESIGN.md's seven steps):
 *   1 selection (given) → 2 pixels (captureSource) → 3 plan/mask (planGeneration) → 4 engine
 *   request → 5 previews/progress → 6 finish (layerFromResult, on demand) → 7 Keep (keepResult).
 * It holds every run of this panel session so results stay browsable until the panel closes, and
 * exposes an immutable snapshot for React (useSyncExternalStore). Nothing here touches the DOM
 * except through the injected capture function.
 */
import type { InsertedLayer } from "../../contract";
import { isWithheld, type ModelSource, type PreviewDecoderSpec, type RgbaImage, type RunEvent } from "../../contract/worker-protocol";
import type { GenerateService } from "../engine/generate-service";
import type { PanelHost } from "../host/panel-host";
import type { PanelModel } from "../models/panel-models";
import { describeFailure, isCancellation } from "./describe-failure";
import { layerFromResult } from "./finish-result";
import { keepResult, runRecord, type KeptVariations } from "./keep-result";
import { ModelPresence } from "./model-presence";
import type { GenerationPlan } from "./plan-generation";
import type { ExpandGenerationPlan } from "./plan-expand";
import { geometryPlannerFor, planForYielding, workingSide } from "./plan-run";
import { runExpand } from "./run-expand";
import { generateFromPlan, removeRates, runRemove } from "./run-remove";
import { StageClock, type MeasuredRates } from "./progress-eta";
import { applyEvent, withWarnings } from "./run-events";
import { EMPTY_SESSION, isClearable, neighbourPick, newRun, withNotice, type GenerateInput, type GenerationRun, type SessionSnapshot } from "./run-state";
import type { SourceGeometry } from "./source-geometry";
import { EXPORT_NOT_ALLOWED, mayPersist, obtainSource, sourceInfo, type CaptureFunction, type ObtainedSource } from "./obtain-source";
import type { KeptPixelsStore } from "../storage/kept-pixels-store";

export class PromptBlockedError extends Error {
  override name = "PromptBlockedError";
}

export type { KeptVariations } from "./keep-result";
export type { GenerateInput, GenerationRun, ResultItem, RunStatus, SessionSnapshot } from "./run-state";

export interface SessionDeps {
  host: PanelHost;
  service: GenerateService;
  engineSource(model: PanelModel): Promise<ModelSource>;
  previewDecoder?(): Promise<PreviewDecoderSpec | undefined>; // the downloaded TAESD: real previews, the Fast finish
  captureSource: CaptureFunction;
  keptPixels?: KeptPixelsStore; // exact pixels of kept layers, for restyling them later
  /** The prompt filter: null = allowed, text = why not. */
  checkPrompt?: (prompt: string) => string | null;
  /** Called after a Keep with the run's other finished variations (stored for "Other variations"). */
  onKept?: (kept: KeptVariations) => void;
}

/** What a run keeps to finish and insert its results later (not part of the React snapshot). */
interface RunWork {
  input: GenerateInput;
  geometry: SourceGeometry | null;
  source: RgbaImage | null;
  obtained: ObtainedSource | null;
  plan: GenerationPlan | null;
  /** Final images by index; null where the content filter withheld one (its pixels never came). */
  generated: (RgbaImage | null)[];
  layers: Map<number, RgbaImage>;
}

export class GenerationSession {
  private state: SessionSnapshot = EMPTY_SESSION;
  private readonly listeners = new Set<() => void>();
  private readonly work = new Map<number, RunWork>();
  /** Stage durations measured per model and image size, so the next run's ETA covers every stage. */
  private readonly rates = new Map<string, MeasuredRates>();
  private controller: AbortController | null = null;
  private nextId = 1;

  private readonly presence: ModelPresence;

  constructor(private readonly deps: SessionDeps) {
    this.presence = new ModelPresence(deps.service, deps.engineSource, deps.previewDecoder?.bind(deps), (text) => {
      const latest = this.state.runs[0];
      if (latest) this.updateRun(latest.id, (r) => ({ notices: withNotice(r.notices, text) }));
      return !!latest;
    });
  }

  /** Loads `model` in the background so Generate does not wait for it (model-presence.ts). */
  preload(model: PanelModel): void {
    if (!this.controller) this.presence.preload(model);
  }

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

  private run(id: number): GenerationRun | undefined {
    return this.state.runs.find((r) => r.id === id);
  }

  /** Runs one generation; resolves when it ended (done, cancelled or failed — never throws). */
  async generate(input: GenerateInput): Promise<GenerationRun> {
    if (this.controller) throw new Error("A generation is already running; cancel it first.");
    const controller = new AbortController();
    this.controller = controller;
    const id = this.nextId++;
    const run = { ...newRun(id, input), notices: this.presence.takePending() };
    const work: RunWork = { input, geometry: null, source: null, obtained: null, plan: null, generated: [], layers: new Map() };
    this.work.set(id, work);
    // The earlier pick stays picked while the new run works (and after, unless it was kept or is
    // for another selection): a new run never hides what the user chose.
    const earlier = this.state.selected ? this.run(this.state.selected.runId) : undefined;
    const keepPick = earlier?.sourceKey === run.sourceKey;
    this.set({ runs: [run, ...this.state.runs], selected: keepPick ? this.state.selected : null, keepNotice: null });
    try {
      await this.execute(id, work, controller.signal);
    } catch (error) {
      if (isCancellation(error) || controller.signal.aborted) {
        this.updateRun(id, (r) => ({ status: "cancelled", stage: null, load: null, finishedAt: Date.now(), items: r.items.map((it) => (it.state === "ready" ? it : { ...it, state: "pending", thumbnail: null })) }));
      } else {
        // Shown in the panel; unexpected failures are also logged for whoever debugs the add-on.
        if (!(error instanceof PromptBlockedError)) console.warn(error);
        this.updateRun(id, () => ({ status: "failed", stage: null, load: null, error: describeFailure(error, "generate"), finishedAt: Date.now() }));
      }
    } finally {
      this.controller = null;
      // Re-publish so subscribers see `running` flip even when the run's state did not change.
      this.set({});
    }
    return this.run(id)!;
  }

  private async execute(id: number, work: RunWork, signal: AbortSignal): Promise<void> {
    const { input } = work;
    const { settings, model } = input;
    const removing = input.mode === "remove"; // the built-in fill: no prompt, no model
    const blocked = removing ? null : (this.deps.checkPrompt?.(`${settings.prompt}`) ?? null);
    if (blocked) throw new PromptBlockedError(blocked);

    // 2. pixels, 3. plan
    const { host, captureSource: capture, keptPixels } = this.deps;
    const obtained = await obtainSource({ host, selection: input.selection, maxModelSide: workingSide(input), capture, keptPixels, plan: geometryPlannerFor(input) });
    [work.obtained, work.geometry, work.source] = [obtained, obtained.geometry, obtained.image];
    this.updateRun(id, () => ({ source: sourceInfo(obtained) }));
    signal.throwIfAborted();
    work.plan = await planForYielding(input, work.geometry, work.source);

    // 4. the engine: load (no-op when loaded; Remove loads nothing), then run. Every event the
    // engine sends (load-progress, stage, step, preview, notice) reaches the run unchanged.
    const rateKey = `${model?.id ?? input.removalEngine ?? "built-in"}:${work.plan.request.image?.width ?? 0}x${work.plan.request.image?.height ?? 0}:${settings.count}`;
    const rates = removing ? removeRates(this.rates.get(rateKey), work.plan.request.mask, input.removalEngine) : this.rates.get(rateKey); // first Remove: a size-based prior
    const clock = new StageClock(rates, removing ? work.plan.seeds.length : 1);
    const onEvent = (event: RunEvent) => this.updateRun(id, (r) => applyEvent(r, event, clock, Date.now()));
    if (model) {
      this.updateRun(id, () => ({ status: "loading" }));
      await this.deps.service.load(await this.deps.engineSource(model), onEvent, { preview: await this.deps.previewDecoder?.() });
      signal.throwIfAborted();
    }
    this.updateRun(id, () => ({ status: "running", load: null }));
    // Between events (the VAE decode sends none) the estimate is refreshed once a second.
    const ticker = setInterval(() => this.updateRun(id, (r) => (r.status === "running" ? clock.estimate(Date.now()) : {})), 1000);
    let result;
    try {
      // Expand paints tile by tile; each tile's result shows as the image's thumbnail so far.
      const onCanvas = (index: number, thumbnail: RgbaImage) =>
        this.updateRun(id, (r) => ({ items: r.items.map((it) => (it.index === index ? { ...it, state: "preview", thumbnail } : it)) }));
      result = work.plan.expand
        ? await runExpand(this.deps.service, work.source, work.plan as ExpandGenerationPlan, onEvent, signal, onCanvas)
        : removing ? await runRemove(this.deps.service, work.plan, onEvent, signal, onCanvas, input.removalEngine) : await generateFromPlan(this.deps.service, work.plan, onEvent, signal);
    } finally {
      clearInterval(ticker);
    }
    clock.finish(Date.now());
    this.rates.set(rateKey, { ...this.rates.get(rateKey), ...clock.measured });

    // 5b. the engine's content filter checked every result in the worker: flagged ones arrive as
    // { withheld, reason } without pixels and are shown as withheld tiles, never dropped silently.
    work.generated = result.images.map((image) => (isWithheld(image) ? null : image));
    this.updateRun(id, (r) => ({
      status: "done",
      stage: null,
      progress: 1,
      etaSeconds: 0,
      expectedEndAt: null,
      step: r.totalSteps,
      finishedAt: Date.now(),
      screened: result.screened,
      notices: withWarnings(r, result.warnings),
      items: r.items.map((it) => {
        const image = result.images[it.index];
        if (!image) return { ...it, state: "withheld", thumbnail: null, withheldReason: "The engine returned no image for this slot. Try again." };
        return isWithheld(image) ? { ...it, state: "withheld", thumbnail: null, withheldReason: image.reason } : { ...it, state: "ready", thumbnail: image };
      }),
    }));
    const first = this.run(id)?.items.find((it) => it.state === "ready");
    const pick = this.state.selected;
    const pickedRun = pick ? this.run(pick.runId) : undefined;
    const pickDone = !pick || !pickedRun || pickedRun.items[pick.index]?.kept !== null;
    if (first && pickDone) this.set({ selected: { runId: id, index: first.index } });
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
    const item = this.run(runId)?.items[index];
    if (item?.state !== "ready") return;
    this.set({ selected: { runId, index }, keepNotice: null });
  }

  /** ←/→: the next or previous ready result of the picked one's selection (run-state.ts). */
  step(direction: 1 | -1): void {
    const next = neighbourPick(this.state, direction);
    if (next) this.select(next.runId, next.index);
  }

  /** Removes ended runs with nothing to keep (failed, cancelled); one run when `runId` is given. */
  clearEnded(runId?: number): void {
    const gone = this.state.runs.filter((r) => isClearable(r) && (runId === undefined || r.id === runId));
    for (const r of gone) this.work.delete(r.id);
    this.set({ runs: this.state.runs.filter((r) => !gone.includes(r)) });
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
      // Expand's result already is the whole new layer; Remove's fill is the image's own pixels (no colour match).
      const colorMatch = work.input.settings.colorMatch && work.input.mode !== "remove";
      layer = work.plan.expand ? (generated as RgbaImage) : layerFromResult(work.source, work.plan, generated, { colorMatch });
      work.layers.set(index, layer);
    }
    return { source: work.plan.expand?.before ?? work.source, layer };
  }

  /** Step 7: inserts the selected result above its source (refused for preview pixels: obtain-source.ts). */
  async keep(options: { keepMaskShapes?: boolean } = {}): Promise<InsertedLayer | null> {
    const sel = this.state.selected;
    if (!sel || this.state.keeping) return null;
    const work = this.work.get(sel.runId);
    const run = this.run(sel.runId);
    const pair = this.layerFor(sel.runId, sel.index);
    if (!work?.geometry || !work.plan || !run || !pair) return null;
    if (!(await mayPersist(this.deps.host, work.obtained))) return void this.set({ keepNotice: { kind: "error", failure: EXPORT_NOT_ALLOWED } }), null;
    this.set({ keeping: true, keepNotice: null });
    try {
      const record = runRecord(run, work.input.settings, work.plan, sel.index);
      const { pageId, target } = work.geometry;
      const inserted = await keepResult(this.deps.host, { pageId, target, layer: pair.layer, record, keepMaskShapes: options.keepMaskShapes === true });
      await this.deps.keptPixels?.put(inserted.nodeId, pair.layer).catch((error: unknown) => console.warn("Could not store the kept pixels:", error));
      this.updateRun(sel.runId, (r) => ({ items: r.items.map((it) => (it.index === sel.index ? { ...it, kept: inserted } : it)) }));
      this.set({ keeping: false, keepNotice: { kind: "success", message: "Added to your document as a new layer above the original." } });
      if (this.deps.onKept) {
        const others = run.items
          .filter((it) => it.index !== sel.index && it.state === "ready")
          .map((it) => ({ seed: it.seed, layer: this.layerFor(sel.runId, it.index)?.layer }))
          .filter((o): o is { seed: number; layer: RgbaImage } => !!o.layer);
        this.deps.onKept({ inserted, record, others });
      }
      return inserted;
    } catch (error) {
      console.warn(error);
      this.set({ keeping: false, keepNotice: { kind: "error", failure: describeFailure(error, "keep") } });
      return null;
    }
  }

  /** Frees the pixels of every run (panel closing). */
  dispose(): void {
    this.presence.dispose();
    this.cancel();
    this.work.clear();
  }
}
