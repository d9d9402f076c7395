/**
 * The model outside runs: loaded in the background before the first Generate (the panel opened
 * with a cached model, or the user chose one), and what the engine says when no run asked (it
 * released the model after an idle timeout or under memory pressure). A sentence with no run to
 * show it on waits for the next run.
 */
import type { ModelSource, PreviewDecoderSpec } from "../../contract/worker-protocol";
import type { GenerateService } from "../engine/generate-service";
import type { PanelModel } from "../models/panel-models";
import { withNotice } from "./run-state";

export class ModelPresence {
  private pending: string[] = [];
  private readonly unsubscribe: () => void;

  constructor(
    private readonly service: GenerateService,
    private readonly engineSource: (model: PanelModel) => Promise<ModelSource>,
    /** The downloaded TAESD, loaded with the model exactly as Generate loads it (same load, so joined). */
    private readonly previewDecoder: (() => Promise<PreviewDecoderSpec | undefined>) | undefined,
    /** Shows a sentence on the latest run; false when there is none. */
    tellLatestRun: (text: string) => boolean,
  ) {
    this.unsubscribe =
      service.onReleased?.((reason) => {
        if (!tellLatestRun(reason)) this.pending = withNotice(this.pending, reason);
      }) ?? (() => undefined);
  }

  /** Starts loading `model`; a Generate meanwhile joins this load. Failures stay quiet: Generate reports them. */
  preload(model: PanelModel): void {
    void (async () => this.service.load(await this.engineSource(model), undefined, { preview: await this.previewDecoder?.() }))().catch(() => undefined);
  }

  /** Sentences still to show, for the run starting now. */
  takePending(): string[] {
    const pending = this.pending;
    this.pending = [];
    return pending;
  }

  dispose(): void {
    this.unsubscribe();
  }
}
