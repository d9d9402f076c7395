/**
 * Masks painted in the region editor, kept per source (the image layer's node id, or the page
 * region) for as long as the panel is open: Generate and Try again use them, reopening the editor
 * starts from them. Never persisted (masks are pixels of the user's document).
 */
import { resizeGray, type GrayImage } from "../../imaging";
import type { UsableSelection } from "../flow/modes";

export function regionKey(selection: UsableSelection): string {
  if (selection.type === "page-region") {
    const r = selection.region;
    return `region:${selection.page.pageId}:${r.x},${r.y},${r.width},${r.height}`;
  }
  return `image:${selection.image.nodeId}`;
}

/** A mask at `width × height`: resized (and re-thresholded) when the working size changed, e.g. another model. */
export function maskAtSize(mask: GrayImage, width: number, height: number): GrayImage {
  if (mask.width === width && mask.height === height) return mask;
  const out = resizeGray(mask, width, height);
  for (let i = 0; i < out.data.length; i++) out.data[i] = out.data[i] >= 128 ? 255 : 0;
  return out;
}

export class RegionMaskStore {
  private readonly masks = new Map<string, GrayImage>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  get(key: string): GrayImage | null {
    return this.masks.get(key) ?? null;
  }

  /** Stores the mask for `key`; an empty mask removes it (the selection's shapes apply again). */
  set(key: string, mask: GrayImage): void {
    if (mask.data.some((v) => v > 0)) this.masks.set(key, mask);
    else this.masks.delete(key);
    this.changed();
  }

  delete(key: string): void {
    if (this.masks.delete(key)) this.changed();
  }

  snapshot = (): number => this.version;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
