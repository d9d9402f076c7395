/**
 * Every event kind the engine sends, turned into what the run shows (DESIGN.md: "the panel renders
 * every event kind"): load-progress → a determinate loading bar (parts and bytes); stage → the stage
 * and the clock; step → step count, progress and time left; preview → live thumbnails; notice → a
 * line the user reads (GPU → CPU fallback, model released, warnings); the result's warnings (prompt
 * cut at 77 tokens, NaN retried) likewise.
 */
import type { EngineNotice, RunEvent } from "../../contract/worker-protocol";
import { asSentence } from "../components/panel-text";
import type { StageClock } from "./progress-eta";
import { withNotice, type GenerationRun } from "./run-state";

const BACKEND_WORDS = { webgpu: "the GPU", wasm: "the CPU" } as const;

/** A notice in the user's words: what happened and what it means for this run. */
export function describeNotice(notice: EngineNotice): string {
  if (notice.kind === "warning") return asSentence(notice.message);
  if (notice.kind === "released") return asSentence(notice.reason);
  const from = BACKEND_WORDS[notice.from.backend];
  const to = BACKEND_WORDS[notice.to.backend];
  // What changed first, then the engine's own sentence on why (it may hold brackets and its own advice).
  const why = notice.reason.message ? ` ${asSentence(notice.reason.message)}` : "";
  if (notice.from.backend === notice.to.backend) {
    return `Switched from ${notice.from.precision} to ${notice.to.precision} on ${to}; the results may differ slightly.${why}`;
  }
  return `Running on ${to} instead of ${from}: slower, same results.${why}`;
}

/** The change one engine event makes to its run. */
export function applyEvent(run: GenerationRun, event: RunEvent, clock: StageClock, now: number): Partial<GenerationRun> {
  switch (event.type) {
    case "load-progress":
      return applyLoadProgress(event);
    case "stage":
      clock.onStage(event.stage, now);
      return { status: "running", load: null, stage: event.stage, ...clock.estimate(now) };
    case "step":
      clock.onStep(event.step, event.totalSteps, event.ms, now);
      return { status: "running", load: null, step: event.step, totalSteps: event.totalSteps, stage: "denoise", ...clock.estimate(now) };
    case "preview":
      return {
        items: run.items.map((it) => (event.images[it.index] && it.state !== "ready" ? { ...it, state: "preview", thumbnail: event.images[it.index] } : it)),
      };
    case "notice":
      return { notices: withNotice(run.notices, describeNotice(event.notice)) };
  }
}

const PART_WORDS: Record<string, string> = {
  textEncoder: "text encoder",
  unet: "UNet",
  unetInpaint: "UNet",
  vaeEncoder: "image encoder",
  vaeDecoder: "image decoder",
  "preview-decoder": "preview decoder",
  tokenizer: "tokenizer",
  "safety-classifier": "content filter",
  "segmentation-encoder": "selection model",
  "segmentation-decoder": "selection model",
};

/** Loading: the engine says which part starts loading, its index (0-based) of how many, and the bytes so far. */
export function applyLoadProgress(progress: Extract<RunEvent, { type: "load-progress" }>): Partial<GenerationRun> {
  const total = Math.max(1, progress.total);
  const part = PART_WORDS[progress.component] ?? progress.component;
  return { status: "loading", load: { part, done: Math.min(progress.index, total), total, loadedBytes: progress.loadedBytes, totalBytes: progress.totalBytes } };
}

/** The result's own warnings join the run's notices, each once. */
export function withWarnings(run: GenerationRun, warnings: readonly string[]): string[] {
  return warnings.reduce<string[]>((all, w) => withNotice(all, asSentence(w)), [...run.notices]);
}
