/**
 * Where a pipeline run's time outside session.run goes, without touching src/: the engine reports
 * a progress event when each stage starts (tokenize, text-encoder, vae-encode, denoise,
 * vae-decode) and its own per-stage timings; the bench's backend decorator counts session.run per
 * model. Between them every millisecond outside session.run lands in a named part:
 *
 *   setup              options, scheduler, noise generators (before "tokenize")
 *   tokenize           the tokenizer
 *   textEncoderWrapper ModelSession.run around the text encoder minus its session.run (tensor conversion)
 *   imagePreprocessing "text-encoder" → "vae-encode" minus the text encoder: image/mask to tensors
 *   vaeEncodeWrapper   as textEncoderWrapper, for the VAE encoder
 *   latentsPrep        "vae-encode" → "denoise" minus the encoder: noise, add_noise, mask latents
 *   denoiseLoop        the loop minus the UNet's session.run: scheduler, guidance, UNet inputs, conversion
 *   vaeDecodeWrapper   as textEncoderWrapper, for the VAE decoder
 *   postprocessing     "vae-decode" → end minus the decoder: clamp, NCHW → NHWC
 */
import type { PipelineEvent, PipelineStage } from "../../src/contract/worker-protocol";
import type { PipelineOutput } from "../../src/engine/pipelines/options";
import { round } from "../lib/measure";
import type { TimedBackend } from "../lib/timed-backend";

interface Mark {
  stage: PipelineStage | "start" | "end";
  at: number;
}

export class PipelineSegments {
  private readonly marks: Mark[] = [];

  constructor(private readonly timed: TimedBackend) {}

  start(): void {
    this.timed.resetRuns();
    this.marks.length = 0;
    this.marks.push({ stage: "start", at: performance.now() });
  }

  readonly onEvent = (event: PipelineEvent): void => {
    if (event.type === "stage") this.marks.push({ stage: event.stage, at: performance.now() });
  };

  /** Call as soon as the run resolves (before anything else is timed). */
  finish(): void {
    this.marks.push({ stage: "end", at: performance.now() });
  }

  /** The outside-session.run split of the run that just finished (ms). */
  breakdown(result: PipelineOutput): Record<string, number> {
    const t = result.timings;
    const runOf = (part: string) =>
      Object.entries(this.timed.log.runMsByModel)
        .filter(([name]) => name.includes(part))
        .reduce((sum, [, ms]) => sum + ms, 0);
    const at = (stage: Mark["stage"]) => this.marks.find((m) => m.stage === stage)?.at;
    const next = (stage: Mark["stage"]) => {
      const index = this.marks.findIndex((m) => m.stage === stage);
      return index < 0 ? undefined : this.marks[index + 1]?.at;
    };
    const span = (stage: Mark["stage"]) => {
      const from = at(stage);
      const to = next(stage);
      return from === undefined || to === undefined ? 0 : to - from;
    };
    const parts: Record<string, number> = {
      setup: (at("tokenize") ?? at("end")!) - at("start")!,
      tokenize: t.tokenize,
      textEncoderWrapper: t.textEncoder - runOf("text_encoder"),
      imagePreprocessing: span("text-encoder") - t.textEncoder,
      vaeEncodeWrapper: t.vaeEncode - runOf("vae_encoder"),
      latentsPrep: at("vae-encode") === undefined ? 0 : span("vae-encode") - t.vaeEncode,
      denoiseLoop: span("denoise") - runOf("unet"),
      vaeDecodeWrapper: t.vaeDecode - runOf("vae_decoder"),
      postprocessing: span("vae-decode") - t.vaeDecode,
    };
    const named = Object.values(parts).reduce((a, b) => a + b, 0);
    parts.unattributed = t.outsideRun - named;
    return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round(v)]));
  }
}
