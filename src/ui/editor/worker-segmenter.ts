/**
 * Click-to-select for the editor page over the engine's "segment" request. The page starts its own
 * engine worker (a dialog has no channel to the panel's), on the CPU path. The first click sends
 * the picture (its embedding is computed once in the worker); later clicks send only the prompt.
 * A catalogue model that is not in the model cache is offered for download first, through the
 * same verified downloader as every other model.
 */
import type { SegmentationSource } from "../../contract/worker-protocol";
import type { GrayImage } from "../../imaging";
import type { EngineClient } from "../../engine/worker/engine-client";
import type { ClickPrompt, ClickSegmenter, SegmenterState } from "./segmenter-port";

export interface SegmenterDownload {
  sizeBytes: number;
  isPresent(): Promise<boolean>;
  run(onFraction: (fraction: number) => void): Promise<void>;
}

export interface WorkerSegmenterOptions {
  engine: () => EngineClient;
  source: SegmentationSource;
  picture: ImageBitmap;
  /** Names the picture for the worker's embedding cache. */
  imageKey: string;
  /** Catalogue models: download before the first click when not cached. */
  download?: SegmenterDownload;
}

function rgbaOf(bitmap: ImageBitmap): { width: number; height: number; data: Uint8ClampedArray } {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  return { width: bitmap.width, height: bitmap.height, data: new Uint8ClampedArray(ctx.getImageData(0, 0, bitmap.width, bitmap.height).data) };
}

export function workerSegmenter(options: WorkerSegmenterOptions): ClickSegmenter {
  let state: SegmenterState = options.download ? { kind: "preparing" } : { kind: "ready" };
  let engine: EngineClient | null = null;
  let embedded = false;
  let queue: Promise<unknown> = Promise.resolve();
  const listeners = new Set<() => void>();
  const set = (next: SegmenterState) => {
    state = next;
    for (const l of listeners) l();
  };
  const client = () => (engine ??= options.engine());
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

  if (options.download) {
    const d = options.download;
    d.isPresent().then(
      (present) => set(present ? { kind: "ready" } : { kind: "needs-download", sizeBytes: d.sizeBytes, message: `Click-select needs the object selector (${mb(d.sizeBytes)}, downloaded once, runs on this device).` }),
      (error: Error) => set({ kind: "failed", message: `The model cache could not be read: ${error.message}` }),
    );
  }

  return {
    state: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async prepare() {
      if (state.kind !== "needs-download" || !options.download) return;
      set({ kind: "downloading", fraction: 0 });
      try {
        await options.download.run((fraction) => set({ kind: "downloading", fraction }));
        set({ kind: "ready" });
      } catch (error) {
        set({ kind: "failed", message: `The object selector did not download: ${(error as Error).message} Try again.` });
        throw error;
      }
    },
    segment(prompt: ClickPrompt): Promise<GrayImage> {
      const run = async (): Promise<GrayImage> => {
        if (state.kind === "needs-download") throw new Error("Download the object selector first (the Download button in this bar).");
        const first = !embedded;
        if (first) set({ kind: "preparing" });
        try {
          const result = await client().segment({
            model: options.source,
            imageKey: options.imageKey,
            image: first ? rgbaOf(options.picture) : undefined,
            // SAM takes pixel indices (its prompt encoder adds the half-pixel itself).
            points: prompt.points.map((p) => ({ x: Math.floor(p.x), y: Math.floor(p.y), label: p.label })),
            box: prompt.box,
          });
          embedded = true;
          return { width: result.mask.width, height: result.mask.height, data: result.mask.data };
        } finally {
          if (first) set({ kind: "ready" });
        }
      };
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    },
    dispose() {
      engine?.dispose();
      engine = null;
    },
  };
}
