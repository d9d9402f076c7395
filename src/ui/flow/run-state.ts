/**
 * What the panel shows about one run, as immutable data for React: its status, the engine's stage
 * and progress, every notice and warning the engine sent, and one item per image. The session
 * (generation-session.ts) owns the runs; this file only says what a run looks like.
 */
import type { GrayImage } from "../../imaging";
import type { InsertedLayer } from "../../contract";
import type { PipelineStage, RemovalEngineName, RgbaImage } from "../../contract/worker-protocol";
import type { PanelModel } from "../models/panel-models";
import type { PanelMode, PanelSettings } from "../settings/panel-settings";
import type { FailureNotice } from "./describe-failure";
import { imageCountFor, type UsableSelection } from "./modes";
import type { SourceInfo } from "./obtain-source";

export type RunStatus = "preparing" | "loading" | "running" | "done" | "cancelled" | "failed";

export interface ResultItem {
  index: number;
  seed: number;
  /** pending: nothing yet; preview: a live preview; ready: final; withheld: flagged by the engine's content filter. */
  state: "pending" | "preview" | "ready" | "withheld";
  thumbnail: RgbaImage | null;
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
  /** Which selection the run was made for (selectionKey): its results are for that source only. */
  sourceKey: string;
  status: RunStatus;
  /** The engine's current stage while running (tokenize … content-filter), null before and after. */
  stage: PipelineStage | null;
  /** Model loading: the part loading now, parts done of how many, bytes read of how many (null: unknown); null when not loading. */
  load: { part: string; done: number; total: number; loadedBytes: number; totalBytes: number | null } | null;
  /** Step of the denoising loop (1-based) and how many there are. */
  step: number;
  totalSteps: number;
  /** 0–1 for the progress bar. */
  progress: number;
  etaSeconds: number | null;
  /** When the run should end (ms since epoch), from measured rates: the bar counts down between events. */
  expectedEndAt: number | null;
  /** Everything the engine said the user should know (prompt cut at 77 tokens, GPU → CPU fallback…). */
  notices: string[];
  items: ResultItem[];
  /**
   * Whether the engine's content filter checked this run's results: false for test models, which
   * have none (the panel says so); null until the results arrive.
   */
  screened: boolean | null;
  error: FailureNotice | null;
  /** Where the source came from and at what size (set once captured; see obtain-source.ts). */
  source?: SourceInfo | null;
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
  /** null for Remove, which runs the engine's built-in fill and needs no model. */
  model: PanelModel | null;
  mode: PanelMode;
  /** First seed of the batch. */
  seed: number;
  /** The region editor's mask for this source (any size: resized to the working size); replaces the shapes. */
  paintedMask?: GrayImage | null;
  /** Remove only: the built-in fill (default) or MI-GAN once downloaded. */
  removalEngine?: RemovalEngineName;
}

/** What a run without a model (Remove) names as its model, and what the kept layer's record says. */
export const BUILT_IN_FILL = { id: "built-in-fill", displayName: "Built-in fill" } as const;
export const MIGAN_REMOVAL = { id: "migan-512-places2", displayName: "MI-GAN" } as const;
const removalModel = (input: GenerateInput) => (input.removalEngine === "migan" ? MIGAN_REMOVAL : BUILT_IN_FILL);

export const EMPTY_SESSION: SessionSnapshot = Object.freeze({ runs: [], selected: null, keeping: false, keepNotice: null }) as SessionSnapshot;

/**
 * The identity of what a selection works on: the image layer (with or without mask shapes), or the
 * page region under a set of shapes. Results made for one key are not offered for another.
 */
export function selectionKey(selection: UsableSelection): string {
  if (selection.type === "page-region") return `region:${selection.page.pageId}:${selection.maskShapes.map((m) => m.nodeId).sort().join(",")}`;
  return `image:${selection.image.nodeId}`;
}

export function newRun(id: number, input: GenerateInput, now = Date.now()): GenerationRun {
  return {
    id,
    mode: input.mode,
    modelId: input.model?.id ?? removalModel(input).id,
    modelName: input.model?.displayName ?? removalModel(input).displayName,
    settings: input.settings,
    seed: input.seed,
    sourceKey: selectionKey(input.selection),
    status: "preparing",
    stage: null,
    load: null,
    step: 0,
    totalSteps: 0,
    progress: 0,
    etaSeconds: null,
    expectedEndAt: null,
    notices: [],
    items: Array.from({ length: imageCountFor(input.mode, input.settings.count) }, (_, index) => ({ index, seed: input.seed + index, state: "pending", thumbnail: null, withheldReason: null, kept: null })),
    screened: null,
    error: null,
    startedAt: now,
    finishedAt: null,
  };
}

/** A run that ended with nothing to browse or keep: it can be cleared from the list. */
export function isClearable(run: GenerationRun): boolean {
  return (run.status === "failed" || run.status === "cancelled") && !run.items.some((it) => it.state === "ready");
}

/** Adds a notice once (the same warning for every image of a batch is shown once). */
export function withNotice(notices: readonly string[], text: string): string[] {
  const t = text.trim();
  return !t || notices.includes(t) ? [...notices] : [...notices, t];
}

/**
 * The next (+1) or previous (-1) ready result of the picked one's selection, across its runs in
 * the order they are shown (newest run first), wrapping around; null with fewer than two.
 */
export function neighbourPick(state: SessionSnapshot, direction: 1 | -1): { runId: number; index: number } | null {
  const sel = state.selected;
  const key = sel ? state.runs.find((r) => r.id === sel.runId)?.sourceKey : undefined;
  const order = state.runs.filter((r) => r.sourceKey === key).flatMap((r) => r.items.filter((it) => it.state === "ready").map((it) => ({ runId: r.id, index: it.index })));
  const at = order.findIndex((o) => o.runId === sel?.runId && o.index === sel?.index);
  if (at < 0 || order.length < 2) return null;
  return order[(at + direction + order.length) % order.length];
}
