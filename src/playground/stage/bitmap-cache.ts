/**
 * Decoded pixels of the fake document's bitmaps, keyed by bitmap id. Decoding is async
 * (createImageBitmap) while drawing is sync, so callers `await ensureDecoded(page)` first.
 */
import type { FakeBitmap, NodeModel, PageModel } from "../fake-express";
import { allChildrenOf } from "../fake-express/model";

export class BitmapCache {
  private readonly decoded = new Map<string, ImageBitmap>();
  private readonly pending = new Map<string, Promise<void>>();

  get(bitmap: FakeBitmap): ImageBitmap | undefined {
    return this.decoded.get(bitmap.id);
  }

  /** Number of decoded bitmaps: part of the stage's redraw signature. */
  get size(): number {
    return this.decoded.size;
  }

  /** Decodes every PNG-backed bitmap on the page that is not decoded yet. */
  async ensureDecoded(page: PageModel): Promise<void> {
    const jobs: Promise<void>[] = [];
    const visit = (model: NodeModel): void => {
      const bitmap = model.bitmap;
      if (bitmap?.png && !this.decoded.has(bitmap.id)) jobs.push(this.decode(bitmap, bitmap.png));
      for (const child of allChildrenOf(model)) visit(child);
    };
    for (const artboard of page.artboards) visit(artboard);
    await Promise.all(jobs);
  }

  private decode(bitmap: FakeBitmap, png: ArrayBuffer): Promise<void> {
    let job = this.pending.get(bitmap.id);
    if (!job) {
      job = createImageBitmap(new Blob([png], { type: "image/png" })).then((image) => {
        this.decoded.set(bitmap.id, image);
        this.pending.delete(bitmap.id);
      });
      this.pending.set(bitmap.id, job);
    }
    return job;
  }
}
