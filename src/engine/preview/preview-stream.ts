/**
 * The live previews of one run: each step's predicted clean latents (x̂₀, the scheduler's
 * pred_original_sample) → thumbnails, posted in step order.
 *
 * - With TAESD loaded, x̂₀ is decoded by TAESD, on every step or every other step when a step is
 *   faster than a decode (PreviewCadence). Without it, the linear latent projection runs on every
 *   step (microseconds).
 * - Ordering: `push` is called synchronously at the step's end, so the decode takes its place in
 *   the runtime mutex before the next UNet call — the decode of step i runs before step i + 1's UNet and
 *   never concurrently with it — and previews are posted through one promise chain, in step order.
 * - A failing TAESD decode does not fail the run: previews switch to the projection and one
 *   warning says so.
 */
import type { PreviewKind } from "../../contract/worker-protocol";
import { GenerationCancelledError } from "../errors";
import { PreviewCadence } from "./preview-cadence";
import { PreviewRenderer } from "./preview-renderer";
import type { TaesdPreviewDecoder } from "./taesd-preview-decoder";

/** What a step leaves for its preview. */
export interface StepLatentsForPreview {
  step: number;
  totalSteps: number;
  /** x̂₀ after this step: [B, 4, h, w] float32. */
  predOriginalSample: Float32Array;
  latentShape: readonly number[];
}

type Thumbnail = Awaited<ReturnType<PreviewRenderer["render"]>>[number];

export interface PostedPreview {
  step: number;
  totalSteps: number;
  kind: PreviewKind;
  images: Thumbnail[];
}

export interface PreviewStreamOptions {
  decoder: TaesdPreviewDecoder | null;
  /** Long side of the thumbnails, px. */
  maxSize: number;
  signal: AbortSignal;
  onPreview: (preview: PostedPreview) => void;
  /** A warning for the user (the decoder failed and previews fell back to the projection). */
  onWarning: (message: string) => void;
  cadence?: PreviewCadence;
}

export class PreviewStream {
  private renderer: PreviewRenderer;
  private chain: Promise<void> = Promise.resolve();
  private readonly cadence: PreviewCadence;
  /** Time spent rendering previews, ms (the result's timings.previews). */
  ms = 0;

  constructor(private readonly o: PreviewStreamOptions) {
    this.renderer = new PreviewRenderer(o.decoder);
    this.cadence = o.cadence ?? new PreviewCadence();
  }

  get kind(): PreviewKind {
    return this.renderer.kind;
  }

  /** The denoising loop starts (the first step's time counts from here). */
  start(): void {
    this.cadence.start();
  }

  /** At a step's end, synchronously (see the ordering note above). */
  push(latents: StepLatentsForPreview): void {
    const decodeThisStep = this.cadence.stepEnded();
    const { signal } = this.o;
    if (signal.aborted) return;
    const kind = this.renderer.kind;
    if (kind === "taesd" && !decodeThisStep) return;
    const [, , h, w] = latents.latentShape; // [B, 4, H/8, W/8]
    const started = performance.now();
    const rendering = this.renderer.render(latents.predOriginalSample, latents.latentShape, w * 8, h * 8, this.o.maxSize, { signal });
    this.chain = this.chain.then(async () => {
      try {
        const images = await rendering;
        const ms = performance.now() - started;
        this.ms += ms;
        if (kind === "taesd") this.cadence.decoded(ms);
        if (!signal.aborted) this.o.onPreview({ step: latents.step, totalSteps: latents.totalSteps, kind, images });
      } catch (error) {
        if (signal.aborted || error instanceof GenerationCancelledError) return;
        if (kind === "taesd" && this.renderer.kind === "taesd") {
          this.renderer = new PreviewRenderer(null);
          this.o.onWarning(`Previews switched to the rough colour preview: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    });
  }

  /** Resolves once every pushed preview has been posted (or dropped). */
  drain(): Promise<void> {
    return this.chain;
  }
}
