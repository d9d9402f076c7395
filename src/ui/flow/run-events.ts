/**
 * Every event kind the engine sends, turned into what the run shows (DESIGN.md: "the panel renders
 * every event kind"): load-progress → a determinate loading bar; stage → the stage and the clock;
 * step → step count, progress and time left; preview → live thumbnails; notice → a line the user
 * reads (GPU → CPU fallback, warnings); the result's warnings (prompt cut at 77 tokens) likewise.
 */
import type { EngineNotice } from "../../contract/worker-protocol";
import type { GenerateEvent, LoadProgress } from "../engine/generate-service";
import { asSentence } from "../components/panel-text";
import type { StageClock } from "./progress-eta";
import { withNotice, type GenerationRun } from "./run-state";

const BACKEND_WORDS = { webgpu: "the GPU", wasm: "the CPU" } as const;

/** A notice in the user's words: what happened and what it means for this run. */
export function describeNotice(notice: EngineNotice): string {
  if (notice.kind === "warning") return asSentence(notice.message);
  const from = BACKEND_WORDS[notice.from.backend];
  const to = BACKEND_WORDS[notice.to.backend];
  const cause = notice.reason.message ? ` (${notice.reason.message.replace(/[.\s]+$/, "")})` : "";
  if (notice.from.backend === notice.to.backend) {
    return `Switched from ${notice.from.precision} to ${notice.to.precision} on ${to}${cause}; the results may differ slightly.`;
  }
  return `Running on ${to} instead of ${from}${cause}: slower, same results.`;
}

/** The change one engine event makes to its run. */
export function applyEvent(run: GenerationRun, event: GenerateEvent, clock: StageClock, now: number): Partial<GenerationRun> {
  switch (event.type) {
    case "stage":
      clock.onStage(event.stage, now);
      return { stage: event.stage, ...clock.estimate(now) };
    case "step":
      clock.onStep(event.step, event.totalSteps, event.ms, now);
      return { step: event.step, totalSteps: event.totalSteps, stage: "denoise", ...clock.estimate(now) };
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
};

/** Loading: the engine says which part starts loading, its index (0-based) and how many there are. */
export function applyLoadProgress(progress: LoadProgress): Partial<GenerationRun> {
  const total = Math.max(1, progress.total);
  return { load: { part: PART_WORDS[progress.component] ?? progress.component, done: Math.min(progress.index, total), total } };
}

/** The result's own warnings join the run's notices, each once. */
export function withWarnings(run: GenerationRun, warnings: readonly string[]): string[] {
  return warnings.reduce<string[]>((all, w) => withNotice(all, asSentence(w)), [...run.notices]);
}
